package io.molxform.beam.dedup;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.RecordKey;
import io.molxform.storage.Storage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
      if (record instanceof ChemistryRecord.Product p) {
        out.write(PRODUCT | (p.inInput() ? IN_INPUT : 0) | (p.carried().isEmpty() ? 0 : CARRIED)
            | (p.reagentId() == null ? 0 : REAGENT));
        writeKey(key);
        writeString(p.parentId());
        writeString(p.parentSmiles());
        writeVarInt(p.sites());
        writeVarInt(p.parentCount());
        if (!p.carried().isEmpty()) {
          writeVarInt(p.carried().size());
          for (String value : p.carried()) {
            out.writeBoolean(value != null);
            if (value != null) {
              writeString(value);
            }
          }
        }
        if (p.reagentId() != null) {
          writeString(p.reagentId());
        }
      } else if (record instanceof ChemistryRecord.InputMolecule) {
        out.write(INPUT_MOLECULE);
        writeKey(key);
      } else {
        throw new IllegalArgumentException("only products and input molecules are deduplicated"
            + " through files, not " + record);
      }
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

    private void writeKey(RecordKey.Product key) throws IOException {
      writeVarInt(key.transform());
      writeString(key.smiles());
    }

    private void writeString(String value) throws IOException {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      writeVarInt(bytes.length);
      out.write(bytes);
    }

    private void writeVarInt(int value) throws IOException {
      while ((value & ~0x7f) != 0) {
        out.write((value & 0x7f) | 0x80);
        value >>>= 7;
      }
      out.write(value);
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
        RecordKey.Product key = new RecordKey.Product(readVarInt(), readString());
        return switch (tag & 0x0f) {
          case PRODUCT -> KV.of(key, new ChemistryRecord.Product(readString(), readString(),
              readVarInt(), readVarInt(), (tag & CARRIED) != 0 ? readCarried() : List.of(),
              (tag & IN_INPUT) != 0, (tag & REAGENT) != 0 ? readString() : null));
          case INPUT_MOLECULE -> KV.of(key, new ChemistryRecord.InputMolecule());
          default -> throw new IOException("unknown record tag " + tag + " in " + path);
        };
      } catch (EOFException e) {
        throw new IOException("dedup file " + path + " ends inside a record", e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    private List<String> readCarried() throws IOException {
      int size = readVarInt();
      List<String> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        values.add(in.readBoolean() ? readString() : null);
      }
      return values;
    }

    private String readString() throws IOException {
      byte[] bytes = new byte[readVarInt()];
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    private int readVarInt() throws IOException {
      int value = 0;
      for (int shift = 0; shift < 32; shift += 7) {
        int b = in.readUnsignedByte();
        value |= (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IOException("malformed number in " + path);
    }
  }
}
