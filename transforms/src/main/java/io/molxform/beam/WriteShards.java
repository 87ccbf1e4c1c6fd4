package io.molxform.beam;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes the record stream as Parquet shards under temporary names: products into their
 * transform's folder, rejects into theirs. Each worker keeps one open file per folder and rolls
 * to a new one when a file reaches {@code maxRowsPerShard} rows, so rows are written as they
 * arrive, straight out of the dedup (or the chemistry), with no counting pass and no shuffle of
 * its own. {@link FinalizeOutput} merges the small files that bundle ends leave and moves
 * everything into place.
 *
 * <p>Memory: one open file per folder per worker, each buffering at most one row group
 * ({@code rowGroupBytes}); the folders are the run's transforms and the rejects.
 *
 * <p>Outputs the {@link WrittenShard}s under {@link #SHARDS} and the run's counts under
 * {@link #TALLIES}: those that travelled in the stream, and the products left out as molecules
 * of the input ({@link Tally#IN_INPUT}).
 */
public final class WriteShards
    extends PTransform<PCollection<KV<RecordKey, ChemistryRecord>>, PCollectionTuple> {
  public static final TupleTag<WrittenShard> SHARDS = new TupleTag<>() {};
  /** Sums per {@link Tally} key, one element per key. */
  public static final TupleTag<KV<String, Long>> TALLIES = new TupleTag<>() {};

  private final List<String> transforms;
  private final List<String> carriedColumns;
  private final String tempDirectory;
  private final long maxRowsPerShard;
  private final CompressionCodecName compression;
  private final int rowGroupBytes;

  /**
   * @param transforms the run's transform names, in the order of {@link RecordKey} indexes
   * @param carriedColumns input columns carried onto products
   */
  public WriteShards(List<String> transforms, List<String> carriedColumns, String tempDirectory,
      long maxRowsPerShard, CompressionCodecName compression, int rowGroupBytes) {
    if (maxRowsPerShard < 1) {
      throw new IllegalArgumentException("maxRowsPerShard must be at least 1");
    }
    this.transforms = List.copyOf(transforms);
    this.carriedColumns = List.copyOf(carriedColumns);
    this.tempDirectory = tempDirectory;
    this.maxRowsPerShard = maxRowsPerShard;
    this.compression = compression;
    this.rowGroupBytes = rowGroupBytes;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<RecordKey, ChemistryRecord>> records) {
    PCollectionTuple written = records.apply("WriteFiles", ParDo.of(new WriteFn(this))
        .withOutputTags(SHARDS, TupleTagList.of(TALLIES)));
    written.get(SHARDS).setCoder(SerializableCoder.of(WrittenShard.class));
    PCollection<KV<String, Long>> tallies = written.get(TALLIES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("SumTallies", Sum.longsPerKey());
    return PCollectionTuple.of(SHARDS, written.get(SHARDS)).and(TALLIES, tallies);
  }

  static final class WriteFn extends DoFn<KV<RecordKey, ChemistryRecord>, WrittenShard> {
    private static final long serialVersionUID = 1L;
    private final List<String> transforms;
    private final RowFormat<ProductRow> productFormat;
    private final RowFormat<RejectRow> rejectFormat;
    private final String tempDirectory;
    private final long maxRowsPerShard;
    private final CompressionCodecName compression;
    private final int rowGroupBytes;
    private transient Schema productSchema;
    private transient Schema rejectSchema;
    private transient TransformCounters distinct;
    private transient TransformCounters leftOut;
    /** This bundle's open file per folder. */
    private transient Map<String, OpenShard> open;
    private transient Map<String, Long> inInput;

    WriteFn(WriteShards spec) {
      this.transforms = spec.transforms;
      this.productFormat = OutputFormats.products(spec.carriedColumns);
      this.rejectFormat = OutputFormats.rejects();
      this.tempDirectory = spec.tempDirectory;
      this.maxRowsPerShard = spec.maxRowsPerShard;
      this.compression = spec.compression;
      this.rowGroupBytes = spec.rowGroupBytes;
    }

    @Setup
    public void setup() {
      productSchema = new Schema.Parser().parse(productFormat.schemaJson());
      rejectSchema = new Schema.Parser().parse(rejectFormat.schemaJson());
      distinct = new TransformCounters("DISTINCT");
      leftOut = new TransformCounters(Tally.IN_INPUT);
    }

    @StartBundle
    public void startBundle() {
      open = new LinkedHashMap<>();
      inInput = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element KV<RecordKey, ChemistryRecord> element, MultiOutputReceiver out)
        throws IOException {
      RecordKey key = element.getKey();
      ChemistryRecord record = element.getValue();
      if (record instanceof ChemistryRecord.Product product
          && key instanceof RecordKey.Product identity) {
        String transform = transforms.get(identity.transform());
        distinct.inc(transform);
        if (product.inInput()) {
          leftOut.inc(transform);
          inInput.merge(Tally.key(transform, Tally.IN_INPUT), 1L, Long::sum);
          return;
        }
        ProductRow row = product.toRow(transform, identity.smiles());
        write(OutputFormats.productsDestination(transform), productSchema,
            productFormat.toRecord(row, productSchema), out);
      } else if (record instanceof ChemistryRecord.Reject reject) {
        write(OutputFormats.REJECTS_DIR, rejectSchema,
            rejectFormat.toRecord(reject.row(), rejectSchema), out);
      } else if (record instanceof ChemistryRecord.Count count
          && key instanceof RecordKey.Count tally) {
        out.get(TALLIES).output(KV.of(tally.tally(), count.value()));
      }
      // An input molecule that met no product of its transform: nothing to write.
    }

    private void write(String destination, Schema schema,
        org.apache.avro.generic.GenericRecord record, MultiOutputReceiver out) throws IOException {
      OpenShard shard = open.get(destination);
      if (shard == null) {
        shard = OpenShard.create(destination, schema, tempDirectory, compression, rowGroupBytes);
        open.put(destination, shard);
      }
      shard.write(record);
      if (shard.rows() >= maxRowsPerShard) {
        open.remove(destination);
        out.get(SHARDS).output(shard.close());
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws IOException {
      for (OpenShard shard : open.values()) {
        context.output(SHARDS, shard.close(), BoundedWindow.TIMESTAMP_MIN_VALUE,
            GlobalWindow.INSTANCE);
      }
      open.clear();
      for (Map.Entry<String, Long> tally : inInput.entrySet()) {
        context.output(TALLIES, KV.of(tally.getKey(), tally.getValue()),
            BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
      inInput.clear();
    }

    @Teardown
    public void teardown() {
      // A failed bundle leaves its files open; they are temporary and never listed.
      if (open != null) {
        for (OpenShard shard : new ArrayList<>(open.values())) {
          shard.abandon();
        }
      }
    }
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

    static OpenShard create(String destination, Schema schema, String tempDirectory,
        CompressionCodecName compression, int rowGroupBytes) throws IOException {
      ResourceId file = FileSystems.matchNewResource(tempDirectory, true)
          .resolve(tempName(destination), StandardResolveOptions.RESOLVE_FILE);
      WritableByteChannel channel = FileSystems.create(file, MimeTypes.BINARY);
      ParquetIO.Sink sink = ParquetIO.sink(schema)
          .withCompressionCodec(compression)
          .withRowGroupSize(rowGroupBytes);
      sink.open(channel);
      return new OpenShard(destination, file, channel, sink);
    }

    void write(org.apache.avro.generic.GenericRecord record) throws IOException {
      sink.write(record);
      rows++;
      RunProgress.rowWritten();
    }

    long rows() {
      return rows;
    }

    WrittenShard close() throws IOException {
      sink.flush();
      channel.close();
      long bytes = FileSystems.matchSingleFileSpec(file.toString()).sizeBytes();
      RunProgress.shardWritten();
      return new WrittenShard(destination, file.toString(), rows, bytes);
    }

    void abandon() {
      try {
        channel.close();
      } catch (IOException | RuntimeException e) {
        // The file is temporary and unlisted; the run has failed for another reason already.
      }
    }

    /** Unique per attempt, so a retried bundle never collides with a failed one's files. */
    private static String tempName(String destination) {
      return destination.replace('/', '~') + "~" + UUID.randomUUID() + ".parquet";
    }
  }
}
