package io.molxform.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import io.molxform.beam.Manifest;
import io.molxform.beam.RunProgress;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  private final String clusterUi;
  private final long started = System.nanoTime();
  private final Thread thread;

  private Progress(PrintStream err, long totalRows, int everySeconds, String clusterUi) {
    this.err = err;
    this.totalRows = totalRows;
    this.everySeconds = everySeconds;
    this.clusterUi = clusterUi;
    this.thread = new Thread(this::loop, "molxform-progress");
    this.thread.setDaemon(true);
  }

  /**
   * Starts printing; {@code clusterUi} is null for a run in this JVM, else the web UI of the
   * cluster that runs the job.
   */
  static Progress start(PrintStream err, long totalRows, int everySeconds, String clusterUi) {
    RunProgress.reset();
    Progress progress = new Progress(err, totalRows, everySeconds, clusterUi);
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
    if (clusterUi != null) {
      return "[molxform] " + clusterJob() + ", " + clock(seconds) + " elapsed";
    }
    long rows = RunProgress.rowsRead();
    return String.format(Locale.ROOT,
        "[molxform] %,d of %,d rows transformed (%.0f%%), %,d products made, %,.0f mol/s, %s",
        rows, totalRows, totalRows == 0 ? 100.0 : 100.0 * rows / totalRows,
        RunProgress.productsMade(), rows / Math.max(seconds, 1e-9), clock(seconds));
  }

  /**
   * The newest job on the cluster, from Flink's REST API: the client of a remote batch job sees
   * no row counts until the end, but the cluster knows the job's state and its tasks.
   */
  private String clusterJob() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(clusterUi + "/jobs/overview"))
              .timeout(java.time.Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode newest = null;
      for (JsonNode job : Manifest.json().readTree(response.body()).path("jobs")) {
        if (newest == null || job.path("start-time").asLong() > newest.path("start-time")
            .asLong()) {
          newest = job;
        }
      }
      if (newest == null) {
        return "waiting for the job to reach the cluster";
      }
      JsonNode tasks = newest.path("tasks");
      return String.format(Locale.ROOT, "cluster job %s %s: %d of %d tasks finished, %d running",
          newest.path("jid").asText().substring(0, 8), newest.path("state").asText(),
          tasks.path("finished").asInt(), tasks.path("total").asInt(),
          tasks.path("running").asInt());
    } catch (Exception e) {
      return "cluster at " + clusterUi + " not answering (" + e.getClass().getSimpleName() + ")";
    }
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
