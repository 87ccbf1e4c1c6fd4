package io.molxform.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** When a run that named no runner goes to the DirectRunner, and with how many dedup buckets. */
class DirectRunnerForASmallRunTest {
  private static MolxformOptions options(String... args) {
    PipelineOptionsFactory.register(MolxformOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(MolxformOptions.class);
  }

  /** The options as the command line makes them when it names no runner. */
  private static MolxformOptions byDefault(String... more) {
    String[] args = new String[more.length + 1];
    args[0] = "--runner=FlinkRunner";
    System.arraycopy(more, 0, args, 1, more.length);
    return options(args);
  }

  private static RunnerProfile.Kind kind(MolxformOptions options, long chemistry) {
    return RunPlan.directRunnerForASmallRun(options, RunnerProfile.of(options), chemistry)
        .kind();
  }

  @Test
  void aSmallRunGoesToTheDirectRunnerWithoutItsElementChecks() {
    MolxformOptions options = byDefault();
    assertEquals(RunnerProfile.Kind.IN_MEMORY, kind(options, 14_999));
    // The pipeline reads the same options: it runs on the DirectRunner.
    assertEquals("DirectRunner", options.getRunner().getSimpleName());
    DirectOptions direct = options.as(DirectOptions.class);
    assertFalse(direct.isEnforceImmutability());
    assertFalse(direct.isEnforceEncodability());
  }

  @Test
  void aSmallRunHasAtMostOneBucketPerFiveThousandMolecules() {
    MolxformOptions demo = byDefault();
    kind(demo, 144);
    assertEquals(1, demo.getDedupBuckets());
    MolxformOptions larger = byDefault();
    kind(larger, 14_999);
    assertEquals(3, larger.getDedupBuckets());
    MolxformOptions fewer = byDefault("--dedupBuckets=2");
    kind(fewer, 14_999);
    assertEquals(2, fewer.getDedupBuckets(), "--dedupBuckets stays the most");
  }

  @Test
  void aLargerRunOrFlinksOwnOptionsKeepEmbeddedFlink() {
    RunnerProfile.Kind flink = RunnerProfile.Kind.EMBEDDED_FLINK;
    MolxformOptions larger = byDefault();
    assertEquals(flink, kind(larger, 15_000));
    assertEquals(32, larger.getDedupBuckets());
    assertEquals(flink, kind(byDefault("--directRunnerBelow=0"), 1));
    assertEquals(flink, kind(byDefault("--parallelism=2"), 1));
    assertEquals(flink, kind(byDefault("--spillDirectory=/tmp"), 1));
    assertEquals(flink, kind(byDefault("--flinkConfDir=/tmp"), 1));
    assertEquals(RunnerProfile.Kind.FLINK_CLUSTER,
        kind(byDefault("--flinkMaster=127.0.0.1:8081"), 1));
  }
}
