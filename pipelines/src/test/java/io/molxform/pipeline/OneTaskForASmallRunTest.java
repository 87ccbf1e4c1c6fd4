package io.molxform.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.molxform.beam.Reagents;
import io.molxform.chem.ReagentSet;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformSpec;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** When embedded Flink gets one task instead of one per core, and how a run's chemistry counts. */
class OneTaskForASmallRunTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private static MolxformOptions options(String... args) {
    PipelineOptionsFactory.register(MolxformOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(MolxformOptions.class);
  }

  private static int workers(MolxformOptions options, long chemistry) {
    return RunPlan.oneTaskForASmallRun(options, RunnerProfile.of(options), chemistry).workers();
  }

  @Test
  void embeddedFlinkRunsASmallRunOnOneTask() {
    MolxformOptions options = options("--runner=FlinkRunner");
    assertEquals(1, workers(options, 49_999));
    // The runner reads the same options: the job itself gets one task.
    assertEquals(1, options.as(FlinkPipelineOptions.class).getParallelism());
  }

  @Test
  void aLargerRunOrAnyChoiceOfTheUsersKeepsItsTasks() {
    assertEquals(CORES, workers(options("--runner=FlinkRunner"), 50_000));
    assertEquals(CORES, workers(options("--runner=FlinkRunner", "--oneTaskBelow=0"), 1));
    assertEquals(2, workers(options("--runner=FlinkRunner", "--parallelism=2"), 1));
    assertEquals(0, workers(options("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081"), 1));
    MolxformOptions cluster = options("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081");
    workers(cluster, 1);
    assertEquals(-1, cluster.as(FlinkPipelineOptions.class).getParallelism());
  }

  @Test
  void aRowCountsOncePerOneMoleculeTransformAndOncePerReagentItMeets() {
    List<TransformSpec> specs = TransformCatalog.builtIn()
        .select(List.of("FG_PHENOL_OH__OH__TO__OMe", "FG_PHENOL_OH__OH__TO__OCOR"));
    String twoComponent = specs.get(1).name();
    List<ReagentSet.Row> acids = List.of(new ReagentSet.Row("a", "CC(=O)O"),
        new ReagentSet.Row("b", "OC(=O)c1ccccc1"), new ReagentSet.Row("c", "CCC(=O)O"));
    assertEquals(1, RunPlan.chemistryPerRow(specs.subList(0, 1), Reagents.NONE));
    assertEquals(1 + 3, RunPlan.chemistryPerRow(specs,
        new Reagents(Map.of(twoComponent, acids), Map.of(), Map.of(), 0)));
    assertEquals(1 + 2, RunPlan.chemistryPerRow(specs,
        new Reagents(Map.of(twoComponent, acids), Map.of(), Map.of(), 2)));
  }
}
