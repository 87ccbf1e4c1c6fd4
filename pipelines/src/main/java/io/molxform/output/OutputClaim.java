package io.molxform.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.molxform.UsageException;
import io.molxform.cluster.FlinkRest;
import io.molxform.output.format.OutputFormats;
import io.molxform.storage.Storage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's hold on its output folder: a file created atomically (create-new, as Hadoop's output
 * committers refuse an existing output) before anything in the folder is touched, and removed
 * when the run ends. A second run on the same output finds it and stops with one line naming
 * the run that holds it. The claim names the claiming process and, once a cluster has accepted
 * the run's job, that job and its JobManager: the job, not the process, then holds the output
 * (a detached run's process is gone at once; a killed client's job may run on). A claim is
 * stale when what holds it has ended: the process (a killed run, on this host), or the job, as
 * its JobManager says. A JobManager that cannot be asked leaves the claim held, and the refusal
 * says how to check. {@code --overwrite} clears a stale claim.
 *
 * <p>On local disk the claim is created atomically (create-new). Beam's filesystems have no
 * create-if-absent, so on object stores and HDFS a run writes its claim and reads it back: of two
 * runs that claim at once, the one whose claim was overwritten stops. Two runs whose writes and
 * read-backs interleave exactly could both go on; keep one writer per output there.
 */
public final class OutputClaim {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String FILE_NAME = OutputFormats.CLAIM_FILE;
  private static final Logger LOG = LoggerFactory.getLogger(OutputClaim.class);

  private final String file;
  private final byte[] content;

  private OutputClaim(String file, byte[] content) {
    this.file = file;
    this.content = content;
  }

  String file() {
    return file;
  }

  /** Whether what holds a claim still runs. */
  enum Liveness { RUNNING, ENDED, UNKNOWN }

  /**
   * Who holds a claim, as written in its file.
   *
   * @param job the cluster job that holds the output ("" before one was submitted)
   * @param jobManager that job's JobManager, {@code http://host:port}
   */
  record Holder(String run, long pid, String host, String processStarted, String claimed,
      String job, String jobManager) {
    /** Whether the claiming process still runs: unknowable from another host, so assumed. */
    boolean processAlive() {
      if (!host.equals(thisHost())) {
        return true;
      }
      if (pid <= 0) {
        return false;
      }
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isEmpty() || !process.get().isAlive()) {
        return false;
      }
      // The same pid with another start time is another process that reuses the number.
      Optional<Instant> started = process.get().info().startInstant();
      return started.isEmpty() || processStarted.isEmpty()
          || started.get().toString().equals(processStarted);
    }

    /**
     * A claim with a job is held while the job runs, as its JobManager says, or while the
     * claiming process is still cleaning up after it; one without, while the process runs.
     */
    Liveness liveness() {
      if (job.isEmpty()) {
        return processAlive() ? Liveness.RUNNING : Liveness.ENDED;
      }
      if (host.equals(thisHost()) && pid > 0 && processAlive()) {
        return Liveness.RUNNING;
      }
      try {
        Optional<String> state = new FlinkRest(jobManager).state(job);
        return state.isPresent() && !FlinkRest.ended(state.get()) ? Liveness.RUNNING
            : Liveness.ENDED;
      } catch (IOException | RuntimeException e) {
        return Liveness.UNKNOWN;
      }
    }

    String describe() {
      return "run " + run + " (" + (job.isEmpty() ? "" : "cluster job " + job + " on "
          + jobManager + ", submitted by ") + "process " + pid + " on " + host + ", claimed "
          + claimed + ")";
    }
  }

  /**
   * Refuses an output held by a live run, or (without {@code overwrite}) by a stale claim; with
   * {@code overwrite} a stale claim is removed.
   */
  static void refuseIfHeld(String dir, boolean overwrite) throws IOException {
    String file = Storage.resolve(dir, FILE_NAME);
    Holder holder = read(file);
    if (holder == null) {
      return;
    }
    Liveness liveness = holder.liveness();
    if (liveness == Liveness.UNKNOWN) {
      throw new UsageException("output " + dir + " is held by " + holder.describe()
          + ", and its JobManager does not answer to say whether the job still runs; check with"
          + " curl " + holder.jobManager() + "/jobs/" + holder.job() + " (or the cluster's web "
          + "UI), and if the job has ended, remove " + file);
    }
    if (liveness == Liveness.RUNNING) {
      throw new UsageException("output " + dir + " is in use by " + holder.describe()
          + "; wait for it, or choose another --output"
          + (!holder.job().isEmpty() ? " (to stop that job: curl -X PATCH '"
              + holder.jobManager() + "/jobs/" + holder.job() + "?mode=cancel')"
              : holder.host().equals(thisHost()) ? ""
              : " (if that run is gone, remove " + file + ")"));
    }
    if (!overwrite) {
      throw new UsageException("output " + dir + " was left by " + holder.describe()
          + ", which is no longer running (killed?); pass --overwrite to replace it");
    }
    LOG.info("--overwrite: clearing the stale claim of {}", holder.describe());
    Storage.delete(List.of(Storage.fileResource(file)));
  }

  /**
   * The run that is writing {@code dir} now, described (its cluster job, if it has one); empty
   * when no claim is held or its holder has ended.
   */
  public static Optional<String> writer(String dir) throws IOException {
    Holder holder = read(Storage.resolve(Storage.folder(dir), FILE_NAME));
    if (holder == null) {
      return Optional.empty();
    }
    return switch (holder.liveness()) {
      case RUNNING -> Optional.of(holder.describe());
      case UNKNOWN -> Optional.of(holder.describe() + ", whose JobManager does not answer");
      case ENDED -> Optional.empty();
    };
  }

  /** Claims {@code dir} for {@code runId}, atomically; a claim already there is refused. */
  static OutputClaim acquire(String dir, String runId, boolean overwrite) throws IOException {
    String file = Storage.resolve(dir, FILE_NAME);
    ObjectNode json = JSON.createObjectNode();
    ProcessHandle self = ProcessHandle.current();
    json.put("run", runId);
    json.put("pid", self.pid());
    json.put("host", thisHost());
    json.put("process_started", self.info().startInstant().map(Instant::toString).orElse(""));
    json.put("claimed", Instant.now().toString());
    byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    if (Storage.hasScheme(file)) {
      refuseIfHeld(dir, overwrite);
      Storage.write(file, content);
      if (!Arrays.equals(Storage.read(file), content)) {
        throw new UsageException("output " + dir + " is being claimed by another run; "
            + "choose another --output");
      }
      return new OutputClaim(file, content);
    }
    Files.createDirectories(Path.of(file).getParent());
    for (int attempt = 0; ; attempt++) {
      try {
        Files.write(Path.of(file), content, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        break;
      } catch (FileAlreadyExistsException e) {
        // Another run claimed it between our look and our claim (refused here), or a stale
        // claim appeared that --overwrite may clear once.
        refuseIfHeld(dir, overwrite);
        if (attempt > 0) {
          throw new UsageException("output " + dir + " is being claimed by another run; "
              + "choose another --output");
        }
      }
    }
    return new OutputClaim(file, content);
  }

  /**
   * Hands the hold to a cluster job: from now on the claim lasts as long as {@code jobId} runs
   * on the JobManager at {@code jobManager}, whether or not this process does.
   */
  public void heldByJob(String jobId, String jobManager) throws IOException {
    if (!Storage.exists(file)) {
      // Released already (the job committed and ended it): nothing to hand over.
      return;
    }
    ObjectNode json = (ObjectNode) JSON.readTree(content);
    json.put("job", jobId);
    json.put("job_manager", jobManager);
    Storage.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
  }

  /** Ends the hold; a claim that is already gone is fine. */
  public void release() {
    try {
      Storage.delete(List.of(Storage.fileResource(file)));
    } catch (IOException | RuntimeException e) {
      // The run's result stands; the next run reports the leftover claim as stale.
    }
  }

  static Holder read(String file) throws IOException {
    if (!Storage.exists(file)) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Storage.read(file);
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      return null;
    }
    try {
      JsonNode json = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      return new Holder(json.path("run").asText("unknown"), json.path("pid").asLong(-1),
          json.path("host").asText(""), json.path("process_started").asText(""),
          json.path("claimed").asText(""), json.path("job").asText(""),
          json.path("job_manager").asText(""));
    } catch (IOException e) {
      // Half-written by a run killed while claiming: no process to ask, so it is stale.
      return new Holder("unknown", -1, thisHost(), "", "", "", "");
    }
  }

  static String thisHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
