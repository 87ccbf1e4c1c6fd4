package io.molxform.beam;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The gate's decisions, with the JIT's compile time played by a counter: who starts at once,
 * what a waiting task waits for, and what releases it. The bounds given to the gate are far
 * longer than the waits expected, so a release that comes from the wrong cause shows as a
 * task still waiting.
 */
class StaggeredStartTest {
  private static final long LONG_WAIT = 60_000;

  @Test
  void theFirstTaskStartsAtOnceAndTheNextWaitsForTheChemistry() throws Exception {
    StaggeredStart gate = new StaggeredStart(() -> 0);
    gate.awaitTurn(LONG_WAIT);
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> gate.awaitTurn(LONG_WAIT));
    // The compilers are idle, but no chemistry has begun: the JIT has not compiled it yet.
    Thread.sleep(3 * StaggeredStart.WINDOW_MILLIS / 2);
    assertFalse(second.isDone());
    gate.chemistryBegins();
    second.get(10, TimeUnit.SECONDS);
    assertTrue(gate.released());
    // Released for good: a later task starts at once.
    gate.awaitTurn(0);
  }

  @Test
  void aBusyJitKeepsTheNextTaskWaitingUntilTheBound() throws Exception {
    AtomicLong started = new AtomicLong(System.nanoTime());
    // Compile time grows as fast as wall time: one compiler busy all the time.
    StaggeredStart gate =
        new StaggeredStart(() -> (System.nanoTime() - started.get()) / 1_000_000);
    gate.chemistryBegins();
    gate.awaitTurn(LONG_WAIT);
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> gate.awaitTurn(LONG_WAIT));
    Thread.sleep(3 * StaggeredStart.WINDOW_MILLIS / 2);
    assertFalse(second.isDone());

    long before = System.nanoTime();
    CompletableFuture<Void> bounded = CompletableFuture.runAsync(() -> gate.awaitTurn(300));
    bounded.get(10, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - before >= 300_000_000L);
    // The bound released every waiting task, not only its own.
    second.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aTaskThatEndsReleasesTheWaitingOnes() throws Exception {
    AtomicLong busy = new AtomicLong();
    StaggeredStart gate = new StaggeredStart(() -> busy.addAndGet(1_000));
    gate.awaitTurn(LONG_WAIT);
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> gate.awaitTurn(LONG_WAIT));
    gate.chemistryBegins();
    Thread.sleep(3 * StaggeredStart.WINDOW_MILLIS / 2);
    assertFalse(second.isDone());
    // A small library: the first task has read every row while the JIT still compiles.
    gate.taskEnds();
    second.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aCancelledTaskStopsWaitingWithoutReleasingTheOthers() throws Exception {
    StaggeredStart gate = new StaggeredStart(() -> 0);
    gate.awaitTurn(LONG_WAIT);
    Thread waiting = new Thread(() -> gate.awaitTurn(LONG_WAIT));
    waiting.start();
    waiting.interrupt();
    waiting.join(10_000);
    assertFalse(waiting.isAlive());
    assertFalse(gate.released());
  }

  @Test
  void aJvmThatDoesNotTimeItsCompilersStartsEveryTaskAtOnce() {
    StaggeredStart gate = new StaggeredStart(null);
    gate.awaitTurn(LONG_WAIT);
    gate.awaitTurn(LONG_WAIT);
    assertTrue(gate.released());
  }
}
