package io.molxform.beam;

import java.io.EOFException;
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
 *
 * <p>Written as the packed length and the packed bytes, in one write and one read: the runner's
 * streams cost a call per byte, and the SMILES are most of a record's bytes.
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
    if ((at & 1) == 1) {
      // An escape with nothing after it pads the last half byte.
      put(packed, at, ESCAPE);
    }
    VarIntCoder.of().encode(packed.length, out);
    out.write(packed);
  }

  static String decode(InputStream in) throws IOException {
    int length = VarIntCoder.of().decode(in);
    byte[] packed = in.readNBytes(length);
    if (packed.length < length) {
      throw new EOFException("packed SMILES ended early");
    }
    int nibbles = 2 * length;
    char[] smiles = new char[nibbles];
    int count = 0;
    int at = 0;
    while (at < nibbles) {
      int code = nibble(packed, at++);
      if (code != ESCAPE) {
        smiles[count++] = ALPHABET.charAt(code);
      } else if (at == nibbles) {
        break;
      } else {
        int b = byteAt(packed, at);
        at += 2;
        if (b == WIDE) {
          smiles[count++] = (char) ((byteAt(packed, at) << 8) | byteAt(packed, at + 2));
          at += 4;
        } else {
          smiles[count++] = (char) b;
        }
      }
    }
    return new String(smiles, 0, count);
  }

  /** Puts a nibble at nibble index {@code at}, high half first; returns the next index. */
  private static int put(byte[] packed, int at, int nibble) {
    packed[at >> 1] |= (byte) ((at & 1) == 0 ? nibble << 4 : nibble);
    return at + 1;
  }

  private static int putByte(byte[] packed, int at, int value) {
    return put(packed, put(packed, at, (value >>> 4) & 0xF), value & 0xF);
  }

  private static int nibble(byte[] packed, int at) {
    int b = packed[at >> 1] & 0xFF;
    return (at & 1) == 0 ? b >>> 4 : b & 0xF;
  }

  private static int byteAt(byte[] packed, int at) {
    return (nibble(packed, at) << 4) | nibble(packed, at + 1);
  }
}
