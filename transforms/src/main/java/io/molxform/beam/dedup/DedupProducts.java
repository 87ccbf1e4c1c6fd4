package io.molxform.beam.dedup;

import io.molxform.beam.ApplyTransforms;
import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.CountsByTransform;
import io.molxform.beam.DedupMode;
import io.molxform.beam.FaultInjection;
import io.molxform.beam.RecordKey;
import io.molxform.beam.Tally;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.BloomFilter;

/**
 * Removes duplicate products within each transform, library-wide, as {@link DedupMode} says.
 * Works on the record stream of {@link ApplyTransforms}: products are deduplicated, input
 * molecules mark the products they meet (exact mode), and rejects and counts pass through.
 *
 * <p>The records come out as branches, each from the step that makes it (the exact dedup's merge,
 * its counts, the rejects), for the writer to take each where it is made: a flatten of them would
 * put every product through the runner's network stack once more on its way to the writer
 * (Flink runs the step after a union in a task of its own).
 */
public final class DedupProducts extends PTransform<PCollection<KV<RecordKey, ChemistryRecord>>,
    PCollectionList<KV<RecordKey, ChemistryRecord>>> {
  /** The most records one worker may hold in memory while it merges an exact dedup's bucket. */
  public static final int MAX_RECORDS_IN_MEMORY = PackedRecords.MAX_RECORDS;

  private final DedupMode mode;
  private final long expectedProducts;
  private final double bloomFpp;
  private final int bloomShards;
  private final String workDirectory;
  private final int buckets;
  private final int maxRecordsInMemory;
  private final KeyPlacement placement;
  private final List<String> transforms;
  private final FaultInjection fault;

  private DedupProducts(DedupMode mode, long expectedProducts, double bloomFpp, int bloomShards,
      String workDirectory, int buckets, int maxRecordsInMemory, KeyPlacement placement,
      List<String> transforms, FaultInjection fault) {
    this.mode = mode;
    this.expectedProducts = expectedProducts;
    this.bloomFpp = bloomFpp;
    this.bloomShards = bloomShards;
    this.workDirectory = workDirectory;
    this.buckets = buckets;
    this.maxRecordsInMemory = maxRecordsInMemory;
    this.placement = placement;
    this.transforms = List.copyOf(transforms);
    this.fault = fault;
  }

  /**
   * The same dedup with its buckets (exact) or shards (Bloom) grouped under the keys of {@code
   * placement}, which decide how evenly the runner spreads the merges or filters over its
   * workers.
   */
  public DedupProducts placedBy(KeyPlacement placement) {
    return new DedupProducts(mode, expectedProducts, bloomFpp, bloomShards, workDirectory,
        buckets, maxRecordsInMemory, placement, transforms, fault);
  }

  /**
   * The same dedup counting the duplicates it removes under each transform's name
   * ({@link Tally#DUPLICATES}), in the order of {@link RecordKey} indexes; a dedup without the
   * names counts under {@code #INDEX}.
   */
  public DedupProducts countedFor(List<String> transformNames) {
    return new DedupProducts(mode, expectedProducts, bloomFpp, bloomShards, workDirectory,
        buckets, maxRecordsInMemory, placement, transformNames, fault);
  }

  /** The same dedup making the failure a test asks for. */
  public DedupProducts withFault(FaultInjection injected) {
    return new DedupProducts(mode, expectedProducts, bloomFpp, bloomShards, workDirectory,
        buckets, maxRecordsInMemory, placement, transforms, injected);
  }

  /**
   * The exact dedup (see {@link ExactDedup}): candidates spread over {@code buckets}
   * compressed files in {@code workDirectory}, each bucket merged by one worker holding at most
   * {@code maxRecordsInMemory} records (candidates and input molecules) in memory at a time.
   */
  public static DedupProducts exact(String workDirectory, int buckets,
      int maxRecordsInMemory) {
    if (buckets < 1 || maxRecordsInMemory < 1) {
      throw new IllegalArgumentException("exact dedup needs buckets >= 1 and"
          + " maxRecordsInMemory >= 1; got " + buckets + " and " + maxRecordsInMemory);
    }
    return new DedupProducts(DedupMode.exact, 0, 0, 0, workDirectory, buckets,
        maxRecordsInMemory, KeyPlacement.IN_ORDER, List.of(), FaultInjection.NONE);
  }

  public static DedupProducts none() {
    return new DedupProducts(DedupMode.none, 0, 0, 0, null, 0, 0, KeyPlacement.IN_ORDER,
        List.of(), FaultInjection.NONE);
  }

  /**
   * A Bloom-filter dedup sized for {@code expectedProducts} distinct products over all
   * transforms at false-positive rate {@code fpp}, split into {@code shards} filters.
   */
  public static DedupProducts bloom(long expectedProducts, double fpp, int shards) {
    if (expectedProducts < 1 || !(fpp > 0 && fpp < 1) || shards < 1) {
      throw new IllegalArgumentException("bloom dedup needs expectedProducts >= 1, 0 < fpp < 1"
          + " and shards >= 1; got " + expectedProducts + ", " + fpp + ", " + shards);
    }
    return new DedupProducts(DedupMode.bloom, expectedProducts, fpp, shards, null, 0, 0,
        KeyPlacement.IN_ORDER, List.of(), FaultInjection.NONE);
  }

  @Override
  public PCollectionList<KV<RecordKey, ChemistryRecord>> expand(
      PCollection<KV<RecordKey, ChemistryRecord>> records) {
    return switch (mode) {
      case none -> PCollectionList.of(records);
      case exact -> records.apply(new ExactDedup(workDirectory, maxRecordsInMemory,
          placement.keys(buckets), transforms, fault));
      case bloom -> PCollectionList.of(records
          .apply("KeyByHashShard", MapElements
              .into(TypeDescriptors.kvs(TypeDescriptors.integers(), records.getTypeDescriptor()))
              .via(new KeyByShard(placement.keys(bloomShards))))
          .setCoder(KvCoder.of(KeyPlacement.KEY_CODER, records.getCoder()))
          .apply("BloomFilter", ParDo.of(
              new BloomDedupFn(perShardInsertions(expectedProducts, bloomShards), bloomFpp,
                  transforms)))
          .setCoder(records.getCoder()));
    };
  }

  /** Keys a record by its hash shard's key in the placement. */
  private record KeyByShard(int[] keys) implements SerializableFunction<
      KV<RecordKey, ChemistryRecord>, KV<Integer, KV<RecordKey, ChemistryRecord>>> {
    @Override
    public KV<Integer, KV<RecordKey, ChemistryRecord>> apply(
        KV<RecordKey, ChemistryRecord> record) {
      return KV.of(keys[record.getKey().shard(keys.length)], record);
    }
  }

  /** Each shard's filter is sized with headroom for the uneven spread of a hash. */
  static long perShardInsertions(long expectedProducts, int shards) {
    double mean = (double) expectedProducts / shards;
    return Math.max(1, (long) Math.ceil(mean + 4 * Math.sqrt(mean)));
  }

  /**
   * Adds up the run's counts and merges the report's parent samples under their keys (the exact
   * dedup's {@code AddUpCounts}); products meet in their bucket's {@link SortedMerge} through the
   * same {@link ChemistryRecord#merge}. Associative and commutative, so runners may pre-combine
   * freely.
   */
  static final class MergeRecords extends Combine.BinaryCombineFn<ChemistryRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public ChemistryRecord apply(ChemistryRecord left, ChemistryRecord right) {
      return ChemistryRecord.merge(left, right);
    }
  }

  /**
   * Lets through the first product of each key a shard's Bloom filter has not seen, and every
   * record that is not a product.
   */
  static final class BloomDedupFn
      extends DoFn<KV<Integer, KV<RecordKey, ChemistryRecord>>, KV<RecordKey, ChemistryRecord>> {
    private static final long serialVersionUID = 1L;

    private final long insertionsPerShard;
    private final double fpp;
    private final List<String> transforms;
    private final Counter dropped = Metrics.counter(ApplyTransforms.METRICS_NAMESPACE,
        "bloom_dropped");
    /** This bundle's duplicates removed. */
    private transient CountsByTransform removed;

    @StateId("filter")
    private final StateSpec<ValueState<BloomFilter<RecordKey>>> filterSpec =
        StateSpecs.value(new BloomFilterCoder());

    BloomDedupFn(long insertionsPerShard, double fpp, List<String> transforms) {
      this.insertionsPerShard = insertionsPerShard;
      this.fpp = fpp;
      this.transforms = transforms;
    }

    @StartBundle
    public void startBundle() {
      removed = new CountsByTransform();
    }

    @ProcessElement
    public void process(@Element KV<Integer, KV<RecordKey, ChemistryRecord>> element,
        @StateId("filter") ValueState<BloomFilter<RecordKey>> state,
        OutputReceiver<KV<RecordKey, ChemistryRecord>> out) {
      KV<RecordKey, ChemistryRecord> record = element.getValue();
      if (!(record.getValue() instanceof ChemistryRecord.Product)) {
        out.output(record);
        return;
      }
      BloomFilter<RecordKey> filter = state.read();
      if (filter == null) {
        filter = BloomFilter.create(RecordKey.KeyFunnel.INSTANCE, insertionsPerShard, fpp);
      }
      // put() is false when the filter may already hold the key: a duplicate, or a false positive.
      if (filter.put(record.getKey())) {
        out.output(record);
      } else {
        dropped.inc();
        removed.add(((RecordKey.Product) record.getKey()).transform(), 1);
      }
      state.write(filter);
    }

    /** The duplicates this bundle removed, counted where they were removed. */
    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      removed.forEachNonZero(transforms, Tally.DUPLICATES, (tally, count) -> context.output(
          KV.of(new RecordKey.Count(tally), new ChemistryRecord.Count(count)),
          BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE));
    }
  }
  /** Writes a filter in Guava's own compact serial form. */
  static final class BloomFilterCoder extends CustomCoder<BloomFilter<RecordKey>> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(BloomFilter<RecordKey> filter, OutputStream out) throws IOException {
      filter.writeTo(out);
    }

    @Override
    public BloomFilter<RecordKey> decode(InputStream in) throws IOException {
      return BloomFilter.readFrom(in, RecordKey.KeyFunnel.INSTANCE);
    }
  }
}
