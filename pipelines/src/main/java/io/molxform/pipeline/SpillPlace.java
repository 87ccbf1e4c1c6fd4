package io.molxform.pipeline;

import io.molxform.UsageException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.beam.runners.flink.FlinkPipelineOptions;

/**
 * Where a run spills the data its shuffles sort, which is the disk a large run fills first. For
 * Flink embedded in this process that is Flink's {@code io.tmp.dirs}, which molxform sets from
 * {@code --spillDirectory} through a generated Flink configuration folder (Beam's
 * {@code --flinkConfDir}); a cluster spills where its own configuration says.
 */
public record SpillPlace(Path directory, String description) {

  /** Decides the place, points embedded Flink at it, and says where it is. */
  public static SpillPlace configure(MolxformOptions options) {
    String runner = options.getRunner().getSimpleName();
    String chosen = options.getSpillDirectory();
    if (!runner.equals("FlinkRunner")) {
      if (chosen != null) {
        throw new UsageException("--spillDirectory applies to Flink; the " + runner
            + " holds its data in memory");
      }
      return new SpillPlace(null, "the " + runner + " holds its data in memory");
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    String master = flink.getFlinkMaster();
    boolean embedded = master == null || master.equals("[local]") || master.equals("[auto]");
    if (!embedded) {
      if (chosen != null) {
        throw new UsageException("--spillDirectory applies to Flink embedded in this process; a "
            + "cluster spills to its TaskManagers' io.tmp.dirs (runners-config/flink-cluster/"
            + "conf/config.yaml)");
      }
      return new SpillPlace(null, "the Flink cluster spills to its TaskManagers' io.tmp.dirs");
    }
    if (flink.getFlinkConfDir() != null) {
      if (chosen != null) {
        throw new UsageException("--spillDirectory and --flinkConfDir both set: put io.tmp.dirs "
            + "in " + flink.getFlinkConfDir() + "/config.yaml, or leave out --flinkConfDir");
      }
      return new SpillPlace(null, "embedded Flink spills where io.tmp.dirs in "
          + flink.getFlinkConfDir() + " says");
    }
    Path directory = Path.of(chosen != null ? chosen : System.getProperty("java.io.tmpdir"))
        .toAbsolutePath().normalize();
    try {
      Files.createDirectories(directory);
      if (!Files.isWritable(directory)) {
        throw new IOException("not writable");
      }
      flink.setFlinkConfDir(flinkConfiguration(directory, options.getSpillMergeFanIn())
          .toString());
    } catch (IOException e) {
      throw new UsageException("cannot spill to " + directory + " (--spillDirectory): "
          + e.getMessage());
    }
    return new SpillPlace(directory, "embedded Flink spills to " + directory + " ("
        + gigabytes(directory.toFile().getUsableSpace()) + " free; --spillDirectory)");
  }

  /**
   * A Flink configuration folder that sets the spill folder and the merge fan-in; removed when
   * the JVM ends.
   */
  private static Path flinkConfiguration(Path spill, int mergeFanIn) throws IOException {
    Path folder = Files.createTempDirectory("molxform-flink-conf");
    Path file = folder.resolve("config.yaml");
    Files.writeString(file, "io.tmp.dirs: '" + spill.toString().replace("'", "''") + "'\n"
        + "taskmanager.runtime.max-fan: " + mergeFanIn + "\n");
    file.toFile().deleteOnExit();
    folder.toFile().deleteOnExit();
    return folder;
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
