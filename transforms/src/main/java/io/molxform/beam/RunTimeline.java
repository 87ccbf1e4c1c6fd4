package io.molxform.beam;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each phase of a run happened in this JVM, in seconds since the JVM started: the first and
 * the last moment something marked it. The run's log ends with the line ({@link #line()}), which
 * is where a slow start or a long tail shows which phase it was, and which the benchmark script
 * reads.
 *
 * <p>Steps mark a phase per bundle, not per element, so marking costs nothing measurable. On a
 * cluster the workers' marks stay in their own JVMs, so the client's line holds its own phases.
 */
public final class RunTimeline {
  /** Epoch milliseconds at the JVM's start, as the JVM recorded it. */
  private static final long JVM_START = ManagementFactory.getRuntimeMXBean().getStartTime();
  /** Per phase, {first, last} milliseconds since the JVM's start, in the order first marked. */
  private static final Map<String, long[]> PHASES = new ConcurrentHashMap<>();
  private static final List<String> ORDER = new ArrayList<>();

  private RunTimeline() {}

  /** Marks {@code phase} now: its first moment if it has none, and its last moment. */
  public static void mark(String phase) {
    long now = System.currentTimeMillis() - JVM_START;
    long[] span = PHASES.computeIfAbsent(phase, p -> {
      synchronized (ORDER) {
        ORDER.add(p);
      }
      return new long[] {now, now};
    });
    synchronized (span) {
      span[1] = Math.max(span[1], now);
    }
  }

  /**
   * The phases seen in this JVM, in the order they began: {@code name first} for a moment,
   * {@code name first-last} for a span, in seconds since the JVM started.
   */
  public static String line() {
    List<String> order;
    synchronized (ORDER) {
      order = List.copyOf(ORDER);
    }
    StringBuilder line = new StringBuilder("timeline (s since the JVM started):");
    for (String phase : order) {
      long[] span = PHASES.get(phase);
      long first;
      long last;
      synchronized (span) {
        first = span[0];
        last = span[1];
      }
      line.append(' ').append(phase).append(' ').append(seconds(first));
      if (last - first >= 10) {
        line.append('-').append(seconds(last));
      }
      line.append(';');
    }
    return line.toString();
  }

  /** Forgets every mark, for a JVM that runs several pipelines (tests). */
  public static void reset() {
    synchronized (ORDER) {
      ORDER.clear();
      PHASES.clear();
    }
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
  }
}
