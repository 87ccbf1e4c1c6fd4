package io.molxform.beam.write;

import io.molxform.storage.Storage;
import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How a run writes its shards: under temporary names in {@code tempDirectory}, at most
 * {@code maxRowsPerShard} rows each, with this codec and row group size. Shared by the writers
 * ({@link WriteShards}) and the merge of small shards ({@link SmallShardMerger}).
 */
public record ShardFiles(String tempDirectory, long maxRowsPerShard,
    CompressionCodecName compression, int rowGroupBytes) implements Serializable {

  public ShardFiles {
    if (maxRowsPerShard < 1) {
      throw new IllegalArgumentException("maxRowsPerShard must be at least 1");
    }
  }

  /** A new Parquet file for {@code destination}, under a name unique to this attempt. */
  OpenShard open(String destination, Schema schema) throws IOException {
    return open(destination, schema, UUID.randomUUID().toString());
  }

  /**
   * A Parquet file for {@code destination} named by {@code name}: a retry that passes the same
   * name replaces the file of the attempt before it rather than adding one.
   */
  OpenShard open(String destination, Schema schema, String name) throws IOException {
    ResourceId file = FileSystems.matchNewResource(tempDirectory, true).resolve(
        destination.replace('/', '~') + "~" + name + ".parquet",
        StandardResolveOptions.RESOLVE_FILE);
    WritableByteChannel channel = FileSystems.create(file, MimeTypes.BINARY);
    // Without Hadoop's default resources: a plain Configuration parses core-default.xml on
    // first use, about a tenth of a second per file, which dominated runs on the DirectRunner
    // (a file per bundle, a bundle per key). The writer needs none of those settings.
    ParquetIO.Sink sink = ParquetIO.sink(schema)
        .withConfiguration(new Configuration(false))
        .withCompressionCodec(compression)
        .withRowGroupSize(rowGroupBytes);
    sink.open(channel);
    return new OpenShard(destination, file, channel, sink);
  }

  /**
   * Removes a run's temporary folder and what is left in it: after the shards moved into place,
   * or after a failed run.
   */
  public static void removeTemporaryFolder(String tempDirectory) throws IOException {
    Storage.deleteTree(tempDirectory, List.of());
  }

  /** One Parquet file being written under a temporary name. */
  static final class OpenShard {
    private final String destination;
    private final ResourceId file;
    private final WritableByteChannel channel;
    private final ParquetIO.Sink sink;
    private long rows;

    private OpenShard(String destination, ResourceId file, WritableByteChannel channel,
        ParquetIO.Sink sink) {
      this.destination = destination;
      this.file = file;
      this.channel = channel;
      this.sink = sink;
    }

    void write(GenericRecord record) throws IOException {
      sink.write(record);
      rows++;
    }

    long rows() {
      return rows;
    }

    /** Writes the footer; the file is then complete. */
    WrittenShard close() throws IOException {
      sink.flush();
      Storage.closeOnce(channel);
      long bytes = FileSystems.matchSingleFileSpec(file.toString()).sizeBytes();
      return new WrittenShard(destination, file.toString(), rows, bytes);
    }

    void abandon() {
      try {
        Storage.closeOnce(channel);
      } catch (IOException | RuntimeException e) {
        // The file is temporary and unlisted; the run has failed for another reason already.
      }
    }
  }
}
