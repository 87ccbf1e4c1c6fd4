package io.molxform.output;

import io.molxform.UsageException;
import io.molxform.beam.write.Manifest;
import io.molxform.beam.write.OutputFormats;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the output directory before a run and decides what a run may remove there.
 *
 * <p>A run claims its output first ({@link OutputClaim}), so two runs never share one. It writes
 * into an empty or new folder; with {@code --overwrite} it also replaces a molxform output (a
 * folder holding only what molxform writes: the manifest, {@code products/}, {@code rejects/},
 * temporary and claim entries), never anything else, and never a folder that holds one of its
 * own input files. The old manifest goes first, so an interrupted overwrite never looks like a
 * finished output. Local directories only for now.
 */
public final class OutputDirectory {
  /** Entries named in an error about foreign content, at most. */
  private static final int NAMED = 5;

  private static final Logger LOG = LoggerFactory.getLogger(OutputDirectory.class);

  private OutputDirectory() {}

  /**
   * Returns the absolute directory, claimed for {@code runId}, ready and writable, or throws
   * {@link UsageException} having removed nothing.
   *
   * @param inputFiles the run's input files, which no run removes
   */
  public static Claimed prepare(String output, boolean overwrite, List<String> inputFiles,
      String runId) {
    Path dir = Path.of(output).toAbsolutePath().normalize();
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new UsageException("output " + dir + " exists and is not a directory");
      }
      for (String input : inputFiles) {
        Path file = localPath(input);
        if (file != null && file.startsWith(dir)) {
          throw new UsageException("the input " + file + " lies inside the output " + dir
              + "; a run never writes over its own input: choose another --output");
        }
      }
      boolean empty = !Files.isDirectory(dir) || isEmpty(dir);
      if (!empty) {
        OutputClaim.refuseIfHeld(dir, overwrite);
        if (!overwrite) {
          throw new UsageException("output " + dir + " is not empty"
              + (Files.exists(dir.resolve(Manifest.FILE_NAME)) ? " (it holds a finished output)"
                  : "") + "; choose another --output or pass --overwrite to replace it");
        }
        List<String> foreign = foreignEntries(dir);
        if (!foreign.isEmpty()) {
          throw new UsageException("output " + dir + " holds what molxform did not write ("
              + String.join(", ", foreign) + "); --overwrite replaces only a molxform output "
              + "or an empty folder: choose another --output");
        }
        // Empty by now when all it held was a stale claim (a run killed as it claimed).
        if (!isEmpty(dir) && !isMolxformOutput(dir)) {
          throw new UsageException("output " + dir + " is not a molxform output (no "
              + Manifest.FILE_NAME + ", no " + Manifest.TEMP_PREFIX + "* folder); --overwrite "
              + "replaces only a molxform output or an empty folder: choose another --output");
        }
      }
      Files.createDirectories(dir);
      OutputClaim claim = OutputClaim.acquire(dir, runId, overwrite);
      try {
        if (!empty) {
          LOG.info("--overwrite: replacing the molxform output in {}", dir);
          Files.deleteIfExists(dir.resolve(Manifest.FILE_NAME));
          clearExcept(dir, claim.file());
        }
        Path probe = Files.createTempFile(dir, ".molxform-probe", "");
        Files.delete(probe);
      } catch (IOException | RuntimeException e) {
        claim.release();
        throw e;
      }
      return new Claimed(dir, claim);
    } catch (AccessDeniedException e) {
      throw new UsageException("output " + dir + " is not writable (permission denied on "
          + e.getFile() + ")");
    } catch (FileSystemException e) {
      throw new UsageException("output " + dir + " is not writable: " + e.getMessage());
    } catch (IOException e) {
      throw new UsageException("cannot prepare output " + dir + ": " + e);
    }
  }

  /** A prepared output and the claim that holds it until the run ends. */
  public record Claimed(Path directory, OutputClaim claim) {}

  /** The local path of an input file, or null for another filesystem (s3://, hdfs://). */
  private static Path localPath(String input) {
    if (input.startsWith("file:")) {
      return Path.of(java.net.URI.create(input)).toAbsolutePath().normalize();
    }
    if (input.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return null;
    }
    return Path.of(input).toAbsolutePath().normalize();
  }

  /**
   * Entries of {@code dir} that molxform does not write, named relative to it (at most
   * {@value #NAMED}, then a count).
   */
  static List<String> foreignEntries(Path dir) throws IOException {
    List<String> foreign = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
        String name = entry.getFileName().toString();
        boolean folder = Files.isDirectory(entry);
        if (name.startsWith(Manifest.TEMP_PREFIX) && folder) {
          continue;
        }
        if (!folder && (name.equals(Manifest.FILE_NAME) || name.equals(Manifest.FILE_NAME + ".tmp")
            || name.equals(OutputClaim.FILE_NAME) || name.equals(OutputFormats.REPORT_FILE)
            || name.startsWith(".molxform-probe"))) {
          continue;
        }
        if (folder && name.equals(OutputFormats.PRODUCTS_DIR)) {
          foreignIn(entry, dir, true, foreign);
        } else if (folder && name.equals(OutputFormats.REJECTS_DIR)) {
          foreignIn(entry, dir, false, foreign);
        } else {
          foreign.add(name + (folder ? "/" : ""));
        }
      }
    }
    if (foreign.size() > NAMED) {
      int more = foreign.size() - NAMED;
      foreign = new ArrayList<>(foreign.subList(0, NAMED));
      foreign.add("and " + more + " more");
    }
    return foreign;
  }

  /** products/ holds transform=NAME/ folders of .parquet files; rejects/ holds .parquet files. */
  private static void foreignIn(Path folder, Path root, boolean partitioned, List<String> foreign)
      throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
        String name = entry.getFileName().toString();
        if (partitioned && Files.isDirectory(entry)
            && name.startsWith(OutputFormats.TRANSFORM_PARTITION)) {
          foreignIn(entry, root, false, foreign);
        } else if (partitioned || Files.isDirectory(entry) || !name.endsWith(".parquet")) {
          foreign.add(root.relativize(entry) + (Files.isDirectory(entry) ? "/" : ""));
        }
      }
    }
  }

  /** A finished output, or one a run left: its manifest, a temporary folder or a claim. */
  private static boolean isMolxformOutput(Path dir) throws IOException {
    if (Files.exists(dir.resolve(Manifest.FILE_NAME))
        || Files.exists(dir.resolve(OutputClaim.FILE_NAME))) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.anyMatch(p -> Files.isDirectory(p)
          && p.getFileName().toString().startsWith(Manifest.TEMP_PREFIX));
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void clearExcept(Path dir, Path keep) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(dir) && !p.equals(keep)).toList();
    }
    for (Path path : paths) {
      Files.delete(path);
    }
  }
}
