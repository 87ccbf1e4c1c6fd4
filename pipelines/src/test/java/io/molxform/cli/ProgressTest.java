package io.molxform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.molxform.beam.ApplyTransforms;
import io.molxform.beam.write.WriteShards;
import org.junit.jupiter.api.Test;

/** The phase a cluster job is in, read from the task list Flink's REST API gives. */
class ProgressTest {
  private static JsonNode vertices(String chemistry, String dedup, String finalize)
      throws Exception {
    return new ObjectMapper().readTree("""
        [{"name": "CHAIN DataSource (at ReadLibrary/ReadRows) -> FlatMap (FlatMap at \
        ApplyTransforms/ApplyChemistry) -> GroupCombine (GroupCombine at Dedup/KeepRepresentative)",
          "status": "%s", "metrics": {"read-records": 0}},
         {"name": "CHAIN GroupReduce (GroupReduce at Dedup/KeepRepresentative) -> FlatMap \
        (FlatMap at WriteShards/WriteFiles)", "status": "%s", "metrics": {"read-records": 1234}},
         {"name": "CHAIN FlatMap (FlatMap at Finalize/MoveShardsAndWriteManifest/ParMultiDo(\
        Finalize))", "status": "%s", "metrics": {"read-records": 1}}]
        """.formatted(chemistry, dedup, finalize));
  }

  @Test
  void thePhaseIsTheLatestStepThatHasStarted() throws Exception {
    assertEquals("starting", Progress.clusterPhase(vertices("CREATED", "CREATED", "CREATED")));
    assertEquals("transforming, 0 records in",
        Progress.clusterPhase(vertices("RUNNING", "CREATED", "CREATED")));
    // The pre-combine in the chemistry's chain does not make it the dedup phase.
    assertEquals("deduplicating and writing, 1,234 records in",
        Progress.clusterPhase(vertices("FINISHED", "RUNNING", "CREATED")));
    assertEquals("finalizing, 1 records in",
        Progress.clusterPhase(vertices("FINISHED", "FINISHED", "RUNNING")));
  }
}
