package io.molxform.chem;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

/**
 * Which atoms a transform changed, read from the tags a product keeps: every product atom
 * that came from the parent carries its parent tag ({@link MoleculeParser} tags atom {@code i}
 * with {@code i + 1}), atoms the SMIRKS added carry none. An atom that took another element
 * (the CDK may reuse the replaced atom, as in OH to F) counts as new. An atom changed when it is
 * new, or when its charge, hydrogens, neighbours or bond orders differ from its parent atom's; a
 * parent atom changed when its product atom did or when the product lost it.
 */
final class AtomChanges {
  private AtomChanges() {}

  /** Changes {@code product} (still carrying tags) made to {@code parent}; strips the tags. */
  static ChangedProduct of(Product made, IAtomContainer product, IAtomContainer parent) {
    Set<Integer> changed = new TreeSet<>();
    Set<Integer> changedParent = new TreeSet<>();
    Set<Integer> keptTags = new HashSet<>();
    for (int i = 0; i < product.getAtomCount(); i++) {
      IAtom atom = product.getAtom(i);
      int tag = parentTag(atom, parent);
      if (tag == 0) {
        changed.add(i);
        continue;
      }
      keptTags.add(tag);
      if (differs(atom, parent.getAtom(tag - 1), parent)) {
        changed.add(i);
        changedParent.add(tag - 1);
      }
    }
    for (int i = 0; i < parent.getAtomCount(); i++) {
      if (!keptTags.contains(i + 1)) {
        changedParent.add(i);
      }
    }
    for (IAtom atom : product.atoms()) {
      ParentTags.clear(atom);
    }
    return new ChangedProduct(made, product, changed, changedParent);
  }

  /** The tag of the parent atom {@code atom} still is; 0 for a new atom. */
  private static int parentTag(IAtom atom, IAtomContainer parent) {
    int tag = ParentTags.of(atom);
    if (tag <= 0 || tag > parent.getAtomCount()
        || !Objects.equals(atom.getAtomicNumber(), parent.getAtom(tag - 1).getAtomicNumber())) {
      return 0;
    }
    return tag;
  }

  private static boolean differs(IAtom atom, IAtom original, IAtomContainer parent) {
    if (charge(atom) != charge(original)
        || hydrogens(atom) != hydrogens(original)
        || atom.getBondCount() != original.getBondCount()) {
      return true;
    }
    for (IBond bond : atom.bonds()) {
      int other = parentTag(bond.getOther(atom), parent);
      if (other == 0) {
        return true;
      }
      IBond before = parent.getBond(original, parent.getAtom(other - 1));
      if (before == null || (before.getOrder() != bond.getOrder()
          && !(before.isAromatic() && bond.isAromatic()))) {
        return true;
      }
    }
    return false;
  }

  private static int charge(IAtom atom) {
    return atom.getFormalCharge() == null ? 0 : atom.getFormalCharge();
  }

  private static int hydrogens(IAtom atom) {
    return atom.getImplicitHydrogenCount() == null ? 0 : atom.getImplicitHydrogenCount();
  }
}
