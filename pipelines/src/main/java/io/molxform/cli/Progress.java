package io.molxform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.molxform.beam.RunProgress;
import io.molxform.pipeline.SpillPlace;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Prints a progress line every few seconds while a run is going, naming its phase: transforming
 * (rows read of the total, products made, the rate), deduplicating (the sort before the first
 * row is written), writing (rows and shards written), all with the elapsed time. A run in this
 * JVM (DirectRunner, embedded Flink) is followed through {@link RunProgress}; a cluster job
 * through Flink's REST API, whose per-step record counts tell the phase. Warns once when the
 * disk the run spills to runs low.
 */
final class Progress implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream err;
  private final long totalRows;
  private final int everySeconds;
  private final String clusterUi;
  private final SpillPlace spill;
  private boolean warnedLowDisk;
  private final long started = System.nanoTime();
  private final Thread thread;

  /** Free spill space under which the run warns. */
  static final long LOW_DISK_BYTES = 1_000_000_000L;

  private Progress(PrintStream err, long totalRows, int everySeconds, String clusterUi,
      SpillPlace spill) {
    this.err = err;
    this.totalRows = totalRows;
    this.everySeconds = everySeconds;
    this.clusterUi = clusterUi;
    this.spill = spill;
    this.thread = new Thread(this::loop, "molxform-progress");
    this.thread.setDaemon(true);
  }

  /**
   * Starts printing; {@code clusterUi} is null for a run in this JVM, else the web UI of the
   * cluster that runs the job.
   */
  static Progress start(PrintStream err, long totalRows, int everySeconds, String clusterUi,
      SpillPlace spill) {
    RunProgress.reset();
    Progress progress = new Progress(err, totalRows, everySeconds, clusterUi, spill);
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
      long free = spill == null ? -1 : spill.freeBytes();
      if (free >= 0 && free < LOW_DISK_BYTES && !warnedLowDisk) {
        warnedLowDisk = true;
        err.println("[molxform] warning: " + SpillPlace.gigabytes(free) + " left where the run "
            + "spills (" + spill.directory() + "); a full disk stops it (--spillDirectory)");
      }
    }
  }

  String line() {
    double seconds = (System.nanoTime() - started) / 1e9;
    if (clusterUi != null) {
      return "[molxform] " + clusterJob() + ", " + clock(seconds) + " elapsed";
    }
    long rows = RunProgress.rowsRead();
    long written = RunProgress.rowsWritten();
    String writing = String.format(Locale.ROOT, "%,d rows written in %,d shards",
        written, RunProgress.shardsWritten());
    if (rows < totalRows) {
      return String.format(Locale.ROOT,
          "[molxform] transforming: %,d of %,d rows (%.0f%%), %,d products made, %,.0f mol/s%s, %s",
          rows, totalRows, 100.0 * rows / totalRows, RunProgress.productsMade(),
          rows / Math.max(seconds, 1e-9), written == 0 ? "" : ", " + writing, clock(seconds));
    }
    if (written == 0) {
      return String.format(Locale.ROOT,
          "[molxform] deduplicating: all %,d rows transformed, sorting %,d products, %s",
          rows, RunProgress.productsMade(), clock(seconds));
    }
    return String.format(Locale.ROOT, "[molxform] writing: %s, %s", writing, clock(seconds));
  }

  /**
   * The newest job on the cluster and its phase, from Flink's REST API: the client of a remote
   * batch job sees no counts until the end, but the cluster reports each step's records.
   */
  private String clusterJob() {
    try {
      JsonNode newest = null;
      for (JsonNode job : rest("/jobs/overview").path("jobs")) {
        if (newest == null || job.path("start-time").asLong() > newest.path("start-time")
            .asLong()) {
          newest = job;
        }
      }
      if (newest == null) {
        return "waiting for the job to reach the cluster";
      }
      JsonNode tasks = newest.path("tasks");
      String jid = newest.path("jid").asText();
      return String.format(Locale.ROOT, "cluster job %s %s: %s; %d of %d tasks finished",
          jid.substring(0, 8), newest.path("state").asText(),
          clusterPhase(rest("/jobs/" + jid).path("vertices")),
          tasks.path("finished").asInt(), tasks.path("total").asInt());
    } catch (Exception e) {
      return "cluster at " + clusterUi + " not answering (" + e.getClass().getSimpleName() + ")";
    }
  }

  /**
   * The latest phase that has started, with the records its step has taken in so far. Flink
   * chains steps into one task (the writer runs inside the dedup's task), so a task is known by
   * its first step, and the chemistry by its step anywhere in the chain.
   */
  static String clusterPhase(JsonNode vertices) {
    String phase = "starting";
    int rank = -1;
    long records = -1;
    for (JsonNode vertex : vertices) {
      String status = vertex.path("status").asText();
      if (!status.equals("RUNNING") && !status.equals("FINISHED")) {
        continue;
      }
      String name = vertex.path("name").asText();
      String first = name.replaceFirst("^CHAIN ", "").split(" -> ", 2)[0];
      int candidate = first.contains("Finalize/MoveShards") ? 2
          : first.contains("Dedup/") || first.contains("WriteShards/") ? 1
          : name.contains("ApplyTransforms/ApplyChemistry") ? 0 : -1;
      if (candidate > rank) {
        rank = candidate;
        phase = List.of("transforming", "deduplicating and writing", "finalizing").get(candidate);
        records = vertex.path("metrics").path("read-records").asLong();
      }
    }
    return rank < 0 ? phase : String.format(Locale.ROOT, "%s, %,d records in", phase, records);
  }

  private JsonNode rest(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(clusterUi + path))
            .timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
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
