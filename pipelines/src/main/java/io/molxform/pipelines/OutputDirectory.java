package io.molxform.pipelines;

import io.molxform.beam.Manifest;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prepares the output directory before a run: refuses a non-empty one unless overwriting, and
 * when overwriting removes the old manifest first (so an interrupted overwrite never looks like
 * a finished output), then the old files. Local directories only for now.
 */
final class OutputDirectory {
  private OutputDirectory() {}

  /** Returns the absolute directory, ready and writable, or throws {@link UsageException}. */
  static Path prepare(String output, boolean overwrite) {
    Path dir = Path.of(output).toAbsolutePath().normalize();
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new UsageException("output " + dir + " exists and is not a directory");
      }
      if (Files.isDirectory(dir) && !isEmpty(dir)) {
        if (!overwrite) {
          throw new UsageException("output " + dir + " is not empty"
              + (Files.exists(dir.resolve(Manifest.FILE_NAME)) ? " (it holds a finished output)"
                  : "") + "; choose another --output or pass --overwrite to replace it");
        }
        Files.deleteIfExists(dir.resolve(Manifest.FILE_NAME));
        clear(dir);
      }
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".molxform-probe", "");
      Files.delete(probe);
    } catch (AccessDeniedException e) {
      throw new UsageException("output " + dir + " is not writable (permission denied on "
          + e.getFile() + ")");
    } catch (FileSystemException e) {
      throw new UsageException("output " + dir + " is not writable: " + e.getMessage());
    } catch (IOException e) {
      throw new UsageException("cannot prepare output " + dir + ": " + e);
    }
    return dir;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void clear(Path dir) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList();
    }
    for (Path path : paths) {
      Files.delete(path);
    }
  }
}
