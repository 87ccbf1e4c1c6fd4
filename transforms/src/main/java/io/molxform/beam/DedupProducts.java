package io.molxform.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.BloomFilter;

/**
 * Removes duplicate products within each transform, library-wide, as {@link DedupMode} says.
 * Works on the record stream of {@link ApplyTransforms}: products are deduplicated, input
 * molecules mark the products they meet (exact mode), and rejects and counts pass through.
 */
public final class DedupProducts extends PTransform<PCollection<KV<RecordKey, ChemistryRecord>>,
    PCollection<KV<RecordKey, ChemistryRecord>>> {
  private final DedupMode mode;
  private final long expectedProducts;
  private final double bloomFpp;
  private final int bloomShards;
  /** Groups for the in-memory exact dedup; 0: one key per product (every real runner). */
  private final int inMemoryGroups;

  private DedupProducts(DedupMode mode, long expectedProducts, double bloomFpp, int bloomShards,
      int inMemoryGroups) {
    this.mode = mode;
    this.expectedProducts = expectedProducts;
    this.bloomFpp = bloomFpp;
    this.bloomShards = bloomShards;
    this.inMemoryGroups = inMemoryGroups;
  }

  private DedupProducts(DedupMode mode, long expectedProducts, double bloomFpp, int bloomShards) {
    this(mode, expectedProducts, bloomFpp, bloomShards, 0);
  }

  /**
   * The same dedup for a runner that holds every collection in memory and pays per key, the
   * DirectRunner: exact mode groups the records into {@code groups} keys and merges each group
   * in a map, with the same merge as the combine, so the same representatives. The DirectRunner
   * makes a bundle per key after a grouping and pays per bundle (pipeline translation,
   * watermarks, a file per bundle in the writers): one key per product cost 2,000 generated
   * rows 108 s. Never for a runner that spills: a group is held whole.
   */
  public DedupProducts inMemoryGroups(int groups) {
    if (groups < 1) {
      throw new IllegalArgumentException("groups must be at least 1, got " + groups);
    }
    return new DedupProducts(mode, expectedProducts, bloomFpp, bloomShards, groups);
  }

  public static DedupProducts exact() {
    return new DedupProducts(DedupMode.exact, 0, 0, 0);
  }

  public static DedupProducts none() {
    return new DedupProducts(DedupMode.none, 0, 0, 0);
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
    return new DedupProducts(DedupMode.bloom, expectedProducts, fpp, shards);
  }

  public static DedupProducts of(DedupMode mode, long expectedProducts, double fpp, int shards) {
    return switch (mode) {
      case exact -> exact();
      case bloom -> bloom(expectedProducts, fpp, shards);
      case none -> none();
    };
  }

  @Override
  public PCollection<KV<RecordKey, ChemistryRecord>> expand(
      PCollection<KV<RecordKey, ChemistryRecord>> records) {
    return switch (mode) {
      case none -> records;
      // One shuffle: the key is the product's identity and the value holds no copy of it;
      // runners combine before the shuffle, so a product made by many parents crosses it a few
      // times at most.
      case exact -> inMemoryGroups > 0
          ? records
              .apply("KeyByGroup", MapElements
                  .into(TypeDescriptors.kvs(TypeDescriptors.integers(),
                      records.getTypeDescriptor()))
                  .via((KV<RecordKey, ChemistryRecord> record) ->
                      KV.of(record.getKey().shard(inMemoryGroups), record)))
              .setCoder(KvCoder.of(VarIntCoder.of(), records.getCoder()))
              .apply("GroupInMemory", GroupByKey.create())
              .apply("KeepRepresentativeInGroup", ParDo.of(new MergeGroupFn()))
              .setCoder(records.getCoder())
          : records.apply("KeepRepresentative", Combine.perKey(new MergeRecords()));
      case bloom -> records
          .apply("KeyByHashShard", MapElements
              .into(TypeDescriptors.kvs(TypeDescriptors.integers(), records.getTypeDescriptor()))
              .via((KV<RecordKey, ChemistryRecord> record) ->
                  KV.of(record.getKey().shard(bloomShards), record)))
          .setCoder(KvCoder.of(VarIntCoder.of(), records.getCoder()))
          .apply("BloomFilter", ParDo.of(
              new BloomDedupFn(perShardInsertions(expectedProducts, bloomShards), bloomFpp)))
          .setCoder(records.getCoder());
    };
  }

  /** Each shard's filter is sized with headroom for the uneven spread of a hash. */
  static long perShardInsertions(long expectedProducts, int shards) {
    double mean = (double) expectedProducts / shards;
    return Math.max(1, (long) Math.ceil(mean + 4 * Math.sqrt(mean)));
  }

  /**
   * Keeps each product's representative (see {@link ChemistryRecord.Product#REPRESENTATIVE_ORDER})
   * and adds up its parents; see {@link ChemistryRecord#merge}. Associative and commutative, so
   * runners may pre-combine freely.
   */
  static final class MergeRecords extends Combine.BinaryCombineFn<ChemistryRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public ChemistryRecord apply(ChemistryRecord left, ChemistryRecord right) {
      return ChemistryRecord.merge(left, right);
    }
  }

  /** Merges the records of one in-memory group key by key, as {@link MergeRecords} does. */
  static final class MergeGroupFn extends DoFn<KV<Integer,
      Iterable<KV<RecordKey, ChemistryRecord>>>, KV<RecordKey, ChemistryRecord>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<RecordKey, ChemistryRecord>>> group,
        OutputReceiver<KV<RecordKey, ChemistryRecord>> out) {
      Map<RecordKey, ChemistryRecord> merged = new HashMap<>();
      for (KV<RecordKey, ChemistryRecord> record : group.getValue()) {
        merged.merge(record.getKey(), record.getValue(), ChemistryRecord::merge);
      }
      merged.forEach((key, value) -> out.output(KV.of(key, value)));
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
    private final Counter dropped = Metrics.counter(ApplyTransforms.METRICS_NAMESPACE,
        "bloom_dropped");

    @StateId("filter")
    private final StateSpec<ValueState<BloomFilter<RecordKey>>> filterSpec =
        StateSpecs.value(new BloomFilterCoder());

    BloomDedupFn(long insertionsPerShard, double fpp) {
      this.insertionsPerShard = insertionsPerShard;
      this.fpp = fpp;
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
      }
      state.write(filter);
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
