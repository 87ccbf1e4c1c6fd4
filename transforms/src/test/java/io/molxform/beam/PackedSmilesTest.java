package io.molxform.beam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PackedSmilesTest {
  private static byte[] pack(String smiles) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PackedSmiles.encode(smiles, out);
    return out.toByteArray();
  }

  @Test
  void everyStringSurvivesAndSeveralShareAStream() throws IOException {
    String[] cases = {"", "C", "CO", "O[C@H]1Cc2cc(O)c(O)cc2O[C@@H]1c1cc(OC)c(O)cc1O",
        "[NH4+].[Cl-]", "C/C=C\\C#N", "[2H]C%10CC%10", "CC\u00e9\u4e2d", "Br[Si](I)(P)S"};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String smiles : cases) {
      PackedSmiles.encode(smiles, out);
    }
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    for (String smiles : cases) {
      assertEquals(smiles, PackedSmiles.decode(in));
    }
    assertEquals(-1, in.read(), "nothing left over");
  }

  @Test
  void theLengthInCharactersComesFirstThenHalfBytes() throws IOException {
    // The runner sorts products by these bytes, and that order decides how well the output
    // compresses: pin it.
    assertArrayEquals(new byte[] {2, 0x12}, pack("CO"));
    assertArrayEquals(new byte[] {1, 0x00}, pack("c"));
    assertArrayEquals(new byte[] {2, (byte) 0x1F, 0x4E}, pack("CN"));
  }

  @Test
  void aNaturalProductTakesAboutHalfItsCharacters() throws IOException {
    String catechin = "O[C@H]1Cc2c(O)cc(O)cc2O[C@@H]1c1ccc(O)c(O)c1";
    int packed = pack(catechin).length;
    assertTrue(packed <= catechin.length() / 2 + 2, packed + " bytes for " + catechin.length());
  }
}
