package io.molxform.beam;

import java.util.Map;
import java.util.TreeMap;

/**
 * The accounting of one transform in one run, from the run's {@link Tally} sums and the rows
 * written. The identity it proves: every row read is exactly one of with products, no site, no
 * change or rejected.
 */
public record RunCounts(
    String transform,
    long rowsRead,
    long rowsWithProducts,
    long rowsNoSite,
    long rowsNoChange,
    long rowsRejected,
    Map<String, Long> rejectedByReason,
    long productRejects,
    Map<String, Long> productRejectsByReason,
    long rowsTruncated,
    long candidates,
    long productsInInput,
    long productsWritten) {

  public static RunCounts of(String transform, Map<String, Long> tallies, long productsWritten) {
    Map<String, Long> rejected = byReason(tallies, Tally.key(transform, Tally.REJECTED) + "|");
    Map<String, Long> productRejected =
        byReason(tallies, Tally.key(transform, Tally.PRODUCT_REJECTED) + "|");
    return new RunCounts(transform,
        tallies.getOrDefault(Tally.ROWS_READ, 0L),
        tallies.getOrDefault(Tally.key(transform, Tally.WITH_PRODUCTS), 0L),
        tallies.getOrDefault(Tally.key(transform, Tally.NO_SITE), 0L),
        tallies.getOrDefault(Tally.key(transform, Tally.NO_CHANGE), 0L),
        rejected.values().stream().mapToLong(Long::longValue).sum(),
        rejected,
        productRejected.values().stream().mapToLong(Long::longValue).sum(),
        productRejected,
        tallies.getOrDefault(Tally.key(transform, Tally.TRUNCATED), 0L),
        tallies.getOrDefault(Tally.key(transform, Tally.CANDIDATES), 0L),
        tallies.getOrDefault(Tally.key(transform, Tally.IN_INPUT), 0L),
        productsWritten);
  }

  private static Map<String, Long> byReason(Map<String, Long> tallies, String prefix) {
    Map<String, Long> reasons = new TreeMap<>();
    tallies.forEach((key, count) -> {
      if (key.startsWith(prefix)) {
        reasons.put(key.substring(prefix.length()), count);
      }
    });
    return reasons;
  }

  /** Rows the accounting places: must equal {@link #rowsRead()}. */
  public long rowsAccounted() {
    return rowsWithProducts + rowsNoSite + rowsNoChange + rowsRejected;
  }

  public boolean balances() {
    return rowsAccounted() == rowsRead;
  }

  /**
   * Candidates that dedup removed (for Bloom dedup, true duplicates and false positives); the
   * rest were written or left out as molecules of the input.
   */
  public long duplicatesRemoved() {
    return candidates - productsInInput - productsWritten;
  }
}
