package io.molxform.beam.write;

import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.CountsByTransform;
import io.molxform.beam.FaultInjection;
import io.molxform.beam.ParentSample;
import io.molxform.beam.ProductRow;
import io.molxform.beam.RecordKey;
import io.molxform.beam.RejectRow;
import io.molxform.beam.RunProgress;
import io.molxform.beam.RunTimeline;
import io.molxform.beam.Tally;
import io.molxform.beam.TransformCounters;
import io.molxform.output.format.OutputFormats;
import io.molxform.output.format.RowFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;
import org.apache.avro.Schema;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Writes the record stream as Parquet shards under temporary names: products into their
 * transform's folder, rejects into theirs. Each worker keeps one open file per folder and rolls
 * to a new one when a file reaches {@code maxRowsPerShard} rows, so rows are written as they
 * arrive, straight out of the dedup (or the chemistry), with no counting pass and no shuffle of
 * its own. {@link FinalizeOutput} merges the small files that bundle ends leave and moves
 * everything into place.
 *
 * <p>The stream comes as branches ({@link io.molxform.beam.dedup.DedupProducts}), and each
 * branch is written by a step of its own ({@code WriteFiles1}, {@code WriteFiles2}, ...) that
 * the runner can chain to the step that makes the branch: on Flink the exact dedup's products go
 * from its merge into the files in one task, without being serialized again.
 *
 * <p>Memory: one open file per folder per worker, each buffering at most one row group
 * ({@code rowGroupBytes}); the folders are the run's transforms and the rejects.
 *
 * <p>Outputs the {@link WrittenShard}s under {@link #SHARDS}, the run's counts under
 * {@link #TALLIES} (those that travelled in the stream, the products left out as molecules of
 * the input, {@link Tally#IN_INPUT}, and the product rows written, {@link Tally#WRITTEN}, each
 * counted here as it happens) and the report's parents under {@link #SAMPLES}.
 */
public final class WriteShards
    extends PTransform<PCollectionList<KV<RecordKey, ChemistryRecord>>, PCollectionTuple> {
  /** The steps that write, as the runner names them: {@code WriteFiles} and the branch's number. */
  public static final String WRITE_FILES_STEP = "WriteFiles";
  public static final TupleTag<WrittenShard> SHARDS = new TupleTag<>() {};
  /** Sums per {@link Tally} key, one element per key. */
  public static final TupleTag<KV<String, Long>> TALLIES = new TupleTag<>() {};
  /** The run report's parents, one sample per transform name that made products. */
  public static final TupleTag<KV<String, ParentSample>> SAMPLES = new TupleTag<>() {};

  private final List<String> transforms;
  private final List<String> carriedColumns;
  private final ShardFiles files;
  private final FaultInjection fault;

  /**
   * @param transforms the run's transform names, in the order of {@link RecordKey} indexes
   * @param carriedColumns input columns carried onto products
   */
  public WriteShards(List<String> transforms, List<String> carriedColumns, ShardFiles files) {
    this(transforms, carriedColumns, files, FaultInjection.NONE);
  }

  private WriteShards(List<String> transforms, List<String> carriedColumns, ShardFiles files,
      FaultInjection fault) {
    this.transforms = List.copyOf(transforms);
    this.carriedColumns = List.copyOf(carriedColumns);
    this.files = files;
    this.fault = fault;
  }

  /** The same writers making the failure a test asks for. */
  public WriteShards withFault(FaultInjection injected) {
    return new WriteShards(transforms, carriedColumns, files, injected);
  }

  @Override
  public PCollectionTuple expand(PCollectionList<KV<RecordKey, ChemistryRecord>> branches) {
    PCollectionList<WrittenShard> shards = PCollectionList.empty(branches.getPipeline());
    PCollectionList<KV<String, Long>> tallies = PCollectionList.empty(branches.getPipeline());
    PCollectionList<KV<String, ParentSample>> samples =
        PCollectionList.empty(branches.getPipeline());
    int branch = 0;
    for (PCollection<KV<RecordKey, ChemistryRecord>> records : branches.getAll()) {
      PCollectionTuple written = records.apply(WRITE_FILES_STEP + (++branch), ParDo.of(
              new WriteFn(transforms, OutputFormats.products(carriedColumns), files, fault))
          .withOutputTags(SHARDS, TupleTagList.of(TALLIES).and(SAMPLES)));
      shards = shards.and(written.get(SHARDS).setCoder(new WrittenShard.Coder()));
      tallies = tallies.and(written.get(TALLIES)
          .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
      samples = samples.and(written.get(SAMPLES)
          .setCoder(KvCoder.of(StringUtf8Coder.of(), new ParentSample.Coder())));
    }
    return PCollectionTuple
        .of(SHARDS, shards.apply("AllShards", Flatten.pCollections()))
        .and(TALLIES, tallies.apply("AllTallies", Flatten.pCollections())
            .apply("SumTallies", Sum.longsPerKey()))
        .and(SAMPLES, samples.apply("AllSamples", Flatten.pCollections())
            .apply("MergeSamples", Combine.perKey(new ParentSample.Merge())));
  }

  static final class WriteFn extends DoFn<KV<RecordKey, ChemistryRecord>, WrittenShard> {
    private static final long serialVersionUID = 1L;
    private final List<String> transforms;
    private final RowFormat<ProductRow> productFormat;
    private final RowFormat<RejectRow> rejectFormat = OutputFormats.rejects();
    private final ShardFiles files;
    private final FaultInjection fault;
    private transient Schema productSchema;
    private transient Schema rejectSchema;
    private transient TransformCounters distinct;
    private transient TransformCounters leftOut;
    /** This bundle's open file per folder. */
    private transient Map<String, ShardFiles.OpenShard> open;
    /** This bundle's products left out as input molecules, and product rows written. */
    private transient CountsByTransform inInput;
    private transient CountsByTransform written;
    private transient boolean droppedOne;

    WriteFn(List<String> transforms, RowFormat<ProductRow> productFormat, ShardFiles files,
        FaultInjection fault) {
      this.transforms = transforms;
      this.productFormat = productFormat;
      this.files = files;
      this.fault = fault;
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
      RunTimeline.mark("write");
      open = new LinkedHashMap<>();
      inInput = new CountsByTransform();
      written = new CountsByTransform();
      droppedOne = false;
    }

    @ProcessElement
    public void process(@Element KV<RecordKey, ChemistryRecord> element, MultiOutputReceiver out)
        throws IOException {
      RecordKey key = element.getKey();
      ChemistryRecord record = element.getValue();
      if (record instanceof ChemistryRecord.Product product) {
        RecordKey.Product identity = (RecordKey.Product) key;
        String transform = transforms.get(identity.transform());
        distinct.inc(transform);
        if (product.inInput()) {
          leftOut.inc(transform);
          inInput.add(identity.transform(), 1);
          return;
        }
        if (fault == FaultInjection.DROP_PRODUCTS && !droppedOne) {
          droppedOne = true;
          return;
        }
        written.add(identity.transform(), 1);
        ProductRow row = product.toRow(transform, identity.smiles());
        write(OutputFormats.productsDestination(transform), productSchema,
            productFormat.toRecord(row, productSchema), out);
      } else if (record instanceof ChemistryRecord.Reject reject) {
        write(OutputFormats.REJECTS_DIR, rejectSchema,
            rejectFormat.toRecord(reject.row(), rejectSchema), out);
      } else if (record instanceof ChemistryRecord.Count count) {
        out.get(TALLIES).output(KV.of(((RecordKey.Count) key).tally(), count.value()));
      } else if (record instanceof ChemistryRecord.Samples samples) {
        out.get(SAMPLES).output(KV.of(transforms.get(((RecordKey.Sample) key).transform()),
            samples.sample()));
      }
      // An input molecule that met no product of its transform: nothing to write.
    }

    private void write(String destination, Schema schema,
        org.apache.avro.generic.GenericRecord record, MultiOutputReceiver out) throws IOException {
      ShardFiles.OpenShard shard = open.get(destination);
      if (shard == null) {
        shard = files.open(destination, schema);
        open.put(destination, shard);
      }
      shard.write(record);
      RunProgress.rowWritten();
      if (shard.rows() >= files.maxRowsPerShard()) {
        open.remove(destination);
        out.get(SHARDS).output(close(shard));
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws IOException {
      for (ShardFiles.OpenShard shard : open.values()) {
        context.output(SHARDS, close(shard), BoundedWindow.TIMESTAMP_MIN_VALUE,
            GlobalWindow.INSTANCE);
      }
      open.clear();
      ObjLongConsumer<String> tally = (key, count) -> context.output(TALLIES, KV.of(key, count),
          BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      inInput.forEachNonZero(transforms, Tally.IN_INPUT, tally);
      written.forEachNonZero(transforms, Tally.WRITTEN, tally);
      RunTimeline.mark("write");
    }

    private static WrittenShard close(ShardFiles.OpenShard shard) throws IOException {
      RunProgress.shardWritten();
      return shard.close();
    }

    @Teardown
    public void teardown() {
      // A failed bundle leaves its files open; they are temporary and never listed.
      if (open != null) {
        for (ShardFiles.OpenShard shard : new ArrayList<>(open.values())) {
          shard.abandon();
        }
      }
    }
  }
}
