package org.apache.beam.runners.direct;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.beam.runners.local.ExecutionDriver;
import org.apache.beam.runners.local.ExecutionDriver.DriverState;
import org.apache.beam.sdk.PipelineResult;

/**
 * molxform's copy of the DirectRunner's monitor, the anonymous {@code Runnable} that Beam's
 * {@code ExecutorServiceParallelExecutor.start} submits to its worker pool: it calls the
 * pipeline's driver and, unless the pipeline has ended, submits itself again. Beam's submits
 * itself again at once, so one worker thread spends the whole run calling the driver, which
 * looks through every step's watermarks for timers each time (Beam's issue 18070, "Backoff in the
 * DirectRunner Monitor if no work is Available"): on this machine's two cores a demo run's
 * profile had that thread busy from the first row to the last, beside the chemistry.
 *
 * <p>This one calls the driver again at once while the pool's other tasks are completing (their
 * outputs are what the driver hands on), and otherwise pauses before it does, for 20 µs after the
 * first idle call and twice as long after each further one, up to 1 ms. A pause only delays when
 * the driver next looks; what it does when it looks is Beam's own, so the pipeline's results
 * cannot change.
 *
 * <p>The fields and the constructor are the ones Beam's class file declares (the class that
 * creates this one passes itself and the driver); the two methods of the enclosing class it calls
 * are its synthetic accessors, found by name. {@code BeamPatchesTest} (in pipelines) checks that
 * this is the class the DirectRunner runs; on a Beam upgrade, compare Beam's
 * {@code ExecutorServiceParallelExecutor.start} with this one (CONTRIBUTING.md).
 */
class ExecutorServiceParallelExecutor$2 implements Runnable {
  static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
  static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static final MethodHandle EXECUTOR_SERVICE;
  private static final MethodHandle SHUTDOWN_IF_NECESSARY;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      EXECUTOR_SERVICE = lookup.findStatic(ExecutorServiceParallelExecutor.class, "access$100",
          MethodType.methodType(ExecutorService.class, ExecutorServiceParallelExecutor.class));
      SHUTDOWN_IF_NECESSARY = lookup.findStatic(ExecutorServiceParallelExecutor.class,
          "access$200", MethodType.methodType(void.class, ExecutorServiceParallelExecutor.class,
              PipelineResult.State.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final ExecutionDriver val$executionDriver;
  final ExecutorServiceParallelExecutor this$0;

  /** The pool's completed tasks when this monitor last called the driver; -1 before that. */
  private long completedBefore = -1;
  private long pauseNanos;

  ExecutorServiceParallelExecutor$2(ExecutorServiceParallelExecutor executor,
      ExecutionDriver driver) {
    this.this$0 = executor;
    this.val$executionDriver = driver;
  }

  @Override
  public void run() {
    DriverState drive = val$executionDriver.drive();
    try {
      if (drive.isTerminal()) {
        PipelineResult.State state;
        if (drive == DriverState.FAILED) {
          state = PipelineResult.State.FAILED;
        } else if (drive == DriverState.SHUTDOWN) {
          state = PipelineResult.State.DONE;
        } else {
          throw new IllegalArgumentException("Unknown DriverState " + drive);
        }
        SHUTDOWN_IF_NECESSARY.invokeExact(this$0, state);
        return;
      }
      ExecutorService pool = (ExecutorService) EXECUTOR_SERVICE.invokeExact(this$0);
      pauseIfIdle(pool);
      pool.submit(this);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Pauses unless a task other than this monitor completed since its last call: each of its own
   * runs completes one task.
   */
  private void pauseIfIdle(ExecutorService pool) {
    if (!(pool instanceof ThreadPoolExecutor)) {
      return;
    }
    long completed = ((ThreadPoolExecutor) pool).getCompletedTaskCount();
    boolean othersCompleted = completedBefore < 0 || completed - completedBefore > 1;
    completedBefore = completed;
    pauseNanos = nextPause(pauseNanos, othersCompleted);
    if (pauseNanos > 0) {
      LockSupport.parkNanos(pauseNanos);
    }
  }

  /** No pause after progress; then from the first pause, doubling up to the longest. */
  static long nextPause(long previous, boolean progressed) {
    if (progressed) {
      return 0;
    }
    return previous == 0 ? FIRST_PAUSE_NANOS : Math.min(LONGEST_PAUSE_NANOS, previous * 2);
  }
}
