package io.molxform.chem;

/** Which part of a product that falls apart into several fragments is kept. */
public enum KeepFragment {
  /**
   * The fragment with the most heavy atoms (ties: the most carbons, then the smaller canonical
   * SMILES), as after an ester hydrolysis where the larger part is wanted.
   */
  LARGEST,
  /**
   * The fragment holding the parent atom that a given reactant atom map index matched (written
   * {@code mapped:N}), so that a glycoside cleavage keeps the aglycone whatever the size of the
   * sugar. With several sites changed, every fragment holding such an atom is kept.
   */
  MAPPED,
  /** The whole product, fragments joined with '.'. */
  ALL;

  /** The spellings a catalog accepts. */
  public static final String SPELLINGS = "largest, all, mapped:N (N an atom map index of the reactant)";
}
