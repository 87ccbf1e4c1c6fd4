package io.molxform.pipeline;

import io.molxform.UsageException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.runners.flink.FlinkPipelineOptions;

/**
 * Where a run spills, which is the disk a large run fills first: the exact dedup's bucket files
 * ({@link #dedupDirectory}) and, for Flink embedded in this process, Flink's {@code io.tmp.dirs},
 * which molxform sets through a generated Flink configuration folder (Beam's
 * {@code --flinkConfDir}); a cluster spills where its own configuration says.
 *
 * <p>Embedded Flink gets a folder of its own for each run inside the place
 * ({@code --spillDirectory}, or the system's temporary folder), removed when the run ends
 * ({@link #release}) or, if the process is stopped first, when it exits.
 * Flink leaves things behind in its temporary folder when the process ends soon after the job
 * (its RPC system's 22 MB jar, the mini cluster's working folders), so a run folder is the only
 * way to leave nothing; a folder whose process died without cleaning up (killed with SIGKILL)
 * is removed by the next run on the same host.
 *
 * @param directory the place the user chose (or the system's temporary folder); null when the
 *     run does not spill on this machine
 * @param runFolder this run's folder inside it, Flink's {@code io.tmp.dirs}; null likewise
 */
public record SpillPlace(Path directory, Path runFolder, String description) {
  private static final String RUN_FOLDER_PREFIX = "molxform-run-";
  /** The hooks that remove a run folder if the process exits before its run has ended. */
  private static final Map<Path, Thread> REMOVE_AT_EXIT = new ConcurrentHashMap<>();
  /** {@code molxform-run-HOST-PID-RANDOM}; host names may hold dashes, the rest are digits. */
  private static final Pattern RUN_FOLDER = Pattern.compile(
      Pattern.quote(RUN_FOLDER_PREFIX) + "(.+)-(\\d+)-\\d+");

  /** Decides the place, points embedded Flink at it, and says where it is. */
  public static SpillPlace configure(MolxformOptions options, RunnerProfile runner) {
    String chosen = options.getSpillDirectory();
    if (!runner.onFlink()) {
      if (chosen != null) {
        throw new UsageException("--spillDirectory applies to Flink; the " + runner.runner()
            + " holds its data in memory");
      }
      return new SpillPlace(null, null, "the run is on the " + runner.runner()
          + " in this process, which holds its data in memory");
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    if (!runner.embeddedFlink()) {
      if (chosen != null) {
        throw new UsageException("--spillDirectory applies to Flink embedded in this process; a "
            + "cluster spills to its TaskManagers' io.tmp.dirs (runners-config/flink-cluster/"
            + "conf/config.yaml)");
      }
      return new SpillPlace(null, null,
          "the Flink cluster spills to its TaskManagers' io.tmp.dirs");
    }
    if (flink.getFlinkConfDir() != null) {
      if (chosen != null) {
        throw new UsageException("--spillDirectory and --flinkConfDir both set: put io.tmp.dirs "
            + "in " + flink.getFlinkConfDir() + "/config.yaml, or leave out --flinkConfDir");
      }
      return new SpillPlace(null, null, "embedded Flink spills where io.tmp.dirs in "
          + flink.getFlinkConfDir() + " says");
    }
    Path directory = Path.of(chosen != null ? chosen : System.getProperty("java.io.tmpdir"))
        .toAbsolutePath().normalize();
    Path runFolder;
    try {
      Files.createDirectories(directory);
      if (!Files.isWritable(directory)) {
        throw new IOException("not writable");
      }
      String host = host();
      removeFoldersOfDeadRuns(directory, host);
      runFolder = Files.createTempDirectory(directory, RUN_FOLDER_PREFIX + host + "-"
          + ProcessHandle.current().pid() + "-");
      Thread removeAtExit = new Thread(() -> deleteTree(runFolder), "molxform-remove-run-folder");
      REMOVE_AT_EXIT.put(runFolder, removeAtExit);
      Runtime.getRuntime().addShutdownHook(removeAtExit);
      flink.setFlinkConfDir(flinkConfiguration(runFolder, options.getSpillMergeFanIn())
          .toString());
    } catch (IOException | UncheckedIOException e) {
      throw new UsageException("cannot spill to " + directory + " (--spillDirectory): "
          + e.getMessage());
    }
    return new SpillPlace(directory, runFolder, "the run spills to " + runFolder + " ("
        + gigabytes(directory.toFile().getUsableSpace()) + " free; --spillDirectory), removed "
        + "when the run ends");
  }

  /**
   * Removes this run's folder now that the run has ended, and the hook that would have removed
   * it at exit (a process that runs many jobs must not gather folders and hooks).
   */
  public void release() {
    if (runFolder == null) {
      return;
    }
    Thread hook = REMOVE_AT_EXIT.remove(runFolder);
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException exiting) {
        // The hooks are running; this one removes the folder too.
      }
    }
    deleteTree(runFolder);
  }

  /**
   * A Flink configuration folder inside the run folder that sets the spill folder and the merge
   * fan-in.
   */
  private static Path flinkConfiguration(Path runFolder, int mergeFanIn) throws IOException {
    Path spill = Files.createDirectory(runFolder.resolve("flink"));
    Path folder = Files.createDirectory(runFolder.resolve("conf"));
    Files.writeString(folder.resolve("config.yaml"), "io.tmp.dirs: '"
        + spill.toString().replace("'", "''") + "'\n"
        + "taskmanager.runtime.max-fan: " + mergeFanIn + "\n");
    return folder;
  }

  /** Run folders this host's earlier runs left when they were killed. */
  private static void removeFoldersOfDeadRuns(Path directory, String host) throws IOException {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(directory,
        RUN_FOLDER_PREFIX + "*")) {
      for (Path folder : folders) {
        Matcher name = RUN_FOLDER.matcher(folder.getFileName().toString());
        if (name.matches() && name.group(1).equals(host) && name.group(2).length() < 19
            && ProcessHandle.of(Long.parseLong(name.group(2))).isEmpty()) {
          deleteTree(folder);
        }
      }
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** Removes what it can; Flink's own shutdown may be removing the same files at once. */
  private static void deleteTree(Path folder) {
    for (int attempt = 0; attempt < 3 && Files.exists(folder); attempt++) {
      try (Stream<Path> paths = Files.walk(folder)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // A file went away while we walked: walk again.
      }
    }
  }

  /**
   * Where the exact dedup writes its bucket files: this run's folder when Flink runs in this
   * process, else the output's temporary folder itself, which every worker of a cluster reads
   * and which the run removes file by file (object stores have no folders, so an empty
   * subfolder would outlive it on a disk).
   */
  public String dedupDirectory(String outputTempDirectory) {
    return runFolder != null ? runFolder.resolve("dedup").toString() : outputTempDirectory;
  }

  /** Free bytes where the run spills; -1 where that is not on this machine. */
  public long freeBytes() {
    return directory == null ? -1 : new File(directory.toString()).getUsableSpace();
  }

  public static String gigabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
  }

  /** True when a failure's causes say a disk is full. */
  public static boolean isDiskFull(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }
}
