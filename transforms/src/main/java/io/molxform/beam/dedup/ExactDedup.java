package io.molxform.beam.dedup;

import io.molxform.beam.ApplyTransforms;
import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.CountsByTransform;
import io.molxform.beam.FaultInjection;
import io.molxform.beam.RecordKey;
import io.molxform.beam.RunTimeline;
import io.molxform.beam.Tally;
import io.molxform.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.HashFunction;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hasher;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hashing;

/**
 * The exact dedup, in two passes over compressed files instead of a shuffle of the products.
 *
 * <pre>
 * records ─> SpreadIntoBuckets ─(file names)─> GroupBuckets ─> MergeBuckets ─> products
 *                 ├─(counts, report samples)─> AddUpCounts ──────────────> counts
 *                 └─(rejects)────────────────────────────────────────────> rejects
 * </pre>
 *
 * <p>The chemistry's workers append each product candidate (and each input molecule, which
 * marks the product it meets) to one of {@code buckets} Zstandard-compressed files by a hash of
 * its key, and pass on only the names of their files. Each bucket is then merged by one worker
 * ({@link SortedMerge}: bounded memory, sorted runs beyond it), its products handed on in
 * SMILES order with the count of the duplicates it removed. The runner's shuffle carries a few
 * hundred file names and the run's counts: Flink's sorter writes what it sorts uncompressed,
 * about 170 bytes a candidate with the key twice and Beam's windowing fields, where these files
 * take about 26.
 *
 * <p>Every step may be retried at any granularity a runner chooses (a bundle, a task, a region,
 * the whole job), so no step removes what a retry would read: a bucket's files stay until the
 * run commits or fails and its folder is removed. A merge that fails after handing on some of a
 * bucket's products is retried from the same files (Flink restarts the merge-and-write task of a
 * batch job on its own, reading the file names again from the shuffle); the spreading step, if
 * retried, writes new files under new names. Only the sorted runs a merge spills are its own,
 * made again on a retry and removed when it ends.
 */
final class ExactDedup extends PTransform<PCollection<KV<RecordKey, ChemistryRecord>>,
    PCollectionList<KV<RecordKey, ChemistryRecord>>> {
  private static final TupleTag<KV<Integer, BucketFile>> BUCKET_FILES = new TupleTag<>() {};
  private static final TupleTag<KV<RecordKey, ChemistryRecord>> TO_COMBINE = new TupleTag<>() {};
  private static final TupleTag<KV<RecordKey, ChemistryRecord>> REJECTS = new TupleTag<>() {};

  static final int BUCKET_PREFIX = 12;
  private static final HashFunction BUCKET_HASH = Hashing.murmur3_32_fixed();

  private final String workDirectory;
  private final int maxRecordsInMemory;
  private final int[] bucketKeys;
  private final List<String> transforms;
  private final FaultInjection fault;

  /**
   * @param workDirectory where the bucket files go, on a file system every worker reads
   * @param maxRecordsInMemory records one worker sorts and merges in memory at a time
   * @param bucketKeys the key each bucket's files are grouped under ({@link KeyPlacement}), one
   *     per bucket: as many buckets as keys, the files each worker spreads its candidates over
   * @param transforms the run's transform names, for the counts of duplicates removed
   */
  ExactDedup(String workDirectory, int maxRecordsInMemory, int[] bucketKeys,
      List<String> transforms, FaultInjection fault) {
    if (IntStream.of(bucketKeys).distinct().count() != bucketKeys.length) {
      throw new IllegalArgumentException("bucket keys must differ: "
          + Arrays.toString(bucketKeys));
    }
    this.workDirectory = Storage.folder(workDirectory);
    this.maxRecordsInMemory = maxRecordsInMemory;
    this.bucketKeys = bucketKeys.clone();
    this.transforms = List.copyOf(transforms);
    this.fault = fault;
  }

  @Override
  public PCollectionList<KV<RecordKey, ChemistryRecord>> expand(
      PCollection<KV<RecordKey, ChemistryRecord>> records) {
    PCollectionTuple spread = records.apply("SpreadIntoBuckets",
        ParDo.of(new SpreadIntoBucketsFn(workDirectory, bucketKeys))
            .withOutputTags(BUCKET_FILES, TupleTagList.of(TO_COMBINE).and(REJECTS)));
    PCollection<KV<RecordKey, ChemistryRecord>> products = spread.get(BUCKET_FILES)
        .setCoder(KvCoder.of(KeyPlacement.KEY_CODER, new BucketFile.Coder()))
        .apply("GroupBuckets", GroupByKey.create())
        .apply("MergeBuckets", ParDo.of(
            new MergeBucketFn(workDirectory, maxRecordsInMemory, transforms, fault)))
        .setCoder(records.getCoder());
    PCollection<KV<RecordKey, ChemistryRecord>> combined = spread.get(TO_COMBINE)
        .setCoder(records.getCoder())
        .apply("AddUpCounts", Combine.perKey(new DedupProducts.MergeRecords()));
    return PCollectionList.of(products).and(combined)
        .and(spread.get(REJECTS).setCoder(records.getCoder()));
  }

  /**
   * Products of the same transform, SMILES length and first {@value #BUCKET_PREFIX} characters
   * share a bucket, so the neighbours a bucket's sorted output puts together are the neighbours
   * of one sort of the whole library ({@link SortedMerge.SortKey}): the products compress far
   * better than with a bucket per hash of the whole SMILES, and the buckets stay about even
   * (docs/benchmarks.md, "The exact dedup through compressed files"). A library whose products
   * mostly share their length and prefix loads one bucket more than the rest; that bucket is
   * merged through sorted runs, in bounded memory all the same.
   */
  static int bucketOf(RecordKey.Product key, int buckets) {
    String smiles = key.smiles();
    Hasher hasher = BUCKET_HASH.newHasher().putInt(key.transform()).putInt(smiles.length());
    for (int i = 0; i < Math.min(BUCKET_PREFIX, smiles.length()); i++) {
      hasher.putChar(smiles.charAt(i));
    }
    return Math.floorMod(hasher.hash().asInt(), buckets);
  }

  /** A worker's file of one bucket. */
  record BucketFile(String path, long records) {
    static final class Coder extends CustomCoder<BucketFile> {
      private static final long serialVersionUID = 1L;

      @Override
      public void encode(BucketFile file, OutputStream out) throws IOException {
        StringUtf8Coder.of().encode(file.path(), out);
        VarLongCoder.of().encode(file.records(), out);
      }

      @Override
      public BucketFile decode(InputStream in) throws IOException {
        return new BucketFile(StringUtf8Coder.of().decode(in), VarLongCoder.of().decode(in));
      }
    }
  }

  /**
   * Appends products and input molecules to this bundle's file of their bucket, names the
   * files when the bundle ends, and routes every other record past the files. Memory: one
   * compressor and buffer per bucket.
   */
  static final class SpreadIntoBucketsFn
      extends DoFn<KV<RecordKey, ChemistryRecord>, KV<Integer, BucketFile>> {
    private static final long serialVersionUID = 1L;
    private final String workDirectory;
    /** The key each bucket's files go under, by bucket. */
    private final int[] bucketKeys;
    /** This bundle's open file of each bucket, by bucket; null where none is open. */
    private transient CandidateFile.Writer[] open;
    private transient String bundle;

    SpreadIntoBucketsFn(String workDirectory, int[] bucketKeys) {
      this.workDirectory = workDirectory;
      this.bucketKeys = bucketKeys;
    }

    @StartBundle
    public void startBundle() {
      open = new CandidateFile.Writer[bucketKeys.length];
      bundle = UUID.randomUUID().toString();
    }

    @ProcessElement
    public void process(@Element KV<RecordKey, ChemistryRecord> record, MultiOutputReceiver out)
        throws IOException {
      if (record.getKey() instanceof RecordKey.Product key) {
        int bucket = bucketOf(key, bucketKeys.length);
        if (open[bucket] == null) {
          open[bucket] = CandidateFile.create(String.format("%sdedup-bucket-%05d-%s",
              workDirectory, bucket, bundle));
        }
        open[bucket].write(key, record.getValue());
      } else if (record.getValue() instanceof ChemistryRecord.Reject) {
        out.get(REJECTS).output(record);
      } else {
        out.get(TO_COMBINE).output(record);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws IOException {
      for (int bucket = 0; bucket < bucketKeys.length; bucket++) {
        CandidateFile.Writer writer = open[bucket];
        if (writer != null) {
          writer.close();
          open[bucket] = null;
          context.output(KV.of(bucketKeys[bucket],
                  new BucketFile(writer.path(), writer.records())),
              BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
        }
      }
    }

    @Teardown
    public void teardown() throws IOException {
      // A failed bundle's files are named nowhere; remove what is left of them.
      if (open == null) {
        return;
      }
      List<String> paths = new ArrayList<>();
      for (CandidateFile.Writer writer : open) {
        if (writer != null) {
          try {
            writer.close();
          } catch (IOException ignored) {
            // Removed below whatever state it is in.
          }
          paths.add(writer.path());
        }
      }
      CandidateFile.delete(paths);
    }
  }

  /**
   * Merges one bucket's files and hands on its products in key order, then the count of the
   * duplicates it removed per transform (candidates read less distinct products handed on). The
   * files stay for a retry: their folder goes when the run ends.
   */
  static final class MergeBucketFn
      extends DoFn<KV<Integer, Iterable<BucketFile>>, KV<RecordKey, ChemistryRecord>> {
    private static final long serialVersionUID = 1L;
    static final String FAULT_MARKER = "fault-injected-after-first-merge";
    private final String workDirectory;
    private final int maxRecordsInMemory;
    private final List<String> transforms;
    private final FaultInjection fault;
    private final Counter runsSpilled = Metrics.counter(ApplyTransforms.METRICS_NAMESPACE,
        "dedup_sorted_runs");

    MergeBucketFn(String workDirectory, int maxRecordsInMemory, List<String> transforms,
        FaultInjection fault) {
      this.workDirectory = workDirectory;
      this.maxRecordsInMemory = maxRecordsInMemory;
      this.transforms = transforms;
      this.fault = fault;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<BucketFile>> bucket,
        OutputReceiver<KV<RecordKey, ChemistryRecord>> out) throws IOException {
      RunTimeline.mark("merge");
      String runPrefix = String.format("%sdedup-run-%05d-%s-", workDirectory, bucket.getKey(),
          UUID.randomUUID());
      int[] runNumber = {0};
      SortedMerge merge = new SortedMerge(maxRecordsInMemory,
          () -> runPrefix + runNumber[0]++);
      CountsByTransform removed = new CountsByTransform();
      for (BucketFile file : bucket.getValue()) {
        try (CandidateFile.Reader reader = CandidateFile.open(file.path())) {
          long read = 0;
          // The records go into the merge as the file holds them: objects only on the way out.
          for (CandidateFile.Encoded record = merge.addNext(reader); record != null;
              record = merge.addNext(reader)) {
            if (record.product) {
              removed.add(record.transform, 1);
            }
            read++;
          }
          if (read != file.records()) {
            throw new IOException("dedup file " + file.path() + " holds " + read
                + " records where " + file.records() + " were written");
          }
        }
      }
      runsSpilled.inc(merge.runsWritten());
      merge.finish((key, record) -> {
        if (record instanceof ChemistryRecord.Product) {
          removed.add(key.transform(), -1);
        }
        out.output(KV.of(key, record));
      });
      removed.forEachNonZero(transforms, Tally.DUPLICATES, (tally, count) -> out.output(
          KV.of(new RecordKey.Count(tally), new ChemistryRecord.Count(count))));
      RunTimeline.mark("merge");
      if (fault == FaultInjection.FAIL_AFTER_FIRST_MERGE
          && Storage.createIfAbsent(workDirectory + FAULT_MARKER)) {
        throw new IOException("failure injected by a test (--faultInjection) after the merge of"
            + " bucket " + bucket.getKey());
      }
    }
  }
}
