package io.molxform.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.molxform.UsageException;
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
 * the run that holds it. A claim whose process is gone (a killed run, on this host) is stale:
 * {@code --overwrite} clears it.
 *
 * <p>On local disk the claim is created atomically (create-new). Beam's filesystems have no
 * create-if-absent, so on object stores and HDFS a run writes its claim and reads it back: of two
 * runs that claim at once, the one whose claim was overwritten stops. Two runs whose writes and
 * read-backs interleave exactly could both go on; keep one writer per output there.
 */
public final class OutputClaim {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String FILE_NAME = ".molxform-claim";
  private static final Logger LOG = LoggerFactory.getLogger(OutputClaim.class);

  private final String file;

  private OutputClaim(String file) {
    this.file = file;
  }

  String file() {
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
  static void refuseIfHeld(String dir, boolean overwrite) throws IOException {
    String file = Storage.resolve(dir, FILE_NAME);
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
    Storage.delete(List.of(Storage.fileResource(file)));
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
      return new OutputClaim(file);
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
    return new OutputClaim(file);
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
