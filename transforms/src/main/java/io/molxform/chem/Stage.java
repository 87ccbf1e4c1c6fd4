package io.molxform.chem;

import java.util.Locale;

/** Where in the per-molecule path a rejection happened. */
public enum Stage {
  /** Reading the input file (a row group that cannot be decoded). */
  READ,
  /** Reading the input SMILES. */
  PARSE,
  /** Matching or applying the transform. */
  TRANSFORM,
  /** Checking or writing one product. */
  PRODUCT,
  /** Reading a reagent (building block) of a two-component transform, once per run. */
  REAGENT;

  /** The lower-case spelling used in reject rows. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
