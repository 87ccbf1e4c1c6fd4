package io.molxform.beam;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counts for progress lines, visible only in the JVM that runs the work: the DirectRunner
 * and an embedded Flink. Beam's batch runners publish metrics only at the end of a job, so a
 * progress line during the run reads these instead. Never used for results.
 */
public final class RunProgress {
  private static final AtomicLong ROWS = new AtomicLong();
  private static final AtomicLong PRODUCTS = new AtomicLong();

  private RunProgress() {}

  static void rowRead() {
    ROWS.incrementAndGet();
  }

  static void productsMade(long count) {
    PRODUCTS.addAndGet(count);
  }

  public static long rowsRead() {
    return ROWS.get();
  }

  public static long productsMade() {
    return PRODUCTS.get();
  }

  public static void reset() {
    ROWS.set(0);
    PRODUCTS.set(0);
  }
}
