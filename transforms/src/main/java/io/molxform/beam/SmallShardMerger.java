package io.molxform.beam;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Merges the small shards that rolling writers leave at the end of their bundles. A worker's
 * last file in a folder is usually partly full; on runners with small bundles (the DirectRunner
 * makes a bundle per key after a grouping) most files are tiny. Shards under a tenth of the bound
 * are packed, largest first, into as few files of at most {@code maxRowsPerShard} rows as fit;
 * only files that gain from it are rewritten, so the work is at most a tenth of the bound per
 * writer and folder. Merged files are written beside the others in the temporary folder, and
 * the small ones are removed.
 */
final class SmallShardMerger implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final String tempDirectory;
  private final long maxRowsPerShard;
  private final CompressionCodecName compression;
  private final int rowGroupBytes;

  SmallShardMerger(String tempDirectory, long maxRowsPerShard, CompressionCodecName compression,
      int rowGroupBytes) {
    this.tempDirectory = tempDirectory;
    this.maxRowsPerShard = maxRowsPerShard;
    this.compression = compression;
    this.rowGroupBytes = rowGroupBytes;
  }

  /** Shards below this many rows are merged where they can be. */
  static long smallBelow(long maxRowsPerShard) {
    return Math.max(1, maxRowsPerShard / 10);
  }

  /** The same rows in as few files as the bound allows for the small ones. */
  List<WrittenShard> merge(List<WrittenShard> shards) throws IOException {
    long small = smallBelow(maxRowsPerShard);
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
      for (List<WrittenShard> bin : pack(group, maxRowsPerShard)) {
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
    String destination = bin.get(0).destination();
    ResourceId merged = FileSystems.matchNewResource(tempDirectory, true).resolve(
        destination.replace('/', '~') + "~merged~" + UUID.randomUUID() + ".parquet",
        StandardResolveOptions.RESOLVE_FILE);
    long rows = 0;
    ParquetIO.Sink sink = null;
    try (WritableByteChannel channel = FileSystems.create(merged, MimeTypes.BINARY)) {
      for (WrittenShard shard : bin) {
        ResourceId source = FileSystems.matchNewResource(shard.tempFile(), false);
        try (ParquetReader<GenericRecord> reader = AvroParquetReader
            .<GenericRecord>builder(new BeamInputFile(source, shard.bytes())).build()) {
          for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
            if (sink == null) {
              sink = ParquetIO.sink(record.getSchema()).withCompressionCodec(compression)
                  .withRowGroupSize(rowGroupBytes);
              sink.open(channel);
            }
            sink.write(record);
            rows++;
          }
        }
      }
      if (sink != null) {
        sink.flush();
      }
    }
    List<ResourceId> sources = new ArrayList<>();
    for (WrittenShard shard : bin) {
      sources.add(FileSystems.matchNewResource(shard.tempFile(), false));
    }
    FileSystems.delete(sources);
    long bytes = FileSystems.matchSingleFileSpec(merged.toString()).sizeBytes();
    return new WrittenShard(destination, merged.toString(), rows, bytes);
  }
}
