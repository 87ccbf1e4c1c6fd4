package io.molxform.beam.dedup;

import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.RecordKey;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * The merge's buffer ({@link SortedMerge}): records encoded as the dedup's files hold them
 * ({@link CandidateFile#writeRecord}), one after another in chunks of bytes, and each record's
 * sort fields side by side in one array of numbers. A bucket of a million records is a few dozen
 * arrays instead of five million objects that all live until the bucket is merged: the
 * collector copied those from region to region in pauses of up to 0.9 s that stopped both merges
 * (5.1 s of pauses in the 20-s merge phase of a 1.5-million-row run, docs/benchmarks.md).
 *
 * <p>The sort visits records in no order memory likes, and waiting for memory was most of its
 * time: so a record's fields lie together ({@link #STRIDE} longs, one or two cache lines, where
 * they were once seven arrays), they hold the first 32 characters (records of a bucket share long
 * prefixes), and a hash of the whole SMILES lets neighbours that differ beyond them be told apart
 * without reading their bytes.
 *
 * <p>The order is {@link SortedMerge.SortKey}'s: transform, SMILES length in characters, then the
 * whole SMILES, its first 32 characters compared as packed longs here, the rest as UTF-8 bytes,
 * whose order is the strings' own for any SMILES without surrogate pairs (the rest are compared
 * as strings).
 */
final class PackedRecords {
  private static final int CHUNK_BYTES = 1 << 20;
  private static final int FIRST_CAPACITY = 1 << 10;
  /** Longs of packed characters in a record's fields, eight characters each. */
  private static final int PACKED_LONGS = 4;
  /** Characters packed into the sort fields, a byte each. */
  private static final int PACKED_CHARS = PACKED_LONGS * SortedMerge.SortKey.PACKED_CHARS;
  /** Flags: the first 32 characters fit a byte each; the UTF-8 bytes order as the string. */
  private static final int PACKED = 1;
  private static final int BYTES_ORDER = 2;

  /** A record's fields: where in {@link #fields} each lies, from the record's first. */
  private static final int TRANSFORM_AND_LENGTH = 0;
  /** Characters 0 to 31, eight to a long, zero beyond the end; unsigned order. */
  private static final int CHARS = 1;
  /** A hash of the whole SMILES: neighbours whose hashes differ are different keys. */
  private static final int HASH = 5;
  /** Chunk index in the high half, the record's offset in the chunk in the low. */
  private static final int LOCATION = 6;
  /**
   * Where the SMILES's UTF-8 bytes start in the record's chunk (high half), how many there are
   * (bits 2 to 31) and the flags (bits 0 and 1).
   */
  private static final int SMILES = 7;
  private static final int STRIDE = 8;
  /** The most records a buffer holds: their fields must fit one array. */
  static final int MAX_RECORDS = 100_000_000;
  /** Records sorted by insertion rather than merged. */
  private static final int INSERTION_RUN = 16;

  /** Eight bytes of an array as one long, the first the most significant: eight characters. */
  private static final VarHandle EIGHT_BYTES =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

  /** Full chunks kept for reuse after {@link #clear}; records larger than a chunk get their own. */
  private final List<byte[]> chunks = new ArrayList<>();
  private int chunkIndex = -1;
  private int used = CHUNK_BYTES;

  private int size;
  private long[] fields = new long[FIRST_CAPACITY * STRIDE];

  int size() {
    return size;
  }

  /**
   * Adds a record as a bucket file holds it ({@link CandidateFile.Reader#nextEncoded}), without
   * making objects of it: the sort fields come from its bytes.
   */
  void addEncoded(CandidateFile.Encoded encoded) {
    if (size == MAX_RECORDS) {
      throw new IllegalStateException("the merge's buffer holds at most " + MAX_RECORDS
          + " records");
    }
    if ((size + 1) * STRIDE > fields.length) {
      fields = Arrays.copyOf(fields, Math.min(fields.length * 2, MAX_RECORDS * STRIDE));
    }
    byte[] bytes = encoded.bytes();
    int length = encoded.size();
    byte[] chunk;
    int offset;
    if (length > CHUNK_BYTES) {
      chunk = Arrays.copyOf(bytes, length);
      chunks.add(++chunkIndex, chunk);
      offset = 0;
      used = CHUNK_BYTES;
    } else {
      if (used + length > CHUNK_BYTES) {
        chunkIndex++;
        if (chunkIndex == chunks.size()) {
          chunks.add(new byte[CHUNK_BYTES]);
        }
        used = 0;
      }
      chunk = chunks.get(chunkIndex);
      offset = used;
      System.arraycopy(bytes, 0, chunk, offset, length);
      used += length;
    }
    int start = encoded.smilesStart;
    int end = encoded.smilesEnd;
    long highBits = 0;
    int i = start;
    for (; i + 8 <= end; i += 8) {
      highBits |= (long) EIGHT_BYTES.get(bytes, i);
    }
    for (; i < end; i++) {
      highBits |= bytes[i];
    }
    boolean ascii = (highBits & HIGH_BITS) == 0;
    int at = size * STRIDE;
    int chars;
    int flag;
    if (ascii) {
      // One byte, one character: the packed fields straight from the bytes.
      chars = end - start;
      for (int k = 0; k < PACKED_LONGS; k++) {
        fields[at + CHARS + k] =
            packedBytes(bytes, start + k * SortedMerge.SortKey.PACKED_CHARS, end);
      }
      flag = PACKED | BYTES_ORDER;
    } else {
      String smiles = new String(bytes, start, end - start, StandardCharsets.UTF_8);
      chars = smiles.length();
      for (int k = 0; k < PACKED_LONGS; k++) {
        fields[at + CHARS + k] =
            SortedMerge.SortKey.packedChars(smiles, k * SortedMerge.SortKey.PACKED_CHARS);
      }
      flag = (fitsBytes(smiles) ? PACKED : 0) | (hasSurrogates(smiles) ? 0 : BYTES_ORDER);
    }
    fields[at + TRANSFORM_AND_LENGTH] = ((long) encoded.transform << 32) | chars;
    fields[at + HASH] = hash(bytes, start, end);
    fields[at + LOCATION] = ((long) chunkIndex << 32) | offset;
    fields[at + SMILES] = ((long) (offset + start) << 32) | ((long) (end - start) << 2) | flag;
    size++;
  }

  /** The indices of the records in key order; records of equal keys in the order they came. */
  int[] sortedOrder() {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    sort(order, new int[size], 0, size);
    return order;
  }

  int compare(int a, int b) {
    long[] f = fields;
    int x = a * STRIDE;
    int y = b * STRIDE;
    if (f[x + TRANSFORM_AND_LENGTH] != f[y + TRANSFORM_AND_LENGTH]) {
      return Long.compare(f[x + TRANSFORM_AND_LENGTH], f[y + TRANSFORM_AND_LENGTH]);
    }
    int flags = (int) f[x + SMILES] & (int) f[y + SMILES];
    if ((flags & PACKED) != 0) {
      for (int k = CHARS; k < CHARS + PACKED_LONGS; k++) {
        if (f[x + k] != f[y + k]) {
          return Long.compareUnsigned(f[x + k], f[y + k]);
        }
      }
    }
    if ((flags & BYTES_ORDER) != 0) {
      return Arrays.compareUnsigned(chunk(a), smilesOffset(x), smilesOffset(x) + smilesBytes(x),
          chunk(b), smilesOffset(y), smilesOffset(y) + smilesBytes(y));
    }
    return smiles(a).compareTo(smiles(b));
  }

  boolean sameKey(int a, int b) {
    int x = a * STRIDE;
    int y = b * STRIDE;
    long[] f = fields;
    for (int k = 0; k <= HASH; k++) {
      if (f[x + k] != f[y + k]) {
        return false;
      }
    }
    return Arrays.equals(chunk(a), smilesOffset(x), smilesOffset(x) + smilesBytes(x), chunk(b),
        smilesOffset(y), smilesOffset(y) + smilesBytes(y));
  }

  /** The record at {@code index}, decoded. */
  KV<RecordKey.Product, ChemistryRecord> record(int index) {
    byte[] chunk = chunk(index);
    int offset = (int) fields[index * STRIDE + LOCATION];
    DataInputStream in = new DataInputStream(
        new ByteArrayInputStream(chunk, offset, chunk.length - offset));
    try {
      return CandidateFile.readRecord(in, in.readUnsignedByte(), "the merge's buffer");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgets the records, keeping the full chunks and the arrays for the next ones. */
  void clear() {
    chunks.removeIf(chunk -> chunk.length != CHUNK_BYTES);
    chunkIndex = -1;
    used = CHUNK_BYTES;
    size = 0;
  }

  private byte[] chunk(int index) {
    return chunks.get((int) (fields[index * STRIDE + LOCATION] >>> 32));
  }

  private int smilesOffset(int at) {
    return (int) (fields[at + SMILES] >>> 32);
  }

  private int smilesBytes(int at) {
    return (int) fields[at + SMILES] >>> 2;
  }

  private String smiles(int index) {
    int at = index * STRIDE;
    return new String(chunk(index), smilesOffset(at), smilesBytes(at), StandardCharsets.UTF_8);
  }

  /** A stable merge sort of {@code order[from, to)} by {@link #compare}. */
  private void sort(int[] order, int[] temp, int from, int to) {
    if (to - from <= INSERTION_RUN) {
      for (int i = from + 1; i < to; i++) {
        int x = order[i];
        int j = i - 1;
        for (; j >= from && compare(order[j], x) > 0; j--) {
          order[j + 1] = order[j];
        }
        order[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sort(order, temp, from, mid);
    sort(order, temp, mid, to);
    if (compare(order[mid - 1], order[mid]) <= 0) {
      return;
    }
    System.arraycopy(order, from, temp, from, to - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      order[k++] = compare(temp[j], temp[i]) < 0 ? temp[j++] : temp[i++];
    }
    while (i < mid) {
      order[k++] = temp[i++];
    }
    while (j < to) {
      order[k++] = temp[j++];
    }
  }

  /** Bytes {@code from} to {@code from + 7} of an ASCII SMILES, zero beyond {@code end}. */
  private static long packedBytes(byte[] bytes, int from, int end) {
    if (from + SortedMerge.SortKey.PACKED_CHARS <= end) {
      return (long) EIGHT_BYTES.get(bytes, from);
    }
    long packed = 0;
    for (int i = from; i < from + SortedMerge.SortKey.PACKED_CHARS; i++) {
      packed = (packed << 8) | (i < end ? bytes[i] & 0xFF : 0);
    }
    return packed;
  }

  /** Whether the first 32 characters fit a byte each, so that the packed longs order them. */
  private static boolean fitsBytes(String smiles) {
    int widest = 0;
    for (int i = 0; i < Math.min(smiles.length(), PACKED_CHARS); i++) {
      widest |= smiles.charAt(i);
    }
    return widest <= 0xFF;
  }

  /** A hash of the SMILES's bytes, eight at a time: equal SMILES, equal hashes. */
  private static long hash(byte[] bytes, int from, int to) {
    long hash = to - from;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long eight = (long) EIGHT_BYTES.get(bytes, i);
      hash = Long.rotateLeft((hash ^ eight) * 0x9E37_79B9_7F4A_7C15L, 29);
    }
    for (; i < to; i++) {
      hash = (hash ^ bytes[i]) * 0x100_0000_01B3L;
    }
    return hash ^ (hash >>> 32);
  }

  private static boolean hasSurrogates(String smiles) {
    for (int i = 0; i < smiles.length(); i++) {
      if (Character.isSurrogate(smiles.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
