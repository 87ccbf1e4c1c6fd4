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
  private static final AtomicLong ROWS_WRITTEN = new AtomicLong();
  private static final AtomicLong SHARDS_WRITTEN = new AtomicLong();

  private RunProgress() {}

  public static void rowRead() {
    ROWS.incrementAndGet();
  }

  public static void productsMade(long count) {
    PRODUCTS.addAndGet(count);
  }

  public static void rowWritten() {
    ROWS_WRITTEN.incrementAndGet();
  }

  public static void shardWritten() {
    SHARDS_WRITTEN.incrementAndGet();
  }

  /** Product and reject rows written to shards so far (before any merge of small shards). */
  public static long rowsWritten() {
    return ROWS_WRITTEN.get();
  }

  public static long shardsWritten() {
    return SHARDS_WRITTEN.get();
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
    ROWS_WRITTEN.set(0);
    SHARDS_WRITTEN.set(0);
  }
}
