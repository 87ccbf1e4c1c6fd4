package io.molxform.chem;

import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;

/**
 * Canonical isomeric SMILES, the identity of a molecule everywhere in molxform. Aromaticity is
 * perceived afresh (Daylight model, as SMARTS matching uses) before writing, so the string depends
 * only on the molecule, never on the Kekulé form or atom order it was read in.
 *
 * <p>Not thread-safe: one instance per thread.
 */
final class CanonicalSmiles {
  private final SmilesGenerator generator =
      new SmilesGenerator(SmiFlavor.Absolute | SmiFlavor.UseAromaticSymbols);
  private final Aromaticity aromaticity =
      new Aromaticity(ElectronDonation.daylight(), Cycles.or(Cycles.all(), Cycles.relevant()));

  String of(IAtomContainer molecule) throws CDKException {
    aromaticity.apply(molecule);
    return generator.create(molecule);
  }

  /** Also fills {@code rank[i]} with the output position of atom {@code i}. */
  String of(IAtomContainer molecule, int[] rank) throws CDKException {
    aromaticity.apply(molecule);
    return generator.create(molecule, rank);
  }
}
