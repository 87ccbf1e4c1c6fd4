package io.molxform.chem;

import java.util.Set;
import java.util.function.Supplier;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
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

  /** The product as far as it can be written, for a reject row; never the empty string. */
  static String anySmiles(IAtomContainer molecule) {
    try {
      return new SmilesGenerator(SmiFlavor.Generic).create(molecule);
    } catch (CDKException | RuntimeException e) {
      return "(not writable: " + molecule.getAtomCount() + " atoms, "
          + molecule.getBondCount() + " bonds)";
    }
  }
}
