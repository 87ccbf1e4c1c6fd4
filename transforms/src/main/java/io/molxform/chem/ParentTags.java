package io.molxform.chem;

import org.openscience.cdk.interfaces.IAtom;

/**
 * The tag each parent atom carries, its position plus one ({@link MoleculeParser}), so that an
 * atom of any copy the transform makes tells which parent atom it was; 0 for an atom the
 * transform made.
 *
 * <p>The tag rides in the atom's ID, not in its atom-map number: the CDK keeps map numbers in
 * each atom's property map, and every copy of a molecule (one per product and site) then copied
 * a map per atom, which showed in profiles of {@code bench-chemistry}. The ID is a field a copy
 * shares. Nothing else in molxform, nor the CDK's SMILES, SMARTS and SMIRKS
 * code, reads or writes atom IDs.
 */
final class ParentTags {
  private static final String[] WRITTEN = new String[1024];

  static {
    for (int tag = 1; tag < WRITTEN.length; tag++) {
      WRITTEN[tag] = Integer.toString(tag);
    }
  }

  private ParentTags() {}

  static void set(IAtom atom, int tag) {
    atom.setID(tag < WRITTEN.length ? WRITTEN[tag] : Integer.toString(tag));
  }

  static void clear(IAtom atom) {
    atom.setID(null);
  }

  /** The parent tag of {@code atom}; 0 when it has none. */
  static int of(IAtom atom) {
    String id = atom.getID();
    if (id == null) {
      return 0;
    }
    int tag = 0;
    for (int i = 0; i < id.length(); i++) {
      tag = tag * 10 + (id.charAt(i) - '0');
    }
    return tag;
  }
}
