package io.molxform.output;

import io.molxform.UsageException;
import io.molxform.output.format.Manifest;
import io.molxform.output.format.OutputFormats;
import io.molxform.storage.Storage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.util.MimeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the output directory before a run and decides what a run may remove there.
 *
 * <p>A run claims its output first ({@link OutputClaim}), so two runs never share one. It writes
 * into an empty or new folder; with {@code --overwrite} it also replaces a molxform output (a
 * folder holding only what molxform writes: the manifest, {@code products/}, {@code rejects/},
 * the report, temporary and claim entries), never anything else, and never a folder that holds
 * one of its own input files. The old manifest goes first, so an interrupted overwrite never
 * looks like a finished output. Local disk, {@code s3://} and {@code hdfs://} alike, through
 * {@link Storage}: what a folder holds is the files listed under it.
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
    String dir = Storage.folder(output);
    try {
      if (Storage.exists(Storage.file(dir))) {
        throw new UsageException("output " + Storage.file(dir) + " exists and is not a directory");
      }
      for (String input : inputFiles) {
        String file = Storage.file(input);
        if (file.startsWith(dir)) {
          throw new UsageException("the input " + file + " lies inside the output " + dir
              + "; a run never writes over its own input: choose another --output");
        }
      }
      List<String> held = relativeFiles(dir);
      boolean empty = held.isEmpty();
      if (!empty) {
        OutputClaim.refuseIfHeld(dir, overwrite);
        held = relativeFiles(dir);
        if (!overwrite) {
          throw new UsageException("output " + dir + " is not empty"
              + (held.contains(Manifest.FILE_NAME) ? " (it holds a finished output)" : "")
              + "; choose another --output or pass --overwrite to replace it");
        }
        List<String> foreign = foreignEntries(held);
        if (!foreign.isEmpty()) {
          throw new UsageException("output " + dir + " holds what molxform did not write ("
              + String.join(", ", foreign) + "); --overwrite replaces only a molxform output "
              + "or an empty folder: choose another --output");
        }
        // Empty by now when all it held was a stale claim (a run killed as it claimed).
        if (!held.isEmpty() && !isMolxformOutput(held)) {
          throw new UsageException("output " + dir + " is not a molxform output (no "
              + Manifest.FILE_NAME + ", no " + Manifest.TEMP_PREFIX + "* folder); --overwrite "
              + "replaces only a molxform output or an empty folder: choose another --output");
        }
      }
      OutputClaim claim = OutputClaim.acquire(dir, runId, overwrite);
      try {
        if (!empty) {
          LOG.info("--overwrite: replacing the molxform output in {}", dir);
          Storage.delete(List.of(Storage.fileResource(Storage.resolve(dir, Manifest.FILE_NAME))));
          Storage.deleteTree(dir, List.of(claim.file()));
        }
        String probe = Storage.resolve(dir, PROBE + runId);
        Storage.create(probe, MimeTypes.BINARY).close();
        Storage.delete(List.of(Storage.fileResource(probe)));
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

  /** A prepared output (a folder, ending with {@code /}) and the claim that holds it. */
  public record Claimed(String directory, OutputClaim claim) {}

  /** What a run writes to learn that the output takes files, and removes at once. */
  static final String PROBE = ".molxform-probe";

  /** The files under {@code dir}, relative to it, sorted. */
  static List<String> relativeFiles(String dir) throws IOException {
    List<String> files = new ArrayList<>();
    for (MatchResult.Metadata file : Storage.filesUnder(dir)) {
      files.add(Storage.relative(dir, file.resourceId()));
    }
    return files;
  }

  /**
   * Entries of an output that molxform does not write, named relative to it down to the first
   * foreign folder or file (at most {@value #NAMED}, then a count).
   */
  static List<String> foreignEntries(List<String> relativeFiles) {
    TreeSet<String> foreign = new TreeSet<>();
    for (String path : relativeFiles) {
      String name = foreignPart(path);
      if (name != null) {
        foreign.add(name);
      }
    }
    List<String> named = new ArrayList<>(foreign);
    if (named.size() > NAMED) {
      int more = named.size() - NAMED;
      named = new ArrayList<>(named.subList(0, NAMED));
      named.add("and " + more + " more");
    }
    return named;
  }

  /**
   * Null for a file molxform writes; else the part of the path that is foreign: the file, or the
   * first folder molxform would not make (with a trailing {@code /}). {@code products/} holds
   * {@code transform=NAME/} folders of {@code .parquet} files; {@code rejects/} holds
   * {@code .parquet} files.
   */
  static String foreignPart(String path) {
    String[] parts = path.split("/");
    String top = parts[0];
    if (parts.length == 1) {
      boolean ours = top.equals(Manifest.FILE_NAME) || top.equals(Manifest.FILE_NAME + ".tmp")
          || top.equals(OutputClaim.FILE_NAME) || top.equals(OutputFormats.REPORT_FILE)
          || top.startsWith(PROBE);
      return ours ? null : top;
    }
    if (top.startsWith(Manifest.TEMP_PREFIX)) {
      return null;
    }
    if (top.equals(OutputFormats.REJECTS_DIR)) {
      return parts.length == 2 && parts[1].endsWith(".parquet") ? null
          : parts.length == 2 ? path : top + "/" + parts[1] + "/";
    }
    if (top.equals(OutputFormats.PRODUCTS_DIR)) {
      if (parts.length == 2) {
        return path;
      }
      if (!parts[1].startsWith(OutputFormats.TRANSFORM_PARTITION)) {
        return top + "/" + parts[1] + "/";
      }
      return parts.length == 3 && parts[2].endsWith(".parquet") ? null
          : parts.length == 3 ? path : top + "/" + parts[1] + "/" + parts[2] + "/";
    }
    return top + "/";
  }

  /**
   * A finished output, or one a run left: its manifest, the manifest it was writing, a
   * temporary folder or a claim.
   */
  private static boolean isMolxformOutput(List<String> relativeFiles) {
    return relativeFiles.stream().anyMatch(p -> p.equals(Manifest.FILE_NAME)
        || p.equals(Manifest.FILE_NAME + ".tmp") || p.equals(OutputClaim.FILE_NAME)
        || p.startsWith(Manifest.TEMP_PREFIX));
  }
}
