package io.molxform.beam.write;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.molxform.beam.ApplyTransforms;
import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.ProductRow;
import io.molxform.beam.RecordKey;
import io.molxform.beam.RejectRow;
import io.molxform.beam.TestRecords;
import io.molxform.beam.read.BeamInputFile;
import io.molxform.output.format.OutputFormats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The rolling writer and the merge of small shards, on real Parquet files. */
@RunWith(JUnit4.class)
public class WriteShardsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void writesEveryRowToItsFolderWithinTheBoundAndCountsWhatItLeavesOut() throws Exception {
    List<KV<RecordKey, ChemistryRecord>> records = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      records.add(TestRecords.kept(0, "C" + i, "id-" + i, 1, 1, false));
    }
    records.add(TestRecords.kept(1, "CC", "id-1", 1, 2, false));
    records.add(TestRecords.kept(1, "CCC", "id-2", 1, 1, true));
    records.add(KV.of(RecordKey.Reject.random(), new ChemistryRecord.Reject(
        new RejectRow("id-3", "C(", "A", "parse", "INVALID_SMILES", "bad", null))));
    records.add(TestRecords.count("A|NO_SITE", 4));
    records.add(TestRecords.inputMolecule(1, "O"));
    String tempDirectory = temp.getRoot().getAbsolutePath() + "/";

    // Two branches, as a dedup hands them on: the first 20 products, and the rest with the
    // reject and the counts; each branch has its own writers, and the counts add up across them.
    PCollectionTuple written = PCollectionList
        .of(pipeline.apply("Branch1", Create.of(records.subList(0, 20))
            .withCoder(TestRecords.CODER)))
        .and(pipeline.apply("Branch2", Create.of(records.subList(20, records.size()))
            .withCoder(TestRecords.CODER)))
        .apply(new WriteShards(List.of("A", "B"), List.of(),
            new ShardFiles(tempDirectory, 10, CompressionCodecName.ZSTD, 1 << 20)));
    PAssert.that(written.get(WriteShards.TALLIES))
        .containsInAnyOrder(KV.of("A|NO_SITE", 4L), KV.of("B|IN_INPUT", 1L),
            KV.of("A|WRITTEN", 25L), KV.of("B|WRITTEN", 1L));
    PAssert.that(written.get(WriteShards.SHARDS)).satisfies(shards -> {
      Map<String, Long> rows = new HashMap<>();
      for (WrittenShard shard : shards) {
        assertTrue(shard + " within the bound", shard.rows() >= 1 && shard.rows() <= 10);
        assertEquals(shard.rows(), readRows(shard.tempFile()).size());
        rows.merge(shard.destination(), shard.rows(), Long::sum);
      }
      assertEquals(Map.of("products/transform=A", 25L, "products/transform=B", 1L,
          "rejects", 1L), rows);
      return null;
    });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(25, counter(result, "A|DISTINCT"));
    assertEquals(2, counter(result, "B|DISTINCT"));
  }

  @Test
  public void mergesSmallShardsIntoAsFewFilesAsTheBoundAllows() throws Exception {
    String tempDirectory = temp.getRoot().getAbsolutePath() + "/";
    List<WrittenShard> shards = new ArrayList<>();
    int next = 0;
    for (int size : new int[] {40, 30, 30, 20, 5, 1, 100}) {
      shards.add(writeShard(tempDirectory, "products/transform=A", next, size));
      next += size;
    }
    shards.add(writeShard(tempDirectory, "rejects", 0, 3));
    // Bound 100: shards under 10 rows are small; 5 + 1 merge, the rest stay as they are.
    List<WrittenShard> merged =
        new SmallShardMerger(new ShardFiles(tempDirectory, 100, CompressionCodecName.ZSTD, 1 << 20))
            .merge(shards);
    assertEquals(7, merged.size());
    List<String> smiles = new ArrayList<>();
    for (WrittenShard shard : merged) {
      if (shard.destination().startsWith("products")) {
        for (GenericRecord record : readRows(shard.tempFile())) {
          smiles.add(record.get("product_smiles").toString());
        }
      }
    }
    assertEquals("every row once", next, smiles.size());
    assertEquals(next, smiles.stream().distinct().count());
    assertTrue(merged.stream().anyMatch(s -> s.rows() == 6));

    // Packing: largest first, into bins no larger than the bound.
    List<List<WrittenShard>> bins = SmallShardMerger.pack(List.of(
        new WrittenShard("d", "a", 6, 1), new WrittenShard("d", "b", 5, 1),
        new WrittenShard("d", "c", 4, 1), new WrittenShard("d", "e", 3, 1)), 10);
    assertEquals(2, bins.size());
    for (List<WrittenShard> bin : bins) {
      assertTrue(bin.stream().mapToLong(WrittenShard::rows).sum() <= 10);
    }
  }

  private static WrittenShard writeShard(String tempDirectory, String destination, int first,
      int rows) throws IOException {
    ShardFiles.OpenShard shard = new ShardFiles(tempDirectory, 100, CompressionCodecName.ZSTD,
        1 << 20).open(destination, OutputFormats.productSchema(List.of()));
    for (int i = first; i < first + rows; i++) {
      shard.write(OutputFormats.products(List.of()).toRecord(
          new ProductRow("A", "C" + i, "id", "CO", 1, 1, List.of()),
          OutputFormats.productSchema(List.of())));
    }
    return shard.close();
  }

  static List<GenericRecord> readRows(String file) {
    List<GenericRecord> rows = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader = AvroParquetReader
        .<GenericRecord>builder(BeamInputFile.of(Path.of(file))).build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        rows.add(r);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(ApplyTransforms.METRICS_NAMESPACE, name))
        .build()).getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }
}
