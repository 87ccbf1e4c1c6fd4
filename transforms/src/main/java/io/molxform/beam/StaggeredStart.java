package io.molxform.beam;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * One chemistry task per JVM starts at once; the others wait until the JIT has compiled the
 * chemistry. Until then the chemistry runs as slow interpreted or lightly compiled code, and on
 * a machine whose every core runs a chemistry task the JIT's compiler threads get only a share of
 * a core: 100,000 molecules on two tasks were transformed no faster in their first 12 s than on
 * one task, and with 30 % more CPU (docs/benchmarks.md). The waiting tasks have not asked for
 * rows yet (Flink sets up a task's steps before it asks for its first input split), so the first
 * task takes the read tasks meanwhile and no rows wait on a blocked task.
 *
 * <p>The JIT counts as done when its compilers used less than {@link #QUIET_COMPILE_SHARE} of a
 * core over the last second, once chemistry has begun in this JVM; the wait also ends when a
 * task's chemistry has ended (a small library is read by the first task before the JIT is done)
 * and at the wait's bound. Once released, every later task starts at once. The gate lives as long
 * as this class: a run in one process, or one job on a cluster (Flink loads each job's classes
 * anew), whose waiting tasks then start about a second after the first if the JIT is warm.
 */
public final class StaggeredStart {
  /** Compile time per second of wall time below which the JIT counts as done. */
  static final double QUIET_COMPILE_SHARE = 0.3;
  static final long WINDOW_MILLIS = 1000;
  private static final long POLL_MILLIS = 100;

  private static final StaggeredStart JVM = new StaggeredStart(jitCompileMillis());

  /** The JIT's total compile time so far in milliseconds; null where the JVM does not tell. */
  private final LongSupplier compileMillis;
  private boolean firstTaskStarted;
  private volatile boolean released;
  private volatile boolean chemistryBegan;

  StaggeredStart(LongSupplier compileMillis) {
    this.compileMillis = compileMillis;
    this.released = compileMillis == null;
  }

  /** This JVM's gate. */
  static StaggeredStart jvm() {
    return JVM;
  }

  /**
   * Returns at once for the first task and once released; otherwise waits until the JIT is done
   * or {@code maxWaitMillis} have passed, and releases every task after it.
   */
  void awaitTurn(long maxWaitMillis) {
    if (released) {
      return;
    }
    synchronized (this) {
      if (!firstTaskStarted) {
        firstTaskStarted = true;
        return;
      }
    }
    long start = System.nanoTime();
    // (milliseconds since start, total compile milliseconds) over the last window
    ArrayDeque<long[]> window = new ArrayDeque<>();
    while (!released) {
      long now = (System.nanoTime() - start) / 1_000_000;
      if (now >= maxWaitMillis) {
        break;
      }
      window.addLast(new long[] {now, compileMillis.getAsLong()});
      while (now - window.peekFirst()[0] > WINDOW_MILLIS) {
        window.removeFirst();
      }
      long[] oldest = window.peekFirst();
      long spanned = now - oldest[0];
      if (chemistryBegan && spanned >= WINDOW_MILLIS * 9 / 10
          && window.peekLast()[1] - oldest[1] < QUIET_COMPILE_SHARE * spanned) {
        break;
      }
      try {
        Thread.sleep(Math.min(POLL_MILLIS, maxWaitMillis - now));
      } catch (InterruptedException e) {
        // The task is being cancelled: it goes on to notice, without releasing the others.
        Thread.currentThread().interrupt();
        return;
      }
    }
    released = true;
  }

  /**
   * Called as a task's chemistry ends: the tasks still waiting start now, if only to find that
   * the first task has read every row (a small library is done before the JIT is).
   */
  void taskEnds() {
    released = true;
  }

  /** Called as each row's chemistry begins; a read of one field after the first. */
  void chemistryBegins() {
    if (!chemistryBegan) {
      chemistryBegan = true;
    }
  }

  boolean released() {
    return released;
  }

  private static LongSupplier jitCompileMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit == null || !jit.isCompilationTimeMonitoringSupported()
        ? null : jit::getTotalCompilationTime;
  }
}
