package io.molxform.chem;

/**
 * Why a molecule or a product was rejected. The names are stable: they are written into reject
 * rows and run reports, and users filter on them.
 */
public enum ReasonCode {
  /**
   * The row is in a row group that cannot be decoded (a corrupt page) and the run was told to
   * skip such row groups ({@code --skipUnreadableRowGroups}).
   */
  UNREADABLE_ROW_GROUP(Stage.READ),
  /**
   * A record of a text library (a SMILES or CSV line, an SD record) holds no readable molecule:
   * a molfile the CDK cannot read, a CSV line with the wrong number of fields. The reason names
   * the file and the line.
   */
  INVALID_RECORD(Stage.PARSE),
  /** The SMILES value is null. */
  MISSING_SMILES(Stage.PARSE),
  /** The SMILES value is empty or blank, or describes no atoms. */
  EMPTY_SMILES(Stage.PARSE),
  /** The SMILES cannot be parsed (syntax, or aromaticity that has no Kekulé form). */
  INVALID_SMILES(Stage.PARSE),
  /** The SMILES parses but an atom has a valence its element and charge do not allow. */
  INVALID_VALENCE(Stage.PARSE),
  /** More heavy atoms than the configured limit. */
  TOO_LARGE(Stage.PARSE),
  /** The transform failed on this molecule (an error inside the matcher or the transform). */
  TRANSFORM_ERROR(Stage.TRANSFORM),
  /** A product has an atom whose valence its element and charge do not allow. */
  PRODUCT_INVALID_VALENCE(Stage.PRODUCT),
  /** A product cannot be written as SMILES (for example an aromatic system with no Kekulé form). */
  PRODUCT_NOT_WRITABLE(Stage.PRODUCT),
  /**
   * The row's transform matched but every product it made failed validation: the row-level
   * verdict, written beside the product-stage rejects that explain it.
   */
  NO_VALID_PRODUCT(Stage.PRODUCT),
  /**
   * A reagent (building block) of a two-component transform cannot be read: its SMILES is
   * missing, empty, invalid, too large or of impossible valence (the message says which).
   */
  REAGENT_NOT_PARSED(Stage.REAGENT),
  /** A reagent's structure has no match of the transform's reagent template. */
  REAGENT_NO_MATCH(Stage.REAGENT);

  private final Stage stage;

  ReasonCode(Stage stage) {
    this.stage = stage;
  }

  public Stage stage() {
    return stage;
  }
}
