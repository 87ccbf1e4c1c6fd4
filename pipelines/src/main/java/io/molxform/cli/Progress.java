package io.molxform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.molxform.beam.RunProgress;
import io.molxform.beam.write.WriteShards;
import io.molxform.cluster.ClusterJob;
import io.molxform.pipeline.SpillPlace;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Prints a progress line every few seconds while a run is going, naming its phase: transforming
 * (rows read of the total, products made, the rate), deduplicating (the merge before the first
 * row is written), writing (rows and shards written), all with the elapsed time. A run in this
 * JVM (DirectRunner, embedded Flink) is followed through {@link RunProgress}; a cluster job
 * through Flink's REST API, whose live per-step record counts give rows, products and phase. Warns once when the
 * disk the run spills to runs low.
 */
final class Progress implements AutoCloseable {
  private final PrintStream err;
  private final long totalRows;
  private final int everySeconds;
  private final ClusterJob clusterJob;
  private final SpillPlace spill;
  private boolean warnedLowDisk;
  private final long started = System.nanoTime();
  private ClusterCounts lastCounts = ClusterCounts.NONE;
  private final Thread thread;

  /** Free spill space under which the run warns. */
  static final long LOW_DISK_BYTES = 1_000_000_000L;

  private Progress(PrintStream err, long totalRows, int everySeconds, ClusterJob clusterJob,
      SpillPlace spill) {
    this.err = err;
    this.totalRows = totalRows;
    this.everySeconds = everySeconds;
    this.clusterJob = clusterJob;
    this.spill = spill;
    this.thread = new Thread(this::loop, "molxform-progress");
    this.thread.setDaemon(true);
  }

  /**
   * Starts printing; {@code clusterJob} is null for a run in this JVM, else the run's job on a
   * cluster.
   */
  static Progress start(PrintStream err, long totalRows, int everySeconds,
      ClusterJob clusterJob, SpillPlace spill) {
    RunProgress.reset();
    Progress progress = new Progress(err, totalRows, everySeconds, clusterJob, spill);
    if (clusterJob != null) {
      err.println("[molxform] the job runs on the Flink cluster; follow it in the web UI at "
          + clusterJob.rest().address());
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
      String line = line();
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      err.println(line);
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
    if (clusterJob != null) {
      return "[molxform] " + clusterJob(seconds) + ", " + clock(seconds) + " elapsed";
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
          "[molxform] deduplicating: all %,d rows transformed, merging %,d products, %s",
          rows, RunProgress.productsMade(), clock(seconds));
    }
    return String.format(Locale.ROOT, "[molxform] writing: %s, %s", writing, clock(seconds));
  }

  /**
   * The run's job on the cluster, its phase and its counts, from Flink's REST API: the client
   * of a remote batch job sees no Beam counter until the end (the batch runner reports them when
   * a task finishes), but the cluster counts every step's records while it runs.
   */
  private String clusterJob(double seconds) {
    try {
      if (clusterJob.id().isEmpty()) {
        return "waiting for the job to reach the cluster";
      }
      String jid = clusterJob.id().get();
      JsonNode job = rest("/jobs/" + jid);
      ClusterCounts counts = ClusterCounts.of(job.path("vertices"), totalRows,
          vertex -> operatorCounts(jid, vertex), lastCounts);
      lastCounts = counts;
      int finished = 0;
      for (JsonNode vertex : job.path("vertices")) {
        finished += vertex.path("status").asText().equals("FINISHED") ? 1 : 0;
      }
      return String.format(Locale.ROOT, "cluster job %s %s: %s; %d of %d tasks finished",
          jid.substring(0, 8), job.path("state").asText(), counts.describe(totalRows, seconds),
          finished, job.path("vertices").size());
    } catch (Exception e) {
      return "cluster at " + clusterJob.rest().address() + " not answering ("
          + e.getClass().getSimpleName() + ")";
    }
  }

  /** A running task's record counts per step, summed over its subtasks. */
  private Map<String, Long> operatorCounts(String jid, String vertex) {
    Map<String, Long> counts = new HashMap<>();
    try {
      String base = "/jobs/" + jid + "/vertices/" + vertex + "/subtasks/metrics";
      List<String> ids = new ArrayList<>();
      for (JsonNode metric : rest(base)) {
        String id = metric.path("id").asText();
        if (id.endsWith(".numRecordsIn") || id.endsWith(".numRecordsOut")) {
          ids.add(id);
        }
      }
      if (ids.isEmpty()) {
        return counts;
      }
      for (JsonNode metric : rest(base + "?agg=sum&get="
          + URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8))) {
        counts.put(metric.path("id").asText(), (long) metric.path("sum").asDouble());
      }
    } catch (Exception e) {
      // A task that just finished has no live metrics; the next line counts it as finished.
    }
    return counts;
  }

  /**
   * What a cluster job has done, from the record counts of three kinds of its steps: the rows the
   * reader gave the chemistry, the records the chemistry made (products, and the rejects that
   * travel with them), and the records that reached the writers (one writing step per dedup
   * branch, chained where Flink can to the step that makes the branch). Flink chains steps into
   * one task, so a step is found by name inside its task's chain. A finished task has no live counts: its writers'
   * last counts are kept by task.
   */
  record ClusterCounts(long rowsRead, long recordsMade, Map<String, Long> toWritersByTask,
      boolean writersFinished, boolean finalizing) {
    static final ClusterCounts NONE = new ClusterCounts(0, 0, Map.of(), false, false);
    static final String READER = "ReadLibrary/ReadRows";
    static final String CHEMISTRY = "ApplyTransforms/ApplyChemistry/ParMultiDo(Apply))";
    /** A writing step, not the steps that split its outputs ({@code WriteFiles1.out0}). */
    static final Pattern WRITERS = Pattern.compile(
        "WriteShards/" + WriteShards.WRITE_FILES_STEP + "[0-9]*\\)");
    static final String FINALIZE = "Finalize/MoveShards";

    long recordsToWriters() {
      return toWritersByTask.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @param operatorCounts a running task's step counts by metric name, as Flink's REST API
     *     names them ({@code STEP.numRecordsIn}, {@code STEP.numRecordsOut})
     * @param previous the counts of the line before
     */
    static ClusterCounts of(JsonNode vertices, long totalRows,
        Function<String, Map<String, Long>> operatorCounts, ClusterCounts previous) {
      long rows = 0;
      long made = 0;
      Map<String, Long> toWriters = new HashMap<>();
      boolean anyWriters = false;
      boolean writersRunning = false;
      boolean finalizing = false;
      for (JsonNode vertex : vertices) {
        String status = vertex.path("status").asText();
        String name = vertex.path("name").asText();
        String task = vertex.path("id").asText();
        boolean chemistry = name.contains(CHEMISTRY);
        boolean writers = WRITERS.matcher(name).find();
        anyWriters |= writers;
        writersRunning |= writers && !status.equals("FINISHED");
        if (status.equals("FINISHED") && chemistry) {
          // A finished task has no live step counts: it read every row, and made what was
          // last counted.
          rows += totalRows;
          made += previous.recordsMade();
        }
        if (status.equals("FINISHED") && writers) {
          toWriters.put(task, previous.toWritersByTask().getOrDefault(task, 0L));
        }
        if (!status.equals("RUNNING")) {
          continue;
        }
        finalizing |= name.contains(FINALIZE);
        if (chemistry || writers) {
          for (Map.Entry<String, Long> count : operatorCounts.apply(task).entrySet()) {
            String metric = count.getKey();
            if (metric.contains(READER) && metric.endsWith(".numRecordsOut")) {
              rows += count.getValue();
            } else if (metric.contains(CHEMISTRY) && metric.endsWith(".numRecordsOut")) {
              made += count.getValue();
            } else if (WRITERS.matcher(metric).find() && metric.endsWith(".numRecordsIn")) {
              toWriters.merge(task, count.getValue(), Long::sum);
            }
          }
        }
      }
      return new ClusterCounts(rows, made, Map.copyOf(toWriters), anyWriters && !writersRunning,
          finalizing);
    }

    String describe(long totalRows, double seconds) {
      if (finalizing) {
        return "finalizing: moving the shards into place, writing the report and the manifest";
      }
      if (rowsRead < totalRows) {
        return String.format(Locale.ROOT,
            "transforming: %,d of %,d rows (%.0f%%), %,d products and rejects made, %,.0f mol/s",
            rowsRead, totalRows, 100.0 * rowsRead / Math.max(1, totalRows), recordsMade,
            rowsRead / Math.max(seconds, 1e-9));
      }
      if (writersFinished) {
        return "written: the writers have finished" + (recordsToWriters() == 0 ? ""
            : String.format(Locale.ROOT, " (%,d unique products and rejects)",
                recordsToWriters()));
      }
      if (recordsToWriters() == 0) {
        return String.format(Locale.ROOT,
            "deduplicating: all %,d rows transformed, merging %,d products and rejects",
            totalRows, recordsMade);
      }
      return String.format(Locale.ROOT, "writing: %,d unique products and rejects to the "
          + "writers", recordsToWriters());
    }
  }

  private JsonNode rest(String path) throws Exception {
    return clusterJob.rest().get(path);
  }

  static String clock(double seconds) {
    Duration d = Duration.ofMillis((long) (seconds * 1000));
    return String.format(Locale.ROOT, "%02d:%02d:%02d", d.toHours(), d.toMinutesPart(),
        d.toSecondsPart());
  }

  /** Stops the lines and waits for the last one, so that none comes after the run's own. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
