package io.molxform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the progress line says of a cluster job, from the task list and the per-step record
 * counts Flink's REST API gives (names and metric ids as a Flink 1.19 cluster reports them for a
 * molxform job).
 */
class ProgressTest {
  private static final String CHEMISTRY_TASK = "chem";
  private static final String WRITER_TASK = "write";

  private static JsonNode vertices(String chemistry, String dedup, String finalize)
      throws Exception {
    return new ObjectMapper().readTree("""
        [{"id": "chem", "name": "CHAIN DataSource (at ReadLibrary/ReadRows (org.apache.beam.\
        runners.flink.translation.wrappers.SourceInputFormat)) -> FlatMap (FlatMap at \
        ApplyTransforms/ApplyChemistry/ParMultiDo(Apply)) -> FlatMap (FlatMap at ApplyTransforms/\
        ApplyChemistry/ParMultiDo(Apply).output) -> GroupCombine (GroupCombine at GroupCombine: \
        Dedup/KeepRepresentative)", "status": "%s", "metrics": {"write-records": 114180}},
         {"id": "write", "name": "CHAIN GroupReduce (GroupReduce at Dedup/KeepRepresentative) -> \
        FlatMap (FlatMap at WriteShards/WriteFiles)", "status": "%s", "metrics": {}},
         {"id": "fin", "name": "CHAIN FlatMap (FlatMap at Finalize/MoveShardsAndWriteManifest/\
        ParMultiDo(Finalize))", "status": "%s", "metrics": {}}]
        """.formatted(chemistry, dedup, finalize));
  }

  private static Map<String, Long> operators(String task) {
    return task.equals(CHEMISTRY_TASK) ? Map.of(
        "DataSource_(at_ReadLibrary/ReadRows_(org_apache_beam_runners_flink_translation_w"
            + ".numRecordsOut", 1554L,
        "FlatMap_(FlatMap_at_ApplyTransforms/ApplyChemistry/ParMultiDo(Apply)).numRecordsIn",
        1554L,
        "FlatMap_(FlatMap_at_ApplyTransforms/ApplyChemistry/ParMultiDo(Apply)).numRecordsOut",
        5709L,
        "FlatMap_(FlatMap_at_ApplyTransforms/ApplyChemistry/ParMultiDo(Apply)_output)"
            + ".numRecordsOut", 5709L)
        : task.equals(WRITER_TASK) ? Map.of(
            "GroupReduce_(GroupReduce_at_Dedup/KeepRepresentative).numRecordsOut", 4321L,
            "FlatMap_(FlatMap_at_WriteShards/WriteFiles).numRecordsIn", 4321L)
        : Map.of();
  }

  private static String describe(String chemistry, String dedup, String finalize,
      Map<String, Long> writer) throws Exception {
    return Progress.ClusterCounts.of(vertices(chemistry, dedup, finalize), 20_000,
        task -> task.equals(WRITER_TASK) ? writer : operators(task),
        new Progress.ClusterCounts(19_000, 57_090, 0, false, false)).describe(20_000, 10);
  }

  @Test
  void aClusterJobIsDescribedByItsRowsProductsAndPhase() throws Exception {
    assertEquals("transforming: 0 of 20,000 rows (0%), 0 products and rejects made, 0 mol/s",
        describe("CREATED", "CREATED", "CREATED", Map.of()));
    // The dedup's task runs beside the chemistry's from the start: the rows tell the phase.
    assertEquals("transforming: 1,554 of 20,000 rows (8%), 5,709 products and rejects made, "
        + "155 mol/s", describe("RUNNING", "RUNNING", "CREATED", Map.of(
            "FlatMap_(FlatMap_at_WriteShards/WriteFiles).numRecordsIn", 0L)));
    assertEquals("deduplicating: all 20,000 rows transformed, merging 57,090 products and "
        + "rejects", describe("FINISHED", "RUNNING", "CREATED", Map.of()));
    assertEquals("writing: 4,321 unique products and rejects to the writers",
        describe("FINISHED", "RUNNING", "CREATED", operators(WRITER_TASK)));
    assertEquals("written: the writers have finished",
        describe("FINISHED", "FINISHED", "CREATED", Map.of()));
    assertEquals("finalizing: moving the shards into place, writing the report and the "
        + "manifest", describe("FINISHED", "FINISHED", "RUNNING", Map.of()));
  }
}
