package io.molxform.beam;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * SMILES in about half their bytes, for records that cross a runner's shuffle (the Bloom dedup's)
 * or pass between steps: the fifteen characters that make up nearly all of a natural product's
 * SMILES take four bits each, any other character an escape and a byte (two more for one outside
 * ASCII). Flink's batch sorter spills uncompressed, so what the coders write is what it spills.
 *
 * <p>Written as the length in characters and the packed bytes, the bytes in one write: the
 * runner's streams cost a call per byte, and the SMILES are most of a record's bytes.
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
    int nibbles = 0;
    for (int i = 0; i < smiles.length(); i++) {
      char c = smiles.charAt(i);
      nibbles += c >= 128 ? 7 : CODES[c] == ESCAPE ? 3 : 1;
    }
    byte[] packed = new byte[(nibbles + 1) / 2];
    int at = 0;
    for (int i = 0; i < smiles.length(); i++) {
      char c = smiles.charAt(i);
      int code = c < 128 ? CODES[c] : ESCAPE;
      at = put(packed, at, code);
      if (code == ESCAPE) {
        if (c < 128) {
          at = putByte(packed, at, c);
        } else {
          at = putByte(packed, at, WIDE);
          at = putByte(packed, at, c >>> 8);
          at = putByte(packed, at, c & 0xFF);
        }
      }
    }
    VarIntCoder.of().encode(smiles.length(), out);
    out.write(packed);
  }

  static String decode(InputStream in) throws IOException {
    int length = VarIntCoder.of().decode(in);
    char[] smiles = new char[length];
    NibbleReader nibbles = new NibbleReader(in);
    for (int i = 0; i < length; i++) {
      int code = nibbles.next();
      if (code != ESCAPE) {
        smiles[i] = ALPHABET.charAt(code);
        continue;
      }
      int b = nibbles.nextByte();
      smiles[i] = b == WIDE ? (char) ((nibbles.nextByte() << 8) | nibbles.nextByte()) : (char) b;
    }
    return new String(smiles);
  }

  /** Puts a nibble at nibble index {@code at}, high half first; returns the next index. */
  private static int put(byte[] packed, int at, int nibble) {
    packed[at >> 1] |= (byte) ((at & 1) == 0 ? nibble << 4 : nibble);
    return at + 1;
  }

  private static int putByte(byte[] packed, int at, int value) {
    return put(packed, put(packed, at, (value >>> 4) & 0xF), value & 0xF);
  }

  /** Reads four bits at a time, high half first; a last odd half is padding. */
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
        throw new EOFException("packed SMILES ended early");
      }
      low = b & 0xF;
      return b >>> 4;
    }

    int nextByte() throws IOException {
      return (next() << 4) | next();
    }
  }
}
