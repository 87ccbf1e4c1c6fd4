package io.molxform.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * SMILES in about half their bytes, for the shuffle: the fifteen characters that make up nearly
 * all of a natural product's SMILES take four bits each, any other character an escape and a
 * byte (two more for one outside ASCII). The shuffle's spill is uncompressed (Flink's batch
 * sorter has no spill compression), so its size is the size of what the coders write, and SMILES
 * are most of that.
 */
final class PackedSmiles {
  /** By frequency in generated polyphenols and terpenoids; code 15 is the escape. */
  private static final String ALPHABET = "cCO()@][H123=4/";
  private static final int ESCAPE = 15;
  private static final int WIDE = 0xFF;
  private static final byte[] CODES = new byte[128];

  static {
    java.util.Arrays.fill(CODES, (byte) ESCAPE);
    for (int i = 0; i < ALPHABET.length(); i++) {
      CODES[ALPHABET.charAt(i)] = (byte) i;
    }
  }

  private PackedSmiles() {}

  static void encode(String smiles, OutputStream out) throws IOException {
    VarIntCoder.of().encode(smiles.length(), out);
    Nibbles nibbles = new Nibbles(out);
    for (int i = 0; i < smiles.length(); i++) {
      char c = smiles.charAt(i);
      int code = c < 128 ? CODES[c] : ESCAPE;
      nibbles.put(code);
      if (code == ESCAPE) {
        if (c < 128) {
          nibbles.putByte(c);
        } else {
          nibbles.putByte(WIDE);
          nibbles.putByte(c >>> 8);
          nibbles.putByte(c & 0xFF);
        }
      }
    }
    nibbles.flush();
  }

  static String decode(InputStream in) throws IOException {
    int length = VarIntCoder.of().decode(in);
    StringBuilder smiles = new StringBuilder(length);
    NibbleReader nibbles = new NibbleReader(in);
    for (int i = 0; i < length; i++) {
      int code = nibbles.next();
      if (code != ESCAPE) {
        smiles.append(ALPHABET.charAt(code));
        continue;
      }
      int b = nibbles.nextByte();
      smiles.append(b == WIDE ? (char) ((nibbles.nextByte() << 8) | nibbles.nextByte()) : (char) b);
    }
    return smiles.toString();
  }

  /** Writes four bits at a time, high half first; a last odd half is padded with zero. */
  private static final class Nibbles {
    private final OutputStream out;
    private int pending = -1;

    Nibbles(OutputStream out) {
      this.out = out;
    }

    void put(int nibble) throws IOException {
      if (pending < 0) {
        pending = nibble;
      } else {
        out.write((pending << 4) | nibble);
        pending = -1;
      }
    }

    void putByte(int value) throws IOException {
      put((value >>> 4) & 0xF);
      put(value & 0xF);
    }

    void flush() throws IOException {
      if (pending >= 0) {
        out.write(pending << 4);
        pending = -1;
      }
    }
  }

  private static final class NibbleReader {
    private final InputStream in;
    private int low = -1;

    NibbleReader(InputStream in) {
      this.in = in;
    }

    int next() throws IOException {
      if (low >= 0) {
        int nibble = low;
        low = -1;
        return nibble;
      }
      int b = in.read();
      if (b < 0) {
        throw new IOException("packed SMILES ended early");
      }
      low = b & 0xF;
      return b >>> 4;
    }

    int nextByte() throws IOException {
      return (next() << 4) | next();
    }
  }
}
