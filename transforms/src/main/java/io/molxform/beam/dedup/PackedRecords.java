package io.molxform.beam.dedup;

import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.RecordKey;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * The merge's buffer ({@link SortedMerge}): records encoded as the dedup's files hold them
 * ({@link CandidateFile#writeRecord}), one after another in chunks of bytes, and each record's
 * sort fields in arrays of numbers. A bucket of a million records is a few dozen arrays instead
 * of five million objects that all live until the bucket is merged: the collector copied those
 * from region to region in pauses of up to 0.9 s that stopped both merges (5.1 s of pauses in
 * the 20-s merge phase of a 1.5-million-row run, docs/benchmarks.md).
 *
 * <p>The order is {@link SortedMerge.SortKey}'s: transform, SMILES length in characters, the
 * first 16 characters packed into two longs, then the whole SMILES, compared here as UTF-8
 * bytes, whose order is the strings' own for any SMILES without surrogate pairs (the rest are
 * compared as strings).
 */
final class PackedRecords {
  private static final int CHUNK_BYTES = 1 << 20;
  private static final int FIRST_CAPACITY = 1 << 10;
  /** Flags: the first 16 characters fit a byte each; the UTF-8 bytes order as the string. */
  private static final byte PACKED = 1;
  private static final byte BYTES_ORDER = 2;

  /** Full chunks kept for reuse after {@link #clear}; records larger than a chunk get their own. */
  private final List<byte[]> chunks = new ArrayList<>();
  private int chunkIndex = -1;
  private int used = CHUNK_BYTES;

  private int size;
  private long[] transformAndLength = new long[FIRST_CAPACITY];
  private long[] chars0 = new long[FIRST_CAPACITY];
  private long[] chars8 = new long[FIRST_CAPACITY];
  /** Chunk index in the high half, the record's offset in the chunk in the low. */
  private long[] location = new long[FIRST_CAPACITY];
  /** Where the SMILES's UTF-8 bytes start in the record's chunk, and how many there are. */
  private int[] smilesOffset = new int[FIRST_CAPACITY];
  private int[] smilesBytes = new int[FIRST_CAPACITY];
  private byte[] flags = new byte[FIRST_CAPACITY];

  int size() {
    return size;
  }

  /**
   * Adds a record as a bucket file holds it ({@link CandidateFile.Reader#nextEncoded}), without
   * making objects of it: the sort fields come from its bytes.
   */
  void addEncoded(CandidateFile.Encoded encoded) {
    if (size == transformAndLength.length) {
      grow();
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
    boolean ascii = true;
    for (int i = start; i < end && ascii; i++) {
      ascii = bytes[i] >= 0;
    }
    int chars;
    byte flag;
    if (ascii) {
      // One byte, one character: the packed fields straight from the bytes.
      chars = end - start;
      chars0[size] = packedBytes(bytes, start, end);
      chars8[size] = packedBytes(bytes, start + SortedMerge.SortKey.PACKED_CHARS, end);
      flag = PACKED | BYTES_ORDER;
    } else {
      String smiles = new String(bytes, start, end - start, StandardCharsets.UTF_8);
      chars = smiles.length();
      chars0[size] = SortedMerge.SortKey.packedChars(smiles, 0);
      chars8[size] = SortedMerge.SortKey.packedChars(smiles, SortedMerge.SortKey.PACKED_CHARS);
      flag = (byte) ((SortedMerge.SortKey.fitsBytes(smiles) ? PACKED : 0)
          | (hasSurrogates(smiles) ? 0 : BYTES_ORDER));
    }
    transformAndLength[size] = ((long) encoded.transform << 32) | chars;
    location[size] = ((long) chunkIndex << 32) | offset;
    smilesOffset[size] = offset + start;
    smilesBytes[size] = end - start;
    flags[size] = flag;
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
    if (transformAndLength[a] != transformAndLength[b]) {
      return Long.compare(transformAndLength[a], transformAndLength[b]);
    }
    if ((flags[a] & flags[b] & PACKED) != 0) {
      if (chars0[a] != chars0[b]) {
        return Long.compareUnsigned(chars0[a], chars0[b]);
      }
      if (chars8[a] != chars8[b]) {
        return Long.compareUnsigned(chars8[a], chars8[b]);
      }
    }
    if ((flags[a] & flags[b] & BYTES_ORDER) != 0) {
      return Arrays.compareUnsigned(chunk(a), smilesOffset[a], smilesOffset[a] + smilesBytes[a],
          chunk(b), smilesOffset[b], smilesOffset[b] + smilesBytes[b]);
    }
    return smiles(a).compareTo(smiles(b));
  }

  boolean sameKey(int a, int b) {
    return transformAndLength[a] == transformAndLength[b] && chars0[a] == chars0[b]
        && chars8[a] == chars8[b] && Arrays.equals(chunk(a), smilesOffset[a],
        smilesOffset[a] + smilesBytes[a], chunk(b), smilesOffset[b],
        smilesOffset[b] + smilesBytes[b]);
  }

  /** The record at {@code index}, decoded. */
  KV<RecordKey.Product, ChemistryRecord> record(int index) {
    byte[] chunk = chunk(index);
    int offset = (int) location[index];
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
    return chunks.get((int) (location[index] >>> 32));
  }

  private String smiles(int index) {
    return new String(chunk(index), smilesOffset[index], smilesBytes[index],
        StandardCharsets.UTF_8);
  }

  /** A stable merge sort of {@code order[from, to)} by {@link #compare}. */
  private void sort(int[] order, int[] temp, int from, int to) {
    if (to - from <= 16) {
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

  private void grow() {
    int capacity = transformAndLength.length * 2;
    transformAndLength = Arrays.copyOf(transformAndLength, capacity);
    chars0 = Arrays.copyOf(chars0, capacity);
    chars8 = Arrays.copyOf(chars8, capacity);
    location = Arrays.copyOf(location, capacity);
    smilesOffset = Arrays.copyOf(smilesOffset, capacity);
    smilesBytes = Arrays.copyOf(smilesBytes, capacity);
    flags = Arrays.copyOf(flags, capacity);
  }

  /** Bytes {@code from} to {@code from + 7} of an ASCII SMILES, zero beyond {@code end}. */
  private static long packedBytes(byte[] bytes, int from, int end) {
    long packed = 0;
    for (int i = from; i < from + SortedMerge.SortKey.PACKED_CHARS; i++) {
      packed = (packed << 8) | (i < end ? bytes[i] & 0xFF : 0);
    }
    return packed;
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
