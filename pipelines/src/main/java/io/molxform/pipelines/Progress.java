package io.molxform.pipelines;

import io.molxform.beam.RunProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints a progress line every few seconds while a run is going: rows read of the total, products
 * made, the rate and the elapsed time. It reads {@link RunProgress}, which only a run in this JVM
 * (DirectRunner, embedded Flink) updates; for a cluster it says where to look instead.
 */
final class Progress implements AutoCloseable {
  private final PrintStream err;
  private final long totalRows;
  private final int everySeconds;
  private final boolean inProcess;
  private final long started = System.nanoTime();
  private final Thread thread;

  private Progress(PrintStream err, long totalRows, int everySeconds, boolean inProcess) {
    this.err = err;
    this.totalRows = totalRows;
    this.everySeconds = everySeconds;
    this.inProcess = inProcess;
    this.thread = new Thread(this::loop, "molxform-progress");
    this.thread.setDaemon(true);
  }

  /**
   * Starts printing; {@code clusterUi} is null for a run in this JVM, else the web UI of the
   * cluster that runs the job.
   */
  static Progress start(PrintStream err, long totalRows, int everySeconds, String clusterUi) {
    RunProgress.reset();
    Progress progress = new Progress(err, totalRows, everySeconds, clusterUi == null);
    if (clusterUi != null) {
      err.println("[molxform] the job runs on the Flink cluster; follow it in the web UI at "
          + clusterUi);
    }
    progress.thread.start();
    return progress;
  }

  private void loop() {
    while (true) {
      try {
        Thread.sleep(everySeconds * 1000L);
      } catch (InterruptedException e) {
        return;
      }
      err.println(line());
    }
  }

  String line() {
    double seconds = (System.nanoTime() - started) / 1e9;
    if (!inProcess) {
      return "[molxform] running on the cluster, " + clock(seconds) + " elapsed";
    }
    long rows = RunProgress.rowsRead();
    return String.format(Locale.ROOT,
        "[molxform] %,d of %,d rows transformed (%.0f%%), %,d products made, %,.0f mol/s, %s",
        rows, totalRows, totalRows == 0 ? 100.0 : 100.0 * rows / totalRows,
        RunProgress.productsMade(), rows / Math.max(seconds, 1e-9), clock(seconds));
  }

  static String clock(double seconds) {
    Duration d = Duration.ofMillis((long) (seconds * 1000));
    return String.format(Locale.ROOT, "%02d:%02d:%02d", d.toHours(), d.toMinutesPart(),
        d.toSecondsPart());
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
