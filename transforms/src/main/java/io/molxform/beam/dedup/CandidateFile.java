package io.molxform.beam.dedup;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.RecordKey;
import io.molxform.storage.Storage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;

/**
 * The exact dedup's files: product candidates and input molecules under their product key,
 * one after another, compressed with Zstandard. SMILES are written as plain text (not packed
 * into nibbles, as in the shuffle's coders), which is what lets the compressor find the rings
 * and chains that molecules share: about 26 bytes a candidate on the generated library, against
 * about 170 in Flink's uncompressed sort.
 *
 * <p>Every path goes through {@link Storage} (Beam's file systems), so a cluster's workers can
 * share them on any file system the output can live on.
 */
final class CandidateFile {
  /** Zstandard's fastest level: the files live minutes, and CPU is what a run is short of. */
  private static final int LEVEL = 1;
  private static final int BUFFER_BYTES = 1 << 16;
  private static final int PRODUCT = 0;
  private static final int INPUT_MOLECULE = 1;
  private static final int IN_INPUT = 0x10;
  private static final int CARRIED = 0x20;
  private static final int REAGENT = 0x40;

  private CandidateFile() {}

  static Writer create(String path) throws IOException {
    return new Writer(path, new DataOutputStream(new BufferedOutputStream(new ZstdOutputStream(
        Storage.create(path, MimeTypes.BINARY), LEVEL), BUFFER_BYTES)));
  }

  static Reader open(String path) throws IOException {
    return new Reader(path, new DataInputStream(new BufferedInputStream(new ZstdInputStream(
        Storage.open(path)), BUFFER_BYTES)));
  }

  static void delete(List<String> paths) throws IOException {
    Storage.delete(paths.stream().map(Storage::fileResource).toList());
  }

  /** Appends records; {@link #close} completes the file. */
  static final class Writer implements AutoCloseable {
    private final String path;
    private final DataOutputStream out;
    private long records;

    private Writer(String path, DataOutputStream out) {
      this.path = path;
      this.out = out;
    }

    void write(RecordKey.Product key, ChemistryRecord record) throws IOException {
      writeRecord(out, key, record);
      records++;
    }

    String path() {
      return path;
    }

    long records() {
      return records;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Reads the records of one file in the order they were written. */
  static final class Reader implements AutoCloseable {
    private final String path;
    private final DataInputStream in;

    private Reader(String path, DataInputStream in) {
      this.path = path;
      this.in = in;
    }

    /** The next record, or null at the end of the file. */
    KV<RecordKey.Product, ChemistryRecord> next() throws IOException {
      int tag = in.read();
      if (tag < 0) {
        return null;
      }
      try {
        return readRecord(in, tag, path);
      } catch (EOFException e) {
        throw new IOException("dedup file " + path + " ends inside a record", e);
      }
    }

    /**
     * The next record's bytes, as written, without decoding it: appended to {@code out} (whose
     * earlier bytes stay); false at the end of the file. What the merge's buffer keeps.
     */
    boolean nextEncoded(Encoded out) throws IOException {
      int tag = in.read();
      if (tag < 0) {
        return false;
      }
      try {
        out.write(tag);
        out.transform = copyVarInt(in, out);
        int smilesBytes = copyVarInt(in, out);
        out.smilesStart = out.size();
        out.copyFrom(in, smilesBytes);
        out.smilesEnd = out.size();
        out.product = (tag & 0x0f) == PRODUCT;
        if (out.product) {
          copyString(in, out);
          copyString(in, out);
          copyVarInt(in, out);
          copyVarInt(in, out);
          if ((tag & CARRIED) != 0) {
            for (int n = copyVarInt(in, out); n > 0; n--) {
              int present = in.readUnsignedByte();
              out.write(present);
              if (present != 0) {
                copyString(in, out);
              }
            }
          }
          if ((tag & REAGENT) != 0) {
            copyString(in, out);
          }
        } else if ((tag & 0x0f) != INPUT_MOLECULE) {
          throw new IOException("unknown record tag " + tag + " in " + path);
        }
        return true;
      } catch (EOFException e) {
        throw new IOException("dedup file " + path + " ends inside a record", e);
      }
    }

    private int copyVarInt(DataInputStream in, Encoded out) throws IOException {
      int value = 0;
      for (int shift = 0; shift < 32; shift += 7) {
        int b = in.readUnsignedByte();
        out.write(b);
        value |= (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IOException("malformed number in " + path);
    }

    private void copyString(DataInputStream in, Encoded out) throws IOException {
      int length = copyVarInt(in, out);
      out.copyFrom(in, length);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * A record's bytes as {@link Reader#nextEncoded} copied them, with what the merge needs
   * without decoding: its transform, where its SMILES's UTF-8 bytes are, whether it is a
   * product.
   */
  static final class Encoded extends ByteArrayOutputStream {
    int transform;
    int smilesStart;
    int smilesEnd;
    boolean product;

    Encoded() {
      super(256);
    }

    byte[] bytes() {
      return buf;
    }

    /** Unsynchronized: one thread fills it, a byte at a time while copying a record. */
    @Override
    public void write(int b) {
      ensure(count + 1);
      buf[count++] = (byte) b;
    }

    void copyFrom(DataInputStream in, int length) throws IOException {
      ensure(count + length);
      in.readFully(buf, count, length);
      count += length;
    }

    private void ensure(int capacity) {
      if (capacity > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(capacity, buf.length * 2));
      }
    }
  }

  /**
   * One record as the files hold it: a tag byte, the key (transform, SMILES), then the
   * product's fields. {@link SortedMerge} keeps its buffer in the same form.
   */
  static void writeRecord(DataOutput out, RecordKey.Product key, ChemistryRecord record)
      throws IOException {
    if (record instanceof ChemistryRecord.Product p) {
      out.write(PRODUCT | (p.inInput() ? IN_INPUT : 0) | (p.carried().isEmpty() ? 0 : CARRIED)
          | (p.reagentId() == null ? 0 : REAGENT));
      writeKey(out, key);
      writeString(out, p.parentId());
      writeString(out, p.parentSmiles());
      writeVarInt(out, p.sites());
      writeVarInt(out, p.parentCount());
      if (!p.carried().isEmpty()) {
        writeVarInt(out, p.carried().size());
        for (String value : p.carried()) {
          out.writeBoolean(value != null);
          if (value != null) {
            writeString(out, value);
          }
        }
      }
      if (p.reagentId() != null) {
        writeString(out, p.reagentId());
      }
    } else if (record instanceof ChemistryRecord.InputMolecule) {
      out.write(INPUT_MOLECULE);
      writeKey(out, key);
    } else {
      throw new IllegalArgumentException("only products and input molecules are deduplicated"
          + " through files, not " + record);
    }
  }

  /** The record after its {@code tag} byte; {@code source} names where it is, for errors. */
  static KV<RecordKey.Product, ChemistryRecord> readRecord(DataInput in, int tag, String source)
      throws IOException {
    RecordKey.Product key = new RecordKey.Product(readVarInt(in, source), readString(in, source));
    return switch (tag & 0x0f) {
      case PRODUCT -> KV.of(key, new ChemistryRecord.Product(readString(in, source),
          readString(in, source), readVarInt(in, source), readVarInt(in, source),
          (tag & CARRIED) != 0 ? readCarried(in, source) : List.of(), (tag & IN_INPUT) != 0,
          (tag & REAGENT) != 0 ? readString(in, source) : null));
      case INPUT_MOLECULE -> KV.of(key, new ChemistryRecord.InputMolecule());
      default -> throw new IOException("unknown record tag " + tag + " in " + source);
    };
  }

  private static void writeKey(DataOutput out, RecordKey.Product key) throws IOException {
    writeVarInt(out, key.transform());
    writeString(out, key.smiles());
  }

  private static void writeString(DataOutput out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeVarInt(out, bytes.length);
    out.write(bytes);
  }

  private static void writeVarInt(DataOutput out, int value) throws IOException {
    while ((value & ~0x7f) != 0) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  private static List<String> readCarried(DataInput in, String source) throws IOException {
    int size = readVarInt(in, source);
    List<String> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(in.readBoolean() ? readString(in, source) : null);
    }
    return values;
  }

  private static String readString(DataInput in, String source) throws IOException {
    byte[] bytes = new byte[readVarInt(in, source)];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static int readVarInt(DataInput in, String source) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed number in " + source);
  }
}
