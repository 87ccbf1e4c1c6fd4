package io.molxform.beam;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The keys of {@link ChemistryRecord}s. A product's key is its identity within its transform,
 * {@code INDEX<TAB>SMILES} with the transform's index in the run's list (not its name, which is
 * longer than most SMILES are); an input molecule takes the key its products would have. Rejects
 * take a random key of their own, counts their {@link Tally} name; both start with {@code ~},
 * which no product key does.
 *
 * <p>Keys sort by transform first, so after a sorting shuffle each writer sees one transform's
 * products after another.
 */
public final class RecordKey {
  private static final char OTHER = '~';

  private RecordKey() {}

  public static String product(int transformIndex, String smiles) {
    return Integer.toString(transformIndex) + '\t' + smiles;
  }

  /** Unique with overwhelming odds (128 random bits); a clash fails the run, never drops a row. */
  public static String reject() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return OTHER + "R" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
  }

  public static String count(String tally) {
    return OTHER + "C" + tally;
  }

  public static boolean isProduct(String key) {
    return !key.isEmpty() && key.charAt(0) != OTHER;
  }

  public static int transformIndex(String productKey) {
    return Integer.parseInt(productKey, 0, productKey.indexOf('\t'), 10);
  }

  public static String smiles(String productKey) {
    return productKey.substring(productKey.indexOf('\t') + 1);
  }

  public static String tally(String countKey) {
    return countKey.substring(2);
  }
}
