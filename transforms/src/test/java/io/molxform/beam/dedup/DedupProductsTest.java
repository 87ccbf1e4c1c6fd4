package io.molxform.beam.dedup;

import static io.molxform.beam.TestRecords.CODER;
import static io.molxform.beam.TestRecords.candidate;
import static io.molxform.beam.TestRecords.count;
import static io.molxform.beam.TestRecords.inputMolecule;
import static io.molxform.beam.TestRecords.kept;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.FaultInjection;
import io.molxform.beam.ParentSample;
import io.molxform.beam.RecordKey;
import io.molxform.beam.RejectRow;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Dedup semantics on the DirectRunner, without chemistry: records stand for products. */
@RunWith(JUnit4.class)
public class DedupProductsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  private static final List<String> NAMES = List.of("A", "B");

  private DedupProducts exact(int buckets, int maxRecordsInMemory) {
    return DedupProducts.exact(temp.getRoot() + "/dedup", buckets, maxRecordsInMemory)
        .countedFor(NAMES);
  }

  @Test
  public void exactKeepsOneRowPerProductWithTheSmallestParentAndCountsParents() {
    keepsOneRowPerProductWithTheSmallestParentAndCountsParents(exact(3, 1000));
  }

  /** A merge that must spill sorted runs (one product in memory) keeps the same rows. */
  @Test
  public void exactThroughSortedRunsKeepsTheSameRepresentatives() {
    keepsOneRowPerProductWithTheSmallestParentAndCountsParents(exact(1, 1));
  }

  @Test
  public void exactThroughSortedRunsMarksProductsThatAreInputMolecules() {
    marksProductsThatAreInputMolecules(exact(2, 1));
  }

  /**
   * A merge keeps its bucket's files, for a retry to read again (the run removes its folder when
   * it ends), and removes only the sorted runs it spilled, which are its own.
   */
  @Test
  public void exactKeepsTheBucketFilesForARetryAndRemovesItsSortedRuns() {
    List<KV<RecordKey, ChemistryRecord>> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      records.add(candidate(0, "C" + i % 120, "id-" + i, 1));
    }
    PAssert.that(pipeline.apply(Create.of(records).withCoder(CODER)).apply(exact(4, 7))
        .apply(Flatten.pCollections())
        .apply(Filter.by(kv -> kv.getKey() instanceof RecordKey.Product))
        .apply(org.apache.beam.sdk.transforms.Count.globally())).containsInAnyOrder(120L);
    pipeline.run().waitUntilFinish();
    File folder = new File(temp.getRoot(), "dedup");
    List<String> left = List.of(folder.list());
    assertTrue("bucket files stay: " + left,
        !left.isEmpty() && left.stream().allMatch(name -> name.startsWith("dedup-bucket-")));
  }

  /**
   * The merge of one bucket run twice (a retried task) reads the same files and hands on the
   * same products and counts both times.
   */
  @Test
  public void theMergeOfABucketRunTwiceGivesTheSameRecords() throws Exception {
    String folder = temp.getRoot() + "/dedup/";
    List<ExactDedup.BucketFile> files = new ArrayList<>();
    for (int file = 0; file < 3; file++) {
      CandidateFile.Writer writer = CandidateFile.create(folder + "dedup-bucket-00000-" + file);
      for (int i = 0; i < 50; i++) {
        KV<RecordKey, ChemistryRecord> record = candidate(0, "C" + (i + file * 20) % 70,
            "id-" + file + "-" + i, 1);
        writer.write((RecordKey.Product) record.getKey(), record.getValue());
      }
      writer.close();
      files.add(new ExactDedup.BucketFile(writer.path(), writer.records()));
    }
    PCollection<KV<Integer, Iterable<ExactDedup.BucketFile>>> bucket = pipeline.apply(
        Create.of(KV.of(0, (Iterable<ExactDedup.BucketFile>) files)).withCoder(KvCoder.of(
            VarIntCoder.of(), IterableCoder.of(new ExactDedup.BucketFile.Coder()))));
    PCollection<KV<RecordKey, ChemistryRecord>> first = bucket.apply("First",
        ParDo.of(new ExactDedup.MergeBucketFn(folder, 1000, NAMES, FaultInjection.NONE)))
        .setCoder(CODER);
    PCollection<KV<RecordKey, ChemistryRecord>> second = bucket.apply("Again",
        ParDo.of(new ExactDedup.MergeBucketFn(folder, 7, NAMES, FaultInjection.NONE)))
        .setCoder(CODER);
    List<KV<RecordKey, ChemistryRecord>> expected = new ArrayList<>();
    Map<String, List<String>> parents = new java.util.TreeMap<>();
    for (int file = 0; file < 3; file++) {
      for (int i = 0; i < 50; i++) {
        parents.computeIfAbsent("C" + (i + file * 20) % 70, k -> new ArrayList<>())
            .add("id-" + file + "-" + i);
      }
    }
    parents.forEach((smiles, ids) -> expected.add(kept(0, smiles,
        ids.stream().sorted().findFirst().get(), 1, ids.size(), false)));
    expected.add(count("A|DUPLICATES", 150 - parents.size()));
    PAssert.that(first).containsInAnyOrder(expected);
    PAssert.that(second).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  private void keepsOneRowPerProductWithTheSmallestParentAndCountsParents(DedupProducts dedup) {
    RejectRow reject = new RejectRow("id-1", "C(", "T", "parse", "INVALID_SMILES", "bad", null);
    List<KV<RecordKey, ChemistryRecord>> records = List.of(
        candidate(0, "P1", "id-9", 1), candidate(0, "P1", "id-10", 1),
        candidate(0, "P1", "id-3", 2), candidate(0, "P2", "id-5", 1),
        // The same product under another transform is another row.
        candidate(1, "P1", "id-7", 1),
        // Rejects pass through; counts of one tally add up.
        KV.of(RecordKey.Reject.random(), new ChemistryRecord.Reject(reject)),
        count("T|NO_SITE", 2), count("T|NO_SITE", 3));
    PCollection<KV<RecordKey, ChemistryRecord>> unique = pipeline
        .apply(Create.of(records).withCoder(CODER))
        .apply(dedup).apply(Flatten.pCollections());
    PAssert.that(unique).satisfies(output -> {
      List<KV<RecordKey, ChemistryRecord>> rows = new ArrayList<>();
      output.forEach(rows::add);
      assertEquals(6, rows.size());
      assertTrue("the merge counts what it removed", rows.contains(count("A|DUPLICATES", 2)));
      // "id-10" < "id-3" < "id-9" in string order: the smallest id represents the product.
      assertTrue(rows.contains(kept(0, "P1", "id-10", 1, 3, false)));
      assertTrue(rows.contains(kept(0, "P2", "id-5", 1, 1, false)));
      assertTrue(rows.contains(kept(1, "P1", "id-7", 1, 1, false)));
      assertTrue(rows.contains(count("T|NO_SITE", 5)));
      assertTrue(rows.stream().anyMatch(kv -> kv.getValue() instanceof ChemistryRecord.Reject r
          && r.row().parentId().equals("id-1") && r.row().reasonCode().equals("INVALID_SMILES")));
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  /** An input molecule marks the product of the same key, whichever arrives first. */
  @Test
  public void exactMarksProductsThatAreInputMolecules() {
    marksProductsThatAreInputMolecules(exact(3, 1000));
  }

  private void marksProductsThatAreInputMolecules(DedupProducts dedup) {
    List<KV<RecordKey, ChemistryRecord>> records = List.of(
        candidate(0, "P1", "id-2", 1), candidate(0, "P1", "id-1", 1),
        inputMolecule(0, "P1"),
        // The same molecule is new for another transform, and an input molecule no product
        // meets stays a marker.
        candidate(1, "P1", "id-1", 1),
        inputMolecule(0, "P9"));
    PAssert.that(pipeline.apply(Create.of(records).withCoder(CODER)).apply(dedup)
        .apply(Flatten.pCollections()))
        .containsInAnyOrder(kept(0, "P1", "id-1", 1, 2, true), kept(1, "P1", "id-1", 1, 1, false),
            inputMolecule(0, "P9"), count("A|DUPLICATES", 1));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void recordsSurviveTheirCoder() throws Exception {
    ChemistryRecord.Coder coder = new ChemistryRecord.Coder();
    List<ChemistryRecord> records = List.of(
        new ChemistryRecord.Product("id", "OC1CC(=O)OC1", 2, 7, List.of(), true),
        new ChemistryRecord.Product("id", "CC\u00e9[Si]", 1, 1,
            java.util.Arrays.asList("a", null), false),
        new ChemistryRecord.InputMolecule(), new ChemistryRecord.Count(1L << 40),
        new ChemistryRecord.Reject(new RejectRow("id", null, "T", "parse", "EMPTY_SMILES", "x",
            null)),
        new ChemistryRecord.Samples(new ParentSample(3, List.of(
            ParentSample.Parent.of("id-1", "Oc1ccccc1"), ParentSample.Parent.of("id-2", "CO")))));
    for (ChemistryRecord record : records) {
      assertEquals(record, CoderUtils.decodeFromByteArray(coder,
          CoderUtils.encodeToByteArray(coder, record)));
    }
    RecordKey.Coder keys = new RecordKey.Coder();
    for (RecordKey key : List.of(new RecordKey.Product(12, "CO[C@@H]1CC(=O)OC1"),
        new RecordKey.Count("T|NO_SITE"), new RecordKey.Sample(3), RecordKey.Reject.random())) {
      assertEquals(key, CoderUtils.decodeFromByteArray(keys, CoderUtils.encodeToByteArray(keys,
          key)));
    }
  }

  @Test
  public void samplesMergeToTheBestParentsOfAllInAnyOrder() {
    List<ParentSample.Parent> all = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(ParentSample.Parent.of("id-" + i, "C".repeat(1 + i % 5) + "O"));
    }
    List<ParentSample.Parent> best = all.stream().sorted(ParentSample.RANK_ORDER).limit(5)
        .toList();
    ParentSample first = new ParentSample(5, List.of());
    ParentSample second = new ParentSample(5, List.of());
    for (int i = 0; i < all.size(); i++) {
      ParentSample one = new ParentSample(5, List.of(all.get(i)));
      if (i % 3 == 0) {
        first = first.merge(one);
      } else {
        second = second.merge(one);
      }
    }
    assertEquals(best, first.merge(second).parents());
    assertEquals(best, second.merge(first).parents());
    assertEquals("a parent met twice counts once", best, first.merge(second).merge(first)
        .parents());
  }

  @Test
  public void noneKeepsEveryCandidate() {
    List<KV<RecordKey, ChemistryRecord>> records =
        List.of(candidate(0, "P1", "a", 1), candidate(0, "P1", "b", 1));
    PAssert.that(pipeline.apply(Create.of(records).withCoder(CODER))
        .apply(DedupProducts.none()).apply(Flatten.pCollections()))
        .containsInAnyOrder(records);
    pipeline.run().waitUntilFinish();
  }

  /**
   * 60,000 distinct products, 40 % of them made twice or three times: Bloom dedup removes every
   * true duplicate (no false negatives), keeps only real products, and loses fewer distinct
   * products than its configured false-positive rate allows; other records pass.
   */
  @Test
  public void bloomLossStaysWithinTheFalsePositiveRate() {
    int distinct = 60_000;
    double fpp = 0.01;
    Random random = new Random(1);
    List<KV<RecordKey, ChemistryRecord>> records = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      int copies = random.nextDouble() < 0.4 ? 2 + random.nextInt(2) : 1;
      for (int c = 0; c < copies; c++) {
        records.add(candidate(0, "C" + i + "O" + Integer.toHexString(i * 7919), "p" + i + "-" + c,
            1));
      }
    }
    records.add(count("T|NO_SITE", 1));
    records.add(count("T|NO_SITE", 1));
    PCollection<KV<RecordKey, ChemistryRecord>> kept = pipeline
        .apply(Create.of(records).withCoder(CODER))
        .apply(DedupProducts.bloom(distinct, fpp, 8).countedFor(List.of("T")))
        .apply(Flatten.pCollections());
    int candidates = records.size() - 2;
    PAssert.that(kept).satisfies(rows -> {
      Set<String> seen = new HashSet<>();
      int counts = 0;
      long removed = 0;
      for (KV<RecordKey, ChemistryRecord> r : rows) {
        if (r.getKey() instanceof RecordKey.Product p) {
          assertTrue("a true duplicate got through: " + p.smiles(), seen.add(p.smiles()));
        } else if (r.getKey() instanceof RecordKey.Count c && c.tally().equals("T|DUPLICATES")) {
          removed += ((ChemistryRecord.Count) r.getValue()).value();
        } else {
          counts++;
        }
      }
      assertEquals("counts pass through the filter", 2, counts);
      assertEquals("the filter counts every candidate it removed", candidates - seen.size(),
          removed);
      int lost = distinct - seen.size();
      assertTrue(lost + " of " + distinct + " lost", lost <= fpp * distinct);
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void perShardSizingLeavesHeadroom() {
    assertTrue(DedupProducts.perShardInsertions(1_000_000, 64) > 1_000_000 / 64);
    assertEquals(1, DedupProducts.perShardInsertions(1, 1000));
    Map<Integer, Integer> spread = new HashMap<>();
    for (int i = 0; i < 64_000; i++) {
      spread.merge(new RecordKey.Product(0, "key" + i).shard(64), 1, Integer::sum);
    }
    assertEquals(64, spread.size());
    assertTrue(spread.values().stream().allMatch(
        n -> n <= DedupProducts.perShardInsertions(64_000, 64)));
  }

  /**
   * Products that sort next to each other (same length and first characters) share a bucket;
   * varied products spread over every bucket.
   */
  @Test
  public void bucketsKeepSortNeighboursTogetherAndSpreadOverAll() {
    int bucket = ExactDedup.bucketOf(new RecordKey.Product(0, "COc1ccc(O)cc1CCN"), 16);
    assertEquals(bucket, ExactDedup.bucketOf(new RecordKey.Product(0, "COc1ccc(O)cc1CCO"), 16));
    assertEquals(bucket, ExactDedup.bucketOf(new RecordKey.Product(0, "COc1ccc(O)cc1NCC"), 16));
    Map<Integer, Integer> spread = new HashMap<>();
    for (int i = 0; i < 16_000; i++) {
      spread.merge(ExactDedup.bucketOf(new RecordKey.Product(i % 2,
          Integer.toString(i * 7919, 7) + "C".repeat(i % 13)), 16), 1, Integer::sum);
    }
    assertEquals(16, spread.size());
    assertTrue(spread.toString(), spread.values().stream().allMatch(n -> n > 700 && n < 1300));
  }
}
