package io.molxform.chem;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The parent atoms one application of a transform matched and kept, as the {@link ParentTags}
 * that {@link MoleculeParser} puts on every parent atom, sorted. Two applications with the
 * same atoms are the same site.
 */
record SiteAtoms(int[] tags) {
  /** Sorts {@code tags} in place and keeps it: callers hand over an array of their own. */
  SiteAtoms {
    Arrays.sort(tags);
  }

  boolean disjointFrom(Set<Integer> used) {
    for (int tag : tags) {
      if (used.contains(tag)) {
        return false;
      }
    }
    return true;
  }

  Set<Integer> asSet() {
    Set<Integer> set = new HashSet<>();
    for (int tag : tags) {
      set.add(tag);
    }
    return set;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SiteAtoms atoms && Arrays.equals(tags, atoms.tags);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tags);
  }

  @Override
  public String toString() {
    return Arrays.toString(tags);
  }
}
