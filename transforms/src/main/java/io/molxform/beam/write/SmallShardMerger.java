package io.molxform.beam.write;

import io.molxform.beam.read.BeamInputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Merges the small shards that rolling writers leave at the end of their bundles. A worker's
 * last file in a folder is usually partly full; on runners with small bundles (the DirectRunner
 * makes a bundle per key after a grouping) most files are tiny. Shards under a tenth of the bound
 * are packed, largest first, into as few files of at most {@code maxRowsPerShard} rows as fit;
 * only files that gain from it are rewritten, so the work is at most a tenth of the bound per
 * writer and folder. Merged files are written beside the others in the temporary folder, each
 * named by the files it merges, and the small ones stay there until the temporary folder is
 * removed: a retried finalize step finds them again and merges them into the same names.
 */
final class SmallShardMerger implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final ShardFiles files;

  SmallShardMerger(ShardFiles files) {
    this.files = files;
  }

  /** Shards below this many rows are merged where they can be. */
  static long smallBelow(long maxRowsPerShard) {
    return Math.max(1, maxRowsPerShard / 10);
  }

  /** The same rows in as few files as the bound allows for the small ones. */
  List<WrittenShard> merge(List<WrittenShard> shards) throws IOException {
    long small = smallBelow(files.maxRowsPerShard());
    Map<String, List<WrittenShard>> smallByDestination = new TreeMap<>();
    List<WrittenShard> result = new ArrayList<>();
    for (WrittenShard shard : shards) {
      if (shard.rows() < small) {
        smallByDestination.computeIfAbsent(shard.destination(), d -> new ArrayList<>()).add(shard);
      } else {
        result.add(shard);
      }
    }
    for (List<WrittenShard> group : smallByDestination.values()) {
      for (List<WrittenShard> bin : pack(group, files.maxRowsPerShard())) {
        result.add(bin.size() == 1 ? bin.get(0) : rewrite(bin));
      }
    }
    return result;
  }

  /** First-fit decreasing: bins of at most {@code capacity} rows. */
  static List<List<WrittenShard>> pack(List<WrittenShard> shards, long capacity) {
    List<WrittenShard> sorted = new ArrayList<>(shards);
    sorted.sort(Comparator.comparingLong(WrittenShard::rows).reversed()
        .thenComparing(WrittenShard::tempFile));
    List<List<WrittenShard>> bins = new ArrayList<>();
    List<Long> fill = new ArrayList<>();
    for (WrittenShard shard : sorted) {
      int target = -1;
      for (int i = 0; i < bins.size() && target < 0; i++) {
        if (fill.get(i) + shard.rows() <= capacity) {
          target = i;
        }
      }
      if (target < 0) {
        bins.add(new ArrayList<>());
        fill.add(0L);
        target = bins.size() - 1;
      }
      bins.get(target).add(shard);
      fill.set(target, fill.get(target) + shard.rows());
    }
    return bins;
  }

  private WrittenShard rewrite(List<WrittenShard> bin) throws IOException {
    ShardFiles.OpenShard merged = null;
    try {
      for (WrittenShard shard : bin) {
        ResourceId source = FileSystems.matchNewResource(shard.tempFile(), false);
        try (ParquetReader<GenericRecord> reader = AvroParquetReader
            .<GenericRecord>builder(new BeamInputFile(source, shard.bytes()))
            .withConf(new Configuration(false)).build()) {
          for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
            if (merged == null) {
              merged = files.open(shard.destination(), record.getSchema(), mergedName(bin));
            }
            merged.write(record);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (merged != null) {
        merged.abandon();
      }
      throw e;
    }
    return merged.close();
  }

  /** The same name for the same files merged, whichever attempt merges them. */
  static String mergedName(List<WrittenShard> bin) {
    List<String> names = bin.stream().map(WrittenShard::tempFile).sorted().toList();
    return "merged-" + UUID.nameUUIDFromBytes(String.join("\n", names)
        .getBytes(StandardCharsets.UTF_8));
  }
}
