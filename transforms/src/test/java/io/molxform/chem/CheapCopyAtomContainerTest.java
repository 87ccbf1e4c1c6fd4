package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.AtomRef;
import org.openscience.cdk.BondRef;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;

/** The cheap copy against the CDK's own clone of the same molecule. */
class CheapCopyAtomContainerTest {
  private static final SmilesParser CHEAP = new SmilesParser(CheapCopyAtomContainer.BUILDER);
  private static final SmilesParser SILENT =
      new SmilesParser(SilentChemObjectBuilder.getInstance());
  private static final SmilesGenerator IN_GIVEN_ORDER =
      new SmilesGenerator(SmiFlavor.Isomeric | SmiFlavor.UseAromaticSymbols);

  /**
   * For every stereo molecule of the test libraries: the copy holds what the CDK's clone holds
   * (atoms, bonds, stereo elements on the same places, the same string), as new atoms and bonds
   * of its own; the original is left as it was; a copy of the copy is as cheap.
   */
  @Test
  void theCopyHoldsWhatTheCdksCloneHolds() throws Exception {
    int compared = 0;
    for (String smiles : stereoMolecules()) {
      IAtomContainer molecule = CHEAP.parseSmiles(smiles);
      assertSame(CheapCopyAtomContainer.class, molecule.getClass(), smiles);
      String before = describe(molecule);
      String written = IN_GIVEN_ORDER.create(molecule);

      IAtomContainer copy = molecule.clone();
      IAtomContainer cdkCopy = SILENT.parseSmiles(smiles).clone();

      assertEquals(describe(cdkCopy), describe(copy), smiles);
      assertEquals(IN_GIVEN_ORDER.create(cdkCopy), IN_GIVEN_ORDER.create(copy), smiles);
      assertEquals(before, describe(molecule), "the original of " + smiles);
      assertEquals(written, IN_GIVEN_ORDER.create(molecule), "the original of " + smiles);
      for (int i = 0; i < molecule.getAtomCount(); i++) {
        assertNotSame(AtomRef.deref(molecule.getAtom(i)), AtomRef.deref(copy.getAtom(i)));
      }
      for (int i = 0; i < molecule.getBondCount(); i++) {
        assertNotSame(BondRef.deref(molecule.getBond(i)), BondRef.deref(copy.getBond(i)));
      }
      assertSame(CheapCopyAtomContainer.class, copy.getClass(), smiles);
      assertEquals(describe(copy), describe(copy.clone()), "a copy of the copy of " + smiles);
      compared++;
    }
    assertTrue(compared >= 30, "only " + compared + " stereo molecules");
  }

  /** A change to the copy's stereo leaves the original's alone, and the other way round. */
  @Test
  void theCopysStereoIsItsOwn() throws Exception {
    IAtomContainer molecule = CHEAP.parseSmiles("C[C@H](O)/C=C/C(=O)O");
    IAtomContainer copy = molecule.clone();
    for (IStereoElement<?, ?> element : copy.stereoElements()) {
      element.setConfigOrder(3 - element.getConfigOrder());
    }
    assertEquals("C[C@H](O)/C=C/C(=O)O", IN_GIVEN_ORDER.create(molecule));
    assertEquals("C[C@@H](O)/C=C\\C(=O)O", IN_GIVEN_ORDER.create(copy));
  }

  private static List<String> stereoMolecules() throws Exception {
    List<String> smiles = new ArrayList<>();
    for (String s : ChemistryFixture.testLibrarySmiles()) {
      if (SILENT.parseSmiles(s).stereoElements().iterator().hasNext()) {
        smiles.add(s);
      }
    }
    return smiles;
  }


  /**
   * A container's content by position: atoms (symbol, charge, hydrogens, isotope, aromatic),
   * bonds (ends, order, aromatic) and stereo elements (kind, configuration, focus and carriers),
   * and that every atom and bond a bond or element names is the container's own.
   */
  private static String describe(IAtomContainer container) {
    StringBuilder text = new StringBuilder();
    for (IAtom atom : container.atoms()) {
      text.append(atom.getSymbol()).append(atom.getFormalCharge()).append('H')
          .append(atom.getImplicitHydrogenCount()).append('m').append(atom.getMassNumber())
          .append(atom.isAromatic() ? "a " : " ");
    }
    for (IBond bond : container.bonds()) {
      text.append(ChemistryFixture.position(bond.getBegin(), container)).append('-')
          .append(ChemistryFixture.position(bond.getEnd(), container)).append(bond.getOrder())
          .append(bond.isAromatic() ? "a " : " ");
    }
    text.append(ChemistryFixture.stereoByPosition(container));
    return text.toString();
  }

}
