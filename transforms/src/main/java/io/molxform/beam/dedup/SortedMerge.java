package io.molxform.beam.dedup;

import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.RecordKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import org.apache.beam.sdk.values.KV;

/**
 * Merges the records of one bucket by product key ({@link ChemistryRecord#merge}: the
 * representative parent, the parent count, the input-molecule mark) and hands them on in key
 * order: transform, then SMILES length, then SMILES. That order keeps similar molecules together
 * and the Parquet writers compress it best, better than plain SMILES order and far better than
 * the order of a hash (docs/benchmarks.md, "The exact dedup through compressed files").
 *
 * <p>The records are sorted as they came, duplicates included, and merged where equal keys
 * meet: a hash map that merged them on arrival took an eighth of the merge phase's samples and
 * twice the objects per record, and the sort is needed anyway. Memory is bounded by {@code
 * maxRecords}: when the buffer reaches it, its records go to a compressed file as a sorted run,
 * each key once, and the end merges the runs ({@code MAX_FAN_IN} at a time) key by key. A bucket
 * that fits, the usual case, is never written again.
 */
final class SortedMerge {
  /** Runs merged in one pass: each open run holds a decompressor and a buffer. */
  static final int MAX_FAN_IN = 64;

  /** What a merged record goes to. */
  interface Sink {
    void accept(RecordKey.Product key, ChemistryRecord record) throws IOException;
  }

  private final int maxRecords;
  /** A new, unused path for each run. */
  private final Supplier<String> runPaths;
  private final PackedRecords buffer = new PackedRecords();
  private final CandidateFile.Encoded next = new CandidateFile.Encoded();
  private final List<String> runs = new ArrayList<>();

  SortedMerge(int maxRecords, Supplier<String> runPaths) {
    if (maxRecords < 1 || maxRecords > PackedRecords.MAX_RECORDS) {
      throw new IllegalArgumentException("maxRecords must be 1 to " + PackedRecords.MAX_RECORDS
          + ", got " + maxRecords);
    }
    this.maxRecords = maxRecords;
    this.runPaths = runPaths;
  }

  /**
   * Adds the next record of {@code reader} as the file holds it, without making objects of it;
   * returns it (valid until the next call), or null at the end of the file.
   */
  CandidateFile.Encoded addNext(CandidateFile.Reader reader) throws IOException {
    next.reset();
    if (!reader.nextEncoded(next)) {
      return null;
    }
    buffer.addEncoded(next);
    if (buffer.size() >= maxRecords) {
      runs.add(writeRun());
    }
    return next;
  }

  /** Sorted runs written so far: how often the bound was met. */
  int runsWritten() {
    return runs.size();
  }

  /** Hands every merged record to {@code sink} in key order, then removes the runs. */
  void finish(Sink sink) throws IOException {
    if (runs.isEmpty()) {
      drainSorted(sink);
      return;
    }
    if (buffer.size() > 0) {
      runs.add(writeRun());
    }
    List<String> pending = new ArrayList<>(runs);
    List<String> written = new ArrayList<>(runs);
    while (pending.size() > MAX_FAN_IN) {
      List<String> pass = pending.subList(0, MAX_FAN_IN);
      String run = runPaths.get();
      try (CandidateFile.Writer out = CandidateFile.create(run)) {
        mergeRuns(pass, out::write);
      }
      written.add(run);
      pass.clear();
      pending.add(run);
    }
    mergeRuns(pending, sink);
    CandidateFile.delete(written);
    runs.clear();
  }

  /** Sorts the buffer, hands each key on once with its records merged, and empties it. */
  private void drainSorted(Sink sink) throws IOException {
    // Stable, so equal keys merge in the order they came, as they did on arrival.
    int[] order = buffer.sortedOrder();
    for (int i = 0; i < order.length; ) {
      KV<RecordKey.Product, ChemistryRecord> first = buffer.record(order[i]);
      ChemistryRecord record = first.getValue();
      int next = i + 1;
      for (; next < order.length && buffer.sameKey(order[i], order[next]); next++) {
        record = ChemistryRecord.merge(record, buffer.record(order[next]).getValue());
      }
      sink.accept(first.getKey(), record);
      i = next;
    }
    buffer.clear();
  }

  private String writeRun() throws IOException {
    String path = runPaths.get();
    try (CandidateFile.Writer out = CandidateFile.create(path)) {
      drainSorted(out::write);
    }
    return path;
  }

  /** Each run holds a key at most once and in key order, so equal keys meet at the heads. */
  private static void mergeRuns(List<String> paths, Sink sink) throws IOException {
    PriorityQueue<Head> heads = new PriorityQueue<>((x, y) -> x.record.compareTo(y.record));
    List<CandidateFile.Reader> readers = new ArrayList<>();
    try {
      for (String path : paths) {
        CandidateFile.Reader reader = CandidateFile.open(path);
        readers.add(reader);
        Head.advance(reader, heads);
      }
      while (!heads.isEmpty()) {
        Head head = heads.poll();
        SortKey first = head.record;
        ChemistryRecord record = first.record;
        Head.advance(head.reader, heads);
        while (!heads.isEmpty() && heads.peek().record.sameKey(first)) {
          Head same = heads.poll();
          record = ChemistryRecord.merge(record, same.record.record);
          Head.advance(same.reader, heads);
        }
        sink.accept(first.key, record);
      }
    } finally {
      for (CandidateFile.Reader reader : readers) {
        reader.close();
      }
    }
  }

  private record Head(SortKey record, CandidateFile.Reader reader) {
    static void advance(CandidateFile.Reader reader, PriorityQueue<Head> heads)
        throws IOException {
      KV<RecordKey.Product, ChemistryRecord> next = reader.next();
      if (next != null) {
        heads.add(new Head(new SortKey(next.getKey(), next.getValue()), reader));
      }
    }
  }

  /**
   * A record with the start of its key packed into longs, so that most comparisons read two
   * fields instead of following key, string and byte array (the sort was most of the merge
   * phase's time waiting for memory). Products of one bucket share long prefixes
   * (docs/benchmarks.md), so the key packs the length and the first 16 characters and compares
   * the strings only beyond that. The heads of the runs being merged are these objects; the
   * buffer ({@link PackedRecords}) keeps the same fields in arrays.
   */
  static final class SortKey implements Comparable<SortKey> {
    static final int PACKED_CHARS = 8;
    /** Transform in the high half, SMILES length in the low: their order as one signed long. */
    private final long transformAndLength;
    /** Characters 0 to 7 and 8 to 15, a byte each, zero beyond the end; unsigned order. */
    private final long chars0;
    private final long chars8;
    /** False where one of the first 16 characters does not fit a byte: compare the strings. */
    private final boolean packed;
    final RecordKey.Product key;
    final ChemistryRecord record;

    SortKey(RecordKey.Product key, ChemistryRecord record) {
      this.key = key;
      this.record = record;
      String smiles = key.smiles();
      this.transformAndLength = transformAndLength(key);
      this.chars0 = packedChars(smiles, 0);
      this.chars8 = packedChars(smiles, PACKED_CHARS);
      this.packed = fitsBytes(smiles);
    }

    /** Transform in the high half, SMILES length in the low: their order as one signed long. */
    static long transformAndLength(RecordKey.Product key) {
      return ((long) key.transform() << 32) | key.smiles().length();
    }

    /** The low bytes of characters {@code from} to {@code from + 7}, zero beyond the end. */
    static long packedChars(String smiles, int from) {
      long packed = 0;
      for (int i = from; i < from + PACKED_CHARS; i++) {
        packed = (packed << 8) | ((i < smiles.length() ? smiles.charAt(i) : 0) & 0xFF);
      }
      return packed;
    }

    /** Whether the first 16 characters fit a byte each, so that the packed longs order them. */
    static boolean fitsBytes(String smiles) {
      int widest = 0;
      for (int i = 0; i < Math.min(smiles.length(), 2 * PACKED_CHARS); i++) {
        widest |= smiles.charAt(i);
      }
      return widest <= 0xFF;
    }

    /** The order products leave a bucket in: transform, SMILES length, SMILES. */
    @Override
    public int compareTo(SortKey other) {
      if (transformAndLength != other.transformAndLength) {
        return Long.compare(transformAndLength, other.transformAndLength);
      }
      if (packed && other.packed) {
        if (chars0 != other.chars0) {
          return Long.compareUnsigned(chars0, other.chars0);
        }
        if (chars8 != other.chars8) {
          return Long.compareUnsigned(chars8, other.chars8);
        }
      }
      return key.smiles().compareTo(other.key.smiles());
    }

    boolean sameKey(SortKey other) {
      return transformAndLength == other.transformAndLength && chars0 == other.chars0
          && chars8 == other.chars8 && key.smiles().equals(other.key.smiles());
    }
  }
}
