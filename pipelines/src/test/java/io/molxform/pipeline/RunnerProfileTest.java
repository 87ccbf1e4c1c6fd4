package io.molxform.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.UsageException;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class RunnerProfileTest {
  private static RunnerProfile profile(String... args) {
    PipelineOptionsFactory.register(MolxformOptions.class);
    return RunnerProfile.of(PipelineOptionsFactory.fromArgs(args).as(MolxformOptions.class));
  }

  @Test
  void theDirectRunnerHoldsItsDataInMemory() {
    RunnerProfile direct = profile("--runner=DirectRunner");
    assertEquals(RunnerProfile.Kind.IN_MEMORY, direct.kind());
    assertEquals("DirectRunner", direct.runner());
    assertNull(direct.clusterUi());
  }

  @Test
  void flinkWithoutAMasterOrWithABracketedOneRunsInThisProcessOnEveryCore() {
    int cores = Runtime.getRuntime().availableProcessors();
    for (String master : new String[] {null, "[local]", "[auto]", "[collection]"}) {
      RunnerProfile flink = master == null ? profile("--runner=FlinkRunner")
          : profile("--runner=FlinkRunner", "--flinkMaster=" + master);
      assertEquals(RunnerProfile.Kind.EMBEDDED_FLINK, flink.kind(), String.valueOf(master));
      assertEquals(cores, flink.workers());
      assertNull(flink.clusterUi());
    }
    assertEquals(3, profile("--runner=FlinkRunner", "--parallelism=3").workers());
  }

  @Test
  void aClusterIsNamedByItsAddressAndItsWorkersAreKnownOnlyWhenGiven() {
    RunnerProfile cluster = profile("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8082");
    assertEquals(RunnerProfile.Kind.FLINK_CLUSTER, cluster.kind());
    assertEquals("http://127.0.0.1:8082", cluster.clusterUi());
    assertEquals(0, cluster.workers());
    assertEquals("http://jm:8081", profile("--runner=FlinkRunner", "--flinkMaster=jm").clusterUi());
    assertEquals("http://jm:9", profile("--runner=FlinkRunner", "--flinkMaster=http://jm:9",
        "--parallelism=4").clusterUi());
    assertEquals(4, profile("--runner=FlinkRunner", "--flinkMaster=jm:9", "--parallelism=4")
        .workers());
  }

  @Test
  void aPortThatIsNotANumberIsAUsageError() {
    UsageException e = assertThrows(UsageException.class,
        () -> profile("--runner=FlinkRunner", "--flinkMaster=jm:web"));
    assertTrue(e.getMessage().contains("the port 'web' is not a number"), e.getMessage());
  }
}
