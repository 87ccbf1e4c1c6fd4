package io.molxform.chem;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parent molecule ready for transforms: hydrogens suppressed, rings and aromaticity perceived
 * (the model SMARTS matching uses), each atom tagged with its position ({@link ParentTags}:
 * {@code i + 1}) so that sites can be told apart in products.
 *
 * <p>Its canonical SMILES and the canonical rank of every atom are computed only when asked for:
 * most transforms never need them (a product is compared with its parent only when both have
 * the same atoms, and sites are ranked only where their order decides the result).
 *
 * <p>Transforms read it and never change its structure, so one parse serves every transform of a
 * run.
 */
public final class ParsedMolecule {
  private static final Logger LOG = LoggerFactory.getLogger(ParsedMolecule.class);
  private final IAtomContainer molecule;
  private final String inputSmiles;
  private final CanonicalSmiles writer;
  private final int[] valence;
  private final long composition;
  private String canonicalSmiles;
  private int[] canonicalRank;
  /** Connected component of each atom, computed when a product first falls apart. */
  private int[] component;

  ParsedMolecule(IAtomContainer molecule, String inputSmiles, CanonicalSmiles writer) {
    this.molecule = molecule;
    this.inputSmiles = inputSmiles;
    this.writer = writer;
    this.valence = new int[molecule.getAtomCount()];
    for (int i = 0; i < valence.length; i++) {
      valence[i] = ValenceRules.valence(molecule, molecule.getAtom(i));
    }
    this.composition = composition(molecule);
  }

  IAtomContainer molecule() {
    return molecule;
  }

  /** A copy of the structure without the atom tags, for drawing. */
  public IAtomContainer structure() {
    try {
      IAtomContainer copy = molecule.clone();
      for (IAtom atom : copy.atoms()) {
        ParentTags.clear(atom);
      }
      return copy;
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the CDK cannot copy a molecule", e);
    }
  }

  /**
   * Canonical isomeric SMILES of the whole parent (the input as read, in the rare case that the
   * CDK cannot write it).
   */
  public String canonicalSmiles() {
    if (canonicalSmiles == null) {
      int[] rank = new int[molecule.getAtomCount()];
      try {
        canonicalSmiles = writer.ofCleaned(molecule, rank);
      } catch (CDKException | RuntimeException e) {
        LOG.warn("no canonical SMILES for {} ({}); its input spelling stands in", inputSmiles,
            Messages.firstLine(e.getMessage()));
        canonicalSmiles = inputSmiles;
        for (int i = 0; i < rank.length; i++) {
          rank[i] = i;
        }
      }
      canonicalRank = rank;
    }
    return canonicalSmiles;
  }

  /** Position of atom {@code index} in the canonical SMILES. */
  int canonicalRank(int index) {
    canonicalSmiles();
    return canonicalRank[index];
  }

  /**
   * Whether {@code product} could be this molecule: same elements, charges and hydrogens. Only
   * then is it worth comparing canonical SMILES.
   */
  boolean sameComposition(IAtomContainer product) {
    return composition(product) == composition;
  }

  /** An order-independent digest of atoms, charges and hydrogens. */
  static long composition(IAtomContainer m) {
    long digest = m.getAtomCount();
    for (IAtom atom : m.atoms()) {
      long code = atom.getAtomicNumber() * 1_000_003L
          + (atom.getFormalCharge() == null ? 0 : atom.getFormalCharge()) * 101L
          + (atom.getImplicitHydrogenCount() == null ? 0 : atom.getImplicitHydrogenCount());
      digest += code * code * 0x9E3779B97F4A7C15L;
    }
    return digest;
  }

  /**
   * Whether any ring atom of the parent changed in {@code product}: its charge, hydrogens, or a
   * bond (partner or order). Aromaticity depends only on ring atoms and their bonds, so when none
   * changed the product keeps the parent's aromaticity and needs no new perception.
   */
  boolean ringAtomsChanged(IAtomContainer product) {
    for (IAtom atom : product.atoms()) {
      int tag = ParentTags.of(atom);
      if (tag <= 0) {
        continue;
      }
      IAtom original = molecule.getAtom(tag - 1);
      if (!original.isInRing()) {
        continue;
      }
      if (!java.util.Objects.equals(atom.getFormalCharge(), original.getFormalCharge())
          || !java.util.Objects.equals(atom.getImplicitHydrogenCount(),
              original.getImplicitHydrogenCount())
          || atom.getBondCount() != original.getBondCount()) {
        return true;
      }
      for (IBond bond : atom.bonds()) {
        int other = ParentTags.of(bond.getOther(atom));
        IBond before = other <= 0 ? null : molecule.getBond(original, molecule.getAtom(other - 1));
        if (before == null || before.getOrder() != bond.getOrder()) {
          return true;
        }
      }
    }
    return false;
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
}
