package io.molxform.chem;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smarts.SmartsPattern;
import org.openscience.cdk.smiles.SmilesGenerator;

/**
 * Canonical isomeric SMILES, the identity of a molecule everywhere in molxform. Aromaticity comes
 * from the Daylight model that SMARTS matching uses ({@link SmartsPattern#prepare}), perceived
 * afresh unless the caller knows it is current, so the string depends only on the molecule, never
 * on the Kekulé form or atom order it was read in.
 *
 * <p>The CDK canonicalizes stereochemistry through InChI, which is most of the cost of a product.
 * A molecule with no stereo element and no isotope needs none of it: it is written with the plain
 * canonical flavour. A molecule with stereo elements is written with the absolute (stereo)
 * flavour, unless that string carries no stereo or isotope mark at all (the elements were not
 * real stereocentres), in which case it too gets the plain flavour. So each molecule has exactly
 * one string, whichever way its input was written.
 *
 * <p>Not thread-safe: one instance per thread.
 */
final class CanonicalSmiles {
  private final SmilesGenerator plain =
      new SmilesGenerator(SmiFlavor.Canonical | SmiFlavor.UseAromaticSymbols);
  private final SmilesGenerator absolute =
      new SmilesGenerator(SmiFlavor.Absolute | SmiFlavor.UseAromaticSymbols);

  String of(IAtomContainer molecule) throws CDKException {
    return of(molecule, null, true);
  }

  /**
   * Also fills {@code rank[i]} (when not null) with the output position of atom {@code i}.
   *
   * @param perceive perceive rings and aromaticity first; false only when the flags are current
   */
  String of(IAtomContainer molecule, int[] rank, boolean perceive) throws CDKException {
    if (perceive) {
      SmartsPattern.prepare(molecule);
    }
    if (mayNeedStereo(molecule)) {
      String smiles = rank == null ? absolute.create(molecule) : absolute.create(molecule, rank);
      if (hasStereoOrIsotopeMark(smiles)) {
        return smiles;
      }
    }
    return rank == null ? plain.create(molecule) : plain.create(molecule, rank);
  }

  private static boolean mayNeedStereo(IAtomContainer molecule) {
    if (molecule.stereoElements().iterator().hasNext()) {
      return true;
    }
    for (IAtom atom : molecule.atoms()) {
      if (atom.getMassNumber() != null) {
        return true;
      }
    }
    return false;
  }

  /** Tetrahedral '@', double-bond '/' '\', or a mass number right after '['. */
  static boolean hasStereoOrIsotopeMark(String smiles) {
    for (int i = 0; i < smiles.length(); i++) {
      char c = smiles.charAt(i);
      if (c == '@' || c == '/' || c == '\\'
          || (c == '[' && i + 1 < smiles.length() && Character.isDigit(smiles.charAt(i + 1)))) {
        return true;
      }
    }
    return false;
  }
}
