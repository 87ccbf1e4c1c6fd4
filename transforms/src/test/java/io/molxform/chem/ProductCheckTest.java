package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

/** What a reject row names as its product. */
class ProductCheckTest {
  /** A chain of atoms whose hydrogen counts are unknown: no SMILES can be written of it. */
  private static IAtomContainer unwritable(String... symbols) {
    IAtomContainer molecule = SilentChemObjectBuilder.getInstance().newAtomContainer();
    for (String symbol : symbols) {
      IAtom atom = molecule.newAtom(symbol.equals("C") ? 6 : 8);
      atom.setImplicitHydrogenCount(null);
    }
    for (int i = 1; i < symbols.length; i++) {
      molecule.addBond(i - 1, i, IBond.Order.SINGLE);
    }
    return molecule;
  }

  @Test
  void aWritableProductIsItsSmiles() throws Exception {
    IAtomContainer phenol = new SmilesParser(SilentChemObjectBuilder.getInstance())
        .parseSmiles("Oc1ccccc1");
    IAtomContainer again = new SmilesParser(SilentChemObjectBuilder.getInstance())
        .parseSmiles(ProductCheck.anySmiles(phenol));
    assertEquals(7, again.getAtomCount(), "the written SMILES reads back as phenol");
  }

  @Test
  void unwritableProductsOfTheSameSizeStayApart() {
    String coc = ProductCheck.anySmiles(unwritable("C", "O", "C"));
    String cco = ProductCheck.anySmiles(unwritable("C", "C", "O"));
    assertTrue(coc.startsWith("(not writable: atoms C O C; bonds 0-1:1 1-2:1"), coc);
    assertNotEquals(coc, cco, "two graphs of three atoms and two bonds are two rejects");
  }
}
