package io.molxform.chem;

import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;

/** Atom counts that the size limit and the fragment rule compare. */
final class AtomCounts {
  private AtomCounts() {}

  static int heavyAtoms(IAtomContainer molecule) {
    int heavy = 0;
    for (IAtom atom : molecule.atoms()) {
      if (atom.getAtomicNumber() > 1) {
        heavy++;
      }
    }
    return heavy;
  }

  static int carbons(IAtomContainer molecule) {
    int carbons = 0;
    for (IAtom atom : molecule.atoms()) {
      if (atom.getAtomicNumber() == 6) {
        carbons++;
      }
    }
    return carbons;
  }
}
