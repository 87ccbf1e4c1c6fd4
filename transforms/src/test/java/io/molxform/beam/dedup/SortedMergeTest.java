package io.molxform.beam.dedup;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.RecordKey;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The dedup's files and its bounded merge, without a pipeline. */
@RunWith(JUnit4.class)
public class SortedMergeTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void candidateFilesGiveBackWhatWasWritten() throws IOException {
    List<KV<RecordKey.Product, ChemistryRecord>> records = List.of(
        KV.of(new RecordKey.Product(0, "CO[C@@H]1CC(=O)OC1"),
            new ChemistryRecord.Product("id-1", "O[C@@H]1CC(=O)OC1", 2, 7, List.of(), true)),
        KV.of(new RecordKey.Product(300, "CC\u00e9[Si]"),
            new ChemistryRecord.Product("\u00e9t\u00e9", "CC", 1, 1, Arrays.asList("a", null, ""),
                false)),
        KV.of(new RecordKey.Product(1, "C".repeat(70_000)), new ChemistryRecord.InputMolecule()));
    String path = temp.getRoot() + "/one";
    try (CandidateFile.Writer writer = CandidateFile.create(path)) {
      for (KV<RecordKey.Product, ChemistryRecord> record : records) {
        writer.write(record.getKey(), record.getValue());
      }
      assertEquals(3, writer.records());
    }
    try (CandidateFile.Reader reader = CandidateFile.open(path)) {
      for (KV<RecordKey.Product, ChemistryRecord> record : records) {
        assertEquals(record, reader.next());
      }
      assertNull(reader.next());
    }
  }

  /**
   * With room for 3 products the merge spills a sorted run every few records, more runs than
   * one pass merges, and must still give every product once, merged as the combine merges, in
   * key order, and leave no run behind.
   */
  @Test
  public void aMergeThroughManyRunsEqualsTheMergeInMemory() throws IOException {
    Random random = new Random(7);
    List<KV<RecordKey.Product, ChemistryRecord>> input = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      RecordKey.Product key = new RecordKey.Product(random.nextInt(2),
          "C" + "O".repeat(random.nextInt(4)) + random.nextInt(300));
      input.add(KV.of(key, random.nextInt(10) == 0 ? new ChemistryRecord.InputMolecule()
          : ChemistryRecord.Product.of("id-" + random.nextInt(1_000), "P" + random.nextInt(5),
              1 + random.nextInt(3), List.of())));
    }
    File runs = temp.newFolder("runs");
    int[] next = {0};
    SortedMerge merge = new SortedMerge(3, () -> runs + "/run-" + next[0]++);
    addAll(merge, input);
    assertTrue(merge.runsWritten() + " runs", merge.runsWritten() > SortedMerge.MAX_FAN_IN);
    List<Map.Entry<RecordKey.Product, ChemistryRecord>> merged = new ArrayList<>();
    merge.finish((key, record) -> merged.add(Map.entry(key, record)));

    assertEquals(mergedInMemory(input), merged);
    assertEquals(List.of(), List.of(runs.list()));
  }

  /**
   * The packed sort key must order as the strings do: long shared prefixes (decided beyond the
   * 16 packed characters of the runs' heads and the 32 of the buffer), lengths around 8 and 16,
   * characters that fit a byte ('é') and ones that do not ('ā', whose low byte equals
   * '\u0001', also in the alphabet), a character outside the Basic Multilingual Plane (a
   * surrogate pair, whose UTF-8 bytes order unlike the string's chars against 'ￂ'), transforms;
   * in the objects that head the runs and in the buffer's arrays alike.
   */
  @Test
  public void theSortKeyOrdersAsTransformLengthAndSmiles() throws IOException {
    Comparator<RecordKey.Product> documented = Comparator
        .comparingInt(RecordKey.Product::transform)
        .thenComparingInt((RecordKey.Product key) -> key.smiles().length())
        .thenComparing(RecordKey.Product::smiles);
    String[] alphabet = {"C", "c", "O", "(", "1", "\u00e9", "\u0101", "\u0001",
        "\ud83d\ude00", "\uffc2"};
    // Shared prefixes shorter than the buffer's 32 packed characters, and longer.
    String[] prefixes = {"", "COc1ccc(O)c(OC)c1", "COc1ccc(O)c(OC)c1C(=O)Oc2ccc(C)cc2OC"};
    Random random = new Random(11);
    List<RecordKey.Product> keys = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      StringBuilder smiles = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
      for (int n = random.nextInt(20); n > 0; n--) {
        smiles.append(alphabet[random.nextInt(random.nextInt(4) == 0 ? alphabet.length : 5)]);
      }
      keys.add(new RecordKey.Product(random.nextInt(3) - 1, smiles.toString()));
    }
    PackedRecords packed = new PackedRecords();
    List<KV<RecordKey.Product, ChemistryRecord>> records = new ArrayList<>();
    for (RecordKey.Product key : keys) {
      records.add(KV.of(key, new ChemistryRecord.InputMolecule()));
    }
    addAll(packed, records);
    int sameKeys = 0;
    for (int i = 0; i < keys.size(); i++) {
      for (int j = 0; j < keys.size(); j++) {
        RecordKey.Product a = keys.get(i);
        RecordKey.Product b = keys.get(j);
        assertEquals("buffer: " + a + " against " + b,
            Integer.signum(documented.compare(a, b)), Integer.signum(packed.compare(i, j)));
        assertEquals("buffer: " + a + " against " + b, a.equals(b), packed.sameKey(i, j));
      }
      assertEquals(keys.get(i), packed.record(i).getKey());
    }
    for (RecordKey.Product a : keys) {
      SortedMerge.SortKey left = new SortedMerge.SortKey(a, new ChemistryRecord.InputMolecule());
      for (RecordKey.Product b : keys) {
        SortedMerge.SortKey right =
            new SortedMerge.SortKey(b, new ChemistryRecord.InputMolecule());
        assertEquals(a + " against " + b, Integer.signum(documented.compare(a, b)),
            Integer.signum(left.compareTo(right)));
        assertEquals(a + " against " + b, a.equals(b), left.sameKey(right));
        sameKeys += a.equals(b) ? 1 : 0;
      }
    }
    assertTrue("pairs of equal keys beyond each with itself: " + sameKeys,
        sameKeys > keys.size());
  }

  /**
   * Records copied from a bucket file as bytes (the merge's path) merge as the same records do
   * in memory, every field kept: carried columns (null and empty among them), a reagent, an
   * input molecule, SMILES beyond ASCII; and each says its transform and kind.
   */
  @Test
  public void recordsCopiedAsBytesMergeAsTheRecordsDoInMemory() throws IOException {
    Random random = new Random(3);
    String[] tails = {"", "\u00e9", "\ud83d\ude00", "(Cl)"};
    List<KV<RecordKey.Product, ChemistryRecord>> input = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      RecordKey.Product key = new RecordKey.Product(random.nextInt(3),
          "c1ccccc1O" + random.nextInt(200) + tails[random.nextInt(tails.length)]);
      ChemistryRecord record = random.nextInt(8) == 0 ? new ChemistryRecord.InputMolecule()
          : new ChemistryRecord.Product("id-" + random.nextInt(500), "P" + random.nextInt(9),
              1 + random.nextInt(3), 1 + random.nextInt(2),
              random.nextBoolean() ? List.of() : Arrays.asList("x" + i, null, ""),
              random.nextInt(5) == 0, random.nextBoolean() ? null : "acid-" + random.nextInt(40));
      input.add(KV.of(key, record));
    }
    String file = temp.getRoot() + "/bucket";
    try (CandidateFile.Writer writer = CandidateFile.create(file)) {
      for (KV<RecordKey.Product, ChemistryRecord> record : input) {
        writer.write(record.getKey(), record.getValue());
      }
    }
    File runs = temp.newFolder("byte-runs");
    int[] next = {0};
    SortedMerge fromBytes = new SortedMerge(100, () -> runs + "/run-" + next[0]++);
    int read = 0;
    try (CandidateFile.Reader reader = CandidateFile.open(file)) {
      for (CandidateFile.Encoded record = fromBytes.addNext(reader); record != null;
          record = fromBytes.addNext(reader)) {
        KV<RecordKey.Product, ChemistryRecord> expected = input.get(read++);
        assertEquals(expected.getKey().transform(), record.transform);
        assertEquals(expected.getValue() instanceof ChemistryRecord.Product, record.product);
      }
    }
    assertEquals(input.size(), read);
    assertTrue(fromBytes.runsWritten() + " runs", fromBytes.runsWritten() > 10);
    List<Map.Entry<RecordKey.Product, ChemistryRecord>> merged = new ArrayList<>();
    fromBytes.finish((key, record) -> merged.add(Map.entry(key, record)));
    assertEquals(mergedInMemory(input), merged);
  }

  /** Records across chunks, one larger than a chunk, decoded as added, before and after reuse. */
  @Test
  public void theBufferGivesBackWhatWasAddedAcrossChunks() throws IOException {
    PackedRecords packed = new PackedRecords();
    for (int round = 0; round < 2; round++) {
      List<KV<RecordKey.Product, ChemistryRecord>> added = new ArrayList<>();
      for (int i = 0; i < 30_000; i++) {
        String smiles = i == 12_345 ? "C".repeat(1_500_000) : "CCO" + i + round;
        added.add(KV.of(new RecordKey.Product(i % 3, smiles), ChemistryRecord.Product.of(
            "id-" + i, "OCC" + i, 1 + i % 4, i % 5 == 0 ? List.of("kept " + i) : List.of())));
      }
      addAll(packed, added);
      assertEquals(added.size(), packed.size());
      for (int i = 0; i < added.size(); i++) {
        assertEquals(added.get(i), packed.record(i));
      }
      packed.clear();
    }
  }

  @Test
  public void aBucketThatFitsIsNeverWritten() throws IOException {
    File runs = temp.newFolder("runs");
    SortedMerge merge = new SortedMerge(10, () -> runs + "/run");
    addAll(merge, List.of(
        KV.of(new RecordKey.Product(0, "CO"), ChemistryRecord.Product.of("b", "O", 1, List.of())),
        KV.of(new RecordKey.Product(0, "CC"), ChemistryRecord.Product.of("a", "C", 1, List.of())),
        KV.of(new RecordKey.Product(0, "CO"), ChemistryRecord.Product.of("a", "O", 1, List.of()))));
    List<String> out = new ArrayList<>();
    merge.finish((key, record) -> out.add(key.smiles() + " "
        + ((ChemistryRecord.Product) record).parentId() + " "
        + ((ChemistryRecord.Product) record).parentCount()));
    assertEquals(List.of("CC a 1", "CO a 2"), out);
    assertEquals(0, merge.runsWritten());
    assertEquals(List.of(), List.of(runs.list()));
  }

  /** The records merged by key with the combine's merge, in the documented order. */
  private static List<Map.Entry<RecordKey.Product, ChemistryRecord>> mergedInMemory(
      List<KV<RecordKey.Product, ChemistryRecord>> records) {
    Map<RecordKey.Product, ChemistryRecord> merged = new HashMap<>();
    records.forEach(r -> merged.merge(r.getKey(), r.getValue(), ChemistryRecord::merge));
    List<Map.Entry<RecordKey.Product, ChemistryRecord>> sorted =
        new ArrayList<>(merged.entrySet());
    // Spelled independently of SortedMerge's own comparator.
    sorted.sort(Map.Entry.comparingByKey(Comparator.comparingInt(RecordKey.Product::transform)
        .thenComparingInt((RecordKey.Product key) -> key.smiles().length())
        .thenComparing(RecordKey.Product::smiles)));
    return sorted;
  }

  /** The records in a bucket file of their own, written as the chemistry's tasks write them. */
  private String bucketFile(List<KV<RecordKey.Product, ChemistryRecord>> records)
      throws IOException {
    String path = temp.newFolder().getPath() + "/bucket";
    try (CandidateFile.Writer writer = CandidateFile.create(path)) {
      for (KV<RecordKey.Product, ChemistryRecord> record : records) {
        writer.write(record.getKey(), record.getValue());
      }
    }
    return path;
  }

  /** The records added to {@code merge} as the dedup adds them: read from a bucket file. */
  private void addAll(SortedMerge merge, List<KV<RecordKey.Product, ChemistryRecord>> records)
      throws IOException {
    try (CandidateFile.Reader reader = CandidateFile.open(bucketFile(records))) {
      while (merge.addNext(reader) != null) {
        // each call adds one record
      }
    }
  }

  /** The records added to {@code packed} as the merge adds them: their bytes from a file. */
  private void addAll(PackedRecords packed, List<KV<RecordKey.Product, ChemistryRecord>> records)
      throws IOException {
    CandidateFile.Encoded next = new CandidateFile.Encoded();
    try (CandidateFile.Reader reader = CandidateFile.open(bucketFile(records))) {
      while (reader.nextEncoded(next)) {
        packed.addEncoded(next);
        next.reset();
      }
    }
  }
}
