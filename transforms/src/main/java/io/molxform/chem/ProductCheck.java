package io.molxform.chem;

import java.util.Set;
import java.util.function.Supplier;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;

/**
 * What every product goes through, whichever transform made it: the fragment rule, the valence
 * check of the atoms the transform touched, and the canonical SMILES; or a typed rejection.
 */
final class ProductCheck {
  /** Exactly one of {@code smiles} and {@code rejection} is set. */
  record Result(IAtomContainer kept, String smiles, Rejection rejection) {}

  private final FragmentRule fragments;
  private final CanonicalSmiles canonical;

  ProductCheck(FragmentRule fragments, CanonicalSmiles canonical) {
    this.fragments = fragments;
    this.canonical = canonical;
  }

  /**
   * @param anchors for the MAPPED fragment rule, the parent atoms whose pieces are kept
   * @param reperceive perceive rings and aromaticity even when no ring atom of the parent
   *     changed (a reagent's ring atoms joined the product)
   */
  Result check(IAtomContainer product, ParsedMolecule parent, Supplier<Set<Integer>> anchors,
      boolean reperceive) {
    IAtomContainer kept;
    try {
      kept = fragments.keptPart(product, parent, anchors);
    } catch (CDKException | RuntimeException e) {
      return rejected(ReasonCode.PRODUCT_NOT_WRITABLE, Messages.firstLine(e.getMessage()),
          product);
    }
    for (IAtom atom : kept.atoms()) {
      int tag = ParentTags.of(atom);
      if (tag > 0 && ValenceRules.valence(kept, atom) == parent.valence(tag - 1)) {
        continue;
      }
      String problem = ValenceRules.problem(kept, atom, true);
      if (problem != null) {
        return rejected(ReasonCode.PRODUCT_INVALID_VALENCE, problem, kept);
      }
    }
    try {
      return new Result(kept,
          canonical.of(kept, null, reperceive || parent.ringAtomsChanged(kept)), null);
    } catch (CDKException | RuntimeException e) {
      return rejected(ReasonCode.PRODUCT_NOT_WRITABLE, Messages.firstLine(e.getMessage()), kept);
    }
  }

  private static Result rejected(ReasonCode code, String message, IAtomContainer product) {
    return new Result(product, null, new Rejection(code, message, anySmiles(product)));
  }

  /**
   * The product as far as it can be written, for a reject row; never the empty string, and
   * different for different graphs even when no SMILES can be written (rejects are kept once
   * per subject, so a shared placeholder would fold distinct products into one reject).
   */
  static String anySmiles(IAtomContainer molecule) {
    try {
      return new SmilesGenerator(SmiFlavor.Generic).create(molecule);
    } catch (CDKException | RuntimeException e) {
      StringBuilder graph = new StringBuilder("(not writable: atoms");
      for (IAtom atom : molecule.atoms()) {
        graph.append(' ').append(atom.getSymbol());
        Integer hydrogens = atom.getImplicitHydrogenCount();
        if (hydrogens != null && hydrogens > 0) {
          graph.append('H').append(hydrogens);
        }
        Integer charge = atom.getFormalCharge();
        if (charge != null && charge != 0) {
          graph.append(charge > 0 ? "+" : "").append(charge);
        }
      }
      graph.append("; bonds");
      for (IBond bond : molecule.bonds()) {
        graph.append(' ').append(bond.getBegin().getIndex()).append('-')
            .append(bond.getEnd().getIndex()).append(':')
            .append(bond.getOrder() == null ? "?" : bond.getOrder().numeric());
      }
      return graph.append(')').toString();
    }
  }
}
