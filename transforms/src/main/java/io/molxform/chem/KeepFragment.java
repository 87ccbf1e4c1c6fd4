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

  /** A rule as a catalog spells it, with the map index that {@link #MAPPED} follows (else 0). */
  public record Spelled(KeepFragment rule, int mapIndex) {}

  /** Reads a catalog spelling; {@link IllegalArgumentException} names the ones it takes. */
  public static Spelled parse(String spelling) {
    if (spelling.equals("largest")) {
      return new Spelled(LARGEST, 0);
    } else if (spelling.equals("all")) {
      return new Spelled(ALL, 0);
    } else if (spelling.matches("mapped:[1-9][0-9]*")) {
      return new Spelled(MAPPED, Integer.parseInt(spelling.substring("mapped:".length())));
    }
    throw new IllegalArgumentException("unknown keepFragment '" + spelling + "'; expected one of "
        + SPELLINGS);
  }
}
