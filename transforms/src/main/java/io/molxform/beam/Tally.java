package io.molxform.beam;

/**
 * Names of the run's counts. Every count is a sum over rows, kept per transform under a key
 * {@code TRANSFORM|KIND} or {@code TRANSFORM|KIND|REASON_CODE}; rows read are counted once, under
 * {@link #ROWS_READ}. The manifest and the summary are built from these sums, which the pipeline
 * computes from the data itself (not from runner metrics, which some runners report only
 * approximately).
 */
public final class Tally {
  /** Input rows read, once per row whatever the number of transforms. */
  public static final String ROWS_READ = "*|ROWS_READ";

  /** Rows for which the transform made at least one valid product. */
  public static final String WITH_PRODUCTS = "WITH_PRODUCTS";
  /** Rows in which the transform matched nowhere. */
  public static final String NO_SITE = "NO_SITE";
  /** Rows in which the transform matched but only reproduced the parent. */
  public static final String NO_CHANGE = "NO_CHANGE";
  /** Rows rejected for this transform (parse, transform or no valid product), by reason. */
  public static final String REJECTED = "REJECTED";
  /** Single products that failed validation, by reason; counted on their own. */
  public static final String PRODUCT_REJECTED = "PRODUCT_REJECTED";
  /** Distinct products per parent, summed over rows: the input of dedup. */
  public static final String CANDIDATES = "CANDIDATES";
  /** Distinct products left out because the input library holds the same molecule. */
  public static final String IN_INPUT = "IN_INPUT";
  /** Candidates removed as duplicates, counted by the dedup step that removed them. */
  public static final String DUPLICATES = "DUPLICATES";
  /** Product rows the writers wrote into shards, counted as they wrote them. */
  public static final String WRITTEN = "WRITTEN";
  /** Rows with products, by how many distinct products each made (the third key part). */
  public static final String PRODUCTS_PER_PARENT = "PRODUCTS_PER_PARENT";
  /** Reagents in the list of a two-component transform, accepted or not (counted once). */
  public static final String REAGENTS_READ = "REAGENTS_READ";
  /** Reagents that cannot take part (they do not parse, or do not match), by reason. */
  public static final String REAGENT_REJECTED = "REAGENT_REJECTED";
  /** (row, reagent) pairs a two-component transform tried: rows with a site times reagents met. */
  public static final String PAIRS_TRIED = "PAIRS_TRIED";
  /** (row, reagent) pairs that made at least one valid product. */
  public static final String PAIRS_WITH_PRODUCTS = "PAIRS_WITH_PRODUCTS";
  /** Rows whose enumeration hit the product cap or the candidate budget. */
  public static final String TRUNCATED = "TRUNCATED";

  /**
   * Prefix of the rows lost to one unreadable stretch of a row group, keyed by the reason (which
   * names the file, the row group and the first row lost).
   */
  public static final String UNREADABLE_PREFIX = "*|UNREADABLE|";

  private Tally() {}

  public static String unreadable(String reason) {
    return UNREADABLE_PREFIX + reason;
  }

  public static String key(String transform, String kind) {
    return transform + '|' + kind;
  }

  public static String key(String transform, String kind, String reasonCode) {
    return transform + '|' + kind + '|' + reasonCode;
  }
}
