package io.molxform.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.molxform.UsageException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's hold on its output folder: a file created atomically (create-new, as Hadoop's output
 * committers refuse an existing output) before anything in the folder is touched, and removed
 * when the run ends. A second run on the same output finds it and stops with one line naming
 * the run that holds it. A claim whose process is gone (a killed run, on this host) is stale:
 * {@code --overwrite} clears it.
 */
public final class OutputClaim {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String FILE_NAME = ".molxform-claim";
  private static final Logger LOG = LoggerFactory.getLogger(OutputClaim.class);

  private final Path file;

  private OutputClaim(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Who holds a claim, as written in its file. */
  record Holder(String run, long pid, String host, String processStarted, String claimed) {
    /** Whether the claiming process still runs: unknowable from another host, so assumed. */
    boolean alive() {
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

    String describe() {
      return "run " + run + " (process " + pid + " on " + host + ", claimed " + claimed + ")";
    }
  }

  /**
   * Refuses an output held by a live run, or (without {@code overwrite}) by a stale claim; with
   * {@code overwrite} a stale claim is removed.
   */
  static void refuseIfHeld(Path dir, boolean overwrite) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    Holder holder = read(file);
    if (holder == null) {
      return;
    }
    if (holder.alive()) {
      throw new UsageException("output " + dir + " is in use by " + holder.describe()
          + "; wait for it, or choose another --output"
          + (holder.host().equals(thisHost()) ? ""
              : " (if that run is gone, remove " + file + ")"));
    }
    if (!overwrite) {
      throw new UsageException("output " + dir + " was left by " + holder.describe()
          + ", which is no longer running (killed?); pass --overwrite to replace it");
    }
    LOG.info("--overwrite: clearing the stale claim of {}", holder.describe());
    Files.deleteIfExists(file);
  }

  /** Claims {@code dir} for {@code runId}, atomically; a claim already there is refused. */
  static OutputClaim acquire(Path dir, String runId, boolean overwrite) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    ObjectNode json = JSON.createObjectNode();
    ProcessHandle self = ProcessHandle.current();
    json.put("run", runId);
    json.put("pid", self.pid());
    json.put("host", thisHost());
    json.put("process_started", self.info().startInstant().map(Instant::toString).orElse(""));
    json.put("claimed", Instant.now().toString());
    byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    for (int attempt = 0; ; attempt++) {
      try {
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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
    return new OutputClaim(file);
  }

  /** Ends the hold; a claim that is already gone is fine. */
  public void release() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The run's result stands; the next run reports the leftover claim as stale.
    }
  }

  static Holder read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    try {
      JsonNode json = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      return new Holder(json.path("run").asText("unknown"), json.path("pid").asLong(-1),
          json.path("host").asText(""), json.path("process_started").asText(""),
          json.path("claimed").asText(""));
    } catch (IOException e) {
      // Half-written by a run killed while claiming: no process to ask, so it is stale.
      return new Holder("unknown", -1, thisHost(), "", "");
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
