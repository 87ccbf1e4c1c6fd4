package io.molxform.beam;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hashing;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes rows as Parquet shards of at most {@code maxRowsPerShard} rows each, with a shard count
 * derived from the data, under temporary names; {@link FinalizeOutput} moves them into place.
 *
 * <p>Beam's {@code FileIO.write} cannot bound rows per shard (a fixed shard count makes empty or
 * huge shards, and one count serves every destination). Here each destination is counted first;
 * rows go to {@code ceil(count / maxRowsPerShard)} hash buckets, each bucket is counted and its
 * size written into its key, and the writer of a bucket splits it into equal files no larger
 * than the bound. The rows of a bucket arrive through a GroupByKey, which Flink's batch runner
 * streams from its sorted, spilling shuffle, so no step holds a bucket in memory. (The size
 * travels in the key because Beam's Flink runner materializes a group in memory when the step
 * that reads it has a side input.) Files are written with {@link ParquetIO#sink}.
 */
public final class WriteShards<T> extends PTransform<PCollection<T>, PCollection<WrittenShard>> {
  private final RowFormat<T> format;
  private final Coder<T> coder;
  private final String tempDirectory;
  private final long maxRowsPerShard;
  private final CompressionCodecName compression;
  private final int rowGroupBytes;

  public WriteShards(RowFormat<T> format, Coder<T> coder, String tempDirectory,
      long maxRowsPerShard, CompressionCodecName compression, int rowGroupBytes) {
    if (maxRowsPerShard < 1) {
      throw new IllegalArgumentException("maxRowsPerShard must be at least 1");
    }
    this.format = format;
    this.coder = coder;
    this.tempDirectory = tempDirectory;
    this.maxRowsPerShard = maxRowsPerShard;
    this.compression = compression;
    this.rowGroupBytes = rowGroupBytes;
  }

  @Override
  public PCollection<WrittenShard> expand(PCollection<T> rows) {
    PCollectionView<Map<String, Long>> rowsPerDestination = rows
        .apply("Destination", MapElements.into(TypeDescriptors.strings()).via(format::destination))
        .apply("CountPerDestination", Count.perElement())
        .apply("DestinationCounts", View.asMap());
    PCollection<KV<String, T>> bucketed = rows
        .apply("AssignBucket", ParDo.of(new AssignBucketFn<>(format, rowsPerDestination,
                maxRowsPerShard))
            .withSideInputs(rowsPerDestination))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder));
    PCollectionView<Map<String, Long>> rowsPerBucket = bucketed
        .apply("Bucket", Keys.create())
        .apply("CountPerBucket", Count.perElement())
        .apply("BucketCounts", View.asMap());
    return bucketed
        .apply("AttachBucketSize", ParDo.of(new AttachBucketSizeFn<T>(rowsPerBucket))
            .withSideInputs(rowsPerBucket))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder))
        .apply("GroupBucket", GroupByKey.create())
        .apply("WriteBucket", ParDo.of(new WriteBucketFn<>(format, tempDirectory,
            maxRowsPerShard, compression, rowGroupBytes)))
        .setCoder(SerializableCoder.of(WrittenShard.class));
  }

  /** Bucket key: destination, a tab, and the bucket number (then a tab and its size). */
  static String bucketKey(String destination, int bucket) {
    return destination + '\t' + bucket;
  }

  /** Appends each bucket's row count to its key, for the writer to split it evenly. */
  static final class AttachBucketSizeFn<T> extends DoFn<KV<String, T>, KV<String, T>> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Map<String, Long>> bucketCounts;

    AttachBucketSizeFn(PCollectionView<Map<String, Long>> bucketCounts) {
      this.bucketCounts = bucketCounts;
    }

    @ProcessElement
    public void process(@Element KV<String, T> row, ProcessContext context) {
      long size = context.sideInput(bucketCounts).get(row.getKey());
      context.output(KV.of(row.getKey() + '\t' + size, row.getValue()));
    }
  }

  static long bucketsFor(long rows, long maxRowsPerShard) {
    return Math.max(1, (rows + maxRowsPerShard - 1) / maxRowsPerShard);
  }

  static final class AssignBucketFn<T> extends DoFn<T, KV<String, T>> {
    private static final long serialVersionUID = 1L;
    private final RowFormat<T> format;
    private final PCollectionView<Map<String, Long>> counts;
    private final long maxRowsPerShard;

    AssignBucketFn(RowFormat<T> format, PCollectionView<Map<String, Long>> counts,
        long maxRowsPerShard) {
      this.format = format;
      this.counts = counts;
      this.maxRowsPerShard = maxRowsPerShard;
    }

    @ProcessElement
    public void process(@Element T row, ProcessContext context) {
      String destination = format.destination(row);
      long buckets = bucketsFor(context.sideInput(counts).get(destination), maxRowsPerShard);
      int hash = Hashing.murmur3_32_fixed()
          .hashString(format.shardKey(row), StandardCharsets.UTF_8).asInt();
      int bucket = (int) Math.floorMod((long) hash, buckets);
      context.output(KV.of(bucketKey(destination, bucket), row));
    }
  }

  static final class WriteBucketFn<T> extends DoFn<KV<String, Iterable<T>>, WrittenShard> {
    private static final long serialVersionUID = 1L;
    private final RowFormat<T> format;
    private final String tempDirectory;
    private final long maxRowsPerShard;
    private final CompressionCodecName compression;
    private final int rowGroupBytes;
    private transient Schema schema;

    WriteBucketFn(RowFormat<T> format, String tempDirectory, long maxRowsPerShard,
        CompressionCodecName compression, int rowGroupBytes) {
      this.format = format;
      this.tempDirectory = tempDirectory;
      this.maxRowsPerShard = maxRowsPerShard;
      this.compression = compression;
      this.rowGroupBytes = rowGroupBytes;
    }

    @Setup
    public void setup() {
      schema = new Schema.Parser().parse(format.schemaJson());
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<T>> bucket, ProcessContext context)
        throws IOException {
      String key = bucket.getKey();
      int sizeTab = key.lastIndexOf('\t');
      int bucketTab = key.lastIndexOf('\t', sizeTab - 1);
      String destination = key.substring(0, bucketTab);
      int bucketNumber = Integer.parseInt(key.substring(bucketTab + 1, sizeTab));
      long size = Long.parseLong(key.substring(sizeTab + 1));
      long files = bucketsFor(size, maxRowsPerShard);
      long perFile = (size + files - 1) / files;

      Iterator<T> rows = bucket.getValue().iterator();
      for (int part = 0; rows.hasNext(); part++) {
        ResourceId temp = FileSystems.matchNewResource(tempDirectory, true)
            .resolve(tempName(destination, bucketNumber, part),
                org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
        ParquetIO.Sink sink = ParquetIO.sink(schema)
            .withCompressionCodec(compression)
            .withRowGroupSize(rowGroupBytes);
        long written = 0;
        try (WritableByteChannel channel = FileSystems.create(temp, MimeTypes.BINARY)) {
          sink.open(channel);
          while (written < perFile && rows.hasNext()) {
            sink.write(format.toRecord(rows.next(), schema));
            written++;
          }
          sink.flush();
        }
        long bytes = FileSystems.matchSingleFileSpec(temp.toString()).sizeBytes();
        context.output(new WrittenShard(destination, bucketNumber, part, temp.toString(),
            written, bytes));
      }
    }

    /** Unique per attempt, so a retried bundle never collides with a failed one's files. */
    private static String tempName(String destination, int bucket, int part) {
      return destination.replace('/', '~') + "~b" + bucket + "~p" + part + "~"
          + UUID.randomUUID() + ".parquet";
    }
  }
}
