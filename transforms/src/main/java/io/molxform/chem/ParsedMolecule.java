package io.molxform.chem;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

/**
 * A parent molecule ready for transforms: hydrogens suppressed, aromaticity perceived, each atom
 * tagged with its position (atom map index {@code i + 1}) so that sites can be told apart in
 * products, and its canonical SMILES with the canonical rank of every atom.
 *
 * <p>Transforms read it and never change its structure, so one parse serves every transform of a
 * run.
 */
public final class ParsedMolecule {
  private final IAtomContainer molecule;
  private final String canonicalSmiles;
  private final int[] canonicalRank;
  private final int[] valence;
  /** Connected component of each atom, computed when a product first falls apart. */
  private int[] component;

  ParsedMolecule(IAtomContainer molecule, String canonicalSmiles, int[] canonicalRank) {
    this.molecule = molecule;
    this.canonicalSmiles = canonicalSmiles;
    this.canonicalRank = canonicalRank;
    this.valence = new int[molecule.getAtomCount()];
    for (int i = 0; i < valence.length; i++) {
      valence[i] = ValenceRules.valence(molecule, molecule.getAtom(i));
    }
  }

  IAtomContainer molecule() {
    return molecule;
  }

  /** Canonical isomeric SMILES of the whole parent. */
  public String canonicalSmiles() {
    return canonicalSmiles;
  }

  /** Position of atom {@code index} in the canonical SMILES. */
  int canonicalRank(int index) {
    return canonicalRank[index];
  }

  /** Valence of atom {@code index} as read, so that products may keep an unusual but untouched one. */
  int valence(int index) {
    return valence[index];
  }

  /** The connected component (0-based, in atom order) of atom {@code index}. */
  int component(int index) {
    if (component == null) {
      int[] labels = new int[molecule.getAtomCount()];
      Arrays.fill(labels, -1);
      int next = 0;
      for (int start = 0; start < labels.length; start++) {
        if (labels[start] >= 0) {
          continue;
        }
        ArrayDeque<IAtom> queue = new ArrayDeque<>();
        labels[start] = next;
        queue.add(molecule.getAtom(start));
        while (!queue.isEmpty()) {
          for (IBond bond : queue.poll().bonds()) {
            for (IAtom end : bond.atoms()) {
              int i = molecule.indexOf(end);
              if (labels[i] < 0) {
                labels[i] = next;
                queue.add(end);
              }
            }
          }
        }
        next++;
      }
      component = labels;
    }
    return component[index];
  }

  public int heavyAtomCount() {
    int count = 0;
    for (int i = 0; i < molecule.getAtomCount(); i++) {
      if (molecule.getAtom(i).getAtomicNumber() > 1) {
        count++;
      }
    }
    return count;
  }
}
