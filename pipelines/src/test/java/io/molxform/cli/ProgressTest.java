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
  private static final String MERGE_TASK = "write";

  private static JsonNode vertices(String chemistry, String dedup, String finalize)
      throws Exception {
    return new ObjectMapper().readTree("""
        [{"id": "chem", "name": "CHAIN DataSource (at ReadLibrary/ReadRows (org.apache.beam.\
        runners.flink.translation.wrappers.SourceInputFormat)) -> FlatMap (FlatMap at \
        ApplyTransforms/ApplyChemistry/ParMultiDo(Apply)) -> FlatMap (FlatMap at ApplyTransforms/\
        ApplyChemistry/ParMultiDo(Apply).output) -> FlatMap (FlatMap at Dedup/ExactDedup/\
        SpreadIntoBuckets) -> FlatMap (FlatMap at Dedup/ExactDedup/SpreadIntoBuckets.out2) -> \
        FlatMap (FlatMap at WriteShards/WriteFiles3)", "status": "%s", "metrics": {}},
         {"id": "write", "name": "CHAIN GroupReduce (GroupReduce at Dedup/ExactDedup/\
        GroupBuckets) -> FlatMap (FlatMap at Dedup/ExactDedup/MergeBuckets/ParMultiDo(\
        MergeBucket)) -> FlatMap (FlatMap at Dedup/ExactDedup/MergeBuckets/ParMultiDo(\
        MergeBucket).output) -> FlatMap (FlatMap at WriteShards/WriteFiles1)", "status": "%s", \
        "metrics": {}},
         {"id": "fin", "name": "CHAIN FlatMap (FlatMap at Finalize/MoveShardsAndWriteManifest/\
        ParMultiDo(Finalize))", "status": "%s", "metrics": {}}]
        """.formatted(chemistry, dedup, finalize));
  }

  /** The chemistry's task: 1,554 rows read, 5,709 records made, 33 rejects written. */
  private static final Map<String, Long> CHEMISTRY_COUNTS = Map.of(
      "DataSource_(at_ReadLibrary/ReadRows_(org_apache_beam_runners_flink_translation_w"
          + ".numRecordsOut", 1554L,
      "FlatMap_(FlatMap_at_ApplyTransforms/ApplyChemistry/ParMultiDo(Apply)).numRecordsIn",
      1554L,
      "FlatMap_(FlatMap_at_ApplyTransforms/ApplyChemistry/ParMultiDo(Apply)).numRecordsOut",
      5709L,
      "FlatMap_(FlatMap_at_ApplyTransforms/ApplyChemistry/ParMultiDo(Apply)_output)"
          + ".numRecordsOut", 5709L,
      "FlatMap_(FlatMap_at_WriteShards/WriteFiles3).numRecordsIn", 33L,
      "FlatMap_(FlatMap_at_WriteShards/WriteFiles3.out0).numRecordsIn", 33L);

  /** The merge's task: 4,321 products handed to its writer. */
  private static final Map<String, Long> MERGE_COUNTS = Map.of(
      "FlatMap_(FlatMap_at_Dedup/ExactDedup/MergeBuckets/ParMultiDo(MergeBucket)).numRecordsOut",
      4321L,
      "FlatMap_(FlatMap_at_WriteShards/WriteFiles1).numRecordsIn", 4321L,
      "FlatMap_(FlatMap_at_WriteShards/WriteFiles1.out1).numRecordsIn", 2L);

  private static String describe(String chemistry, String dedup, String finalize,
      Map<String, Long> chemistryCounts, Map<String, Long> mergeCounts,
      Map<String, Long> previousToWriters) throws Exception {
    return Progress.ClusterCounts.of(vertices(chemistry, dedup, finalize), 20_000,
        task -> task.equals(CHEMISTRY_TASK) ? chemistryCounts
            : task.equals(MERGE_TASK) ? mergeCounts : Map.of(),
        new Progress.ClusterCounts(19_000, 57_090, previousToWriters, false, false))
        .describe(20_000, 10);
  }

  @Test
  void aClusterJobIsDescribedByItsRowsProductsAndPhase() throws Exception {
    assertEquals("transforming: 0 of 20,000 rows (0%), 0 products and rejects made, 0 mol/s",
        describe("CREATED", "CREATED", "CREATED", Map.of(), Map.of(), Map.of()));
    // The merge's task runs beside the chemistry's from the start: the rows tell the phase.
    assertEquals("transforming: 1,554 of 20,000 rows (8%), 5,709 products and rejects made, "
        + "155 mol/s", describe("RUNNING", "RUNNING", "CREATED", CHEMISTRY_COUNTS,
            Map.of("FlatMap_(FlatMap_at_WriteShards/WriteFiles1).numRecordsIn", 0L), Map.of()));
    assertEquals("deduplicating: all 20,000 rows transformed, merging 57,090 products and "
        + "rejects", describe("FINISHED", "RUNNING", "CREATED", Map.of(), Map.of(), Map.of()));
    // The finished chemistry's rejects count as written, with the merge's live products.
    assertEquals("writing: 4,354 unique products and rejects to the writers",
        describe("FINISHED", "RUNNING", "CREATED", Map.of(), MERGE_COUNTS,
            Map.of(CHEMISTRY_TASK, 33L, MERGE_TASK, 4000L)));
    assertEquals("written: the writers have finished (4,354 unique products and rejects)",
        describe("FINISHED", "FINISHED", "CREATED", Map.of(), Map.of(),
            Map.of(CHEMISTRY_TASK, 33L, MERGE_TASK, 4321L)));
    assertEquals("finalizing: moving the shards into place, writing the report and the "
        + "manifest", describe("FINISHED", "FINISHED", "RUNNING", Map.of(), Map.of(), Map.of()));
  }
}
