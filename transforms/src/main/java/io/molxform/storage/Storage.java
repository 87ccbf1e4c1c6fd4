package io.molxform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Files and folders of an output or a library, on any filesystem Beam knows: local disk,
 * {@code s3://}, {@code hdfs://}. One code path serves them all, so it speaks only Beam's
 * {@link FileSystems}: a folder is a prefix that ends with {@code /}, and what a folder holds is
 * the files listed under it (object stores have no folders; local disk and HDFS keep empty ones,
 * which hold nothing and are removed where a run removes its own).
 *
 * <p>The filesystems must be registered first ({@code FileSystems.setDefaultPipelineOptions}),
 * with the options that reach the store (endpoint, region, credentials, HDFS configuration).
 */
public final class Storage {
  private Storage() {}

  /** Whether {@code path} names a URI of another filesystem ({@code s3://}, {@code hdfs://}). */
  public static boolean hasScheme(String path) {
    return path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  }

  /** A local path made absolute and normalized, so that workers elsewhere find it; URIs as given. */
  public static String absolute(String path) {
    if (path.startsWith("file:")) {
      return Path.of(java.net.URI.create(path)).toAbsolutePath().normalize().toString();
    }
    return hasScheme(path) ? path : Path.of(path).toAbsolutePath().normalize().toString();
  }

  /** {@code path} as a folder: absolute, ending with {@code /}. */
  public static String folder(String path) {
    String absolute = absolute(path);
    return absolute.endsWith("/") ? absolute : absolute + "/";
  }

  /** {@code path} as a file: absolute, without a trailing {@code /}. */
  public static String file(String path) {
    String absolute = absolute(path);
    return absolute.endsWith("/") && absolute.length() > 1
        ? absolute.substring(0, absolute.length() - 1) : absolute;
  }

  public static ResourceId fileResource(String path) {
    return FileSystems.matchNewResource(file(path), false);
  }

  /** The file {@code relative} (slash-separated) inside {@code folder}. */
  public static String resolve(String folder, String relative) {
    return folder(folder) + relative;
  }

  /** Every file under {@code folder}, at any depth, sorted by path; empty when there is none. */
  public static List<MatchResult.Metadata> filesUnder(String folder) throws IOException {
    String root = folder(folder);
    // Beam's HDFS filesystem reads FOLDER/** as FOLDER/*/** and misses the files right in
    // FOLDER; FOLDER** (the folder and its siblings that begin alike) finds them, and the
    // siblings are dropped below.
    String spec = root.startsWith("hdfs:")
        ? root.substring(0, root.length() - 1) + "**" : root + "**";
    MatchResult result = FileSystems.match(spec, EmptyMatchTreatment.ALLOW);
    if (result.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    List<MatchResult.Metadata> files = new ArrayList<>();
    for (MatchResult.Metadata file : result.metadata()) {
      if (file.resourceId().toString().startsWith(root)) {
        files.add(file);
      }
    }
    files.sort(Comparator.comparing(m -> m.resourceId().toString()));
    return files;
  }

  /** The path of {@code file} relative to {@code folder}, slash-separated. */
  public static String relative(String folder, ResourceId file) {
    String root = folder(folder);
    String path = file.toString();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException(path + " is not under " + root);
    }
    return path.substring(root.length());
  }

  /** The file's metadata (size among it), or empty when there is no such file. */
  public static Optional<MatchResult.Metadata> find(String file) throws IOException {
    MatchResult result = FileSystems.match(file(file), EmptyMatchTreatment.ALLOW);
    if (result.status() != MatchResult.Status.OK) {
      return Optional.empty();
    }
    Optional<MatchResult.Metadata> found = result.metadata().stream()
        .filter(m -> !m.resourceId().isDirectory())
        .filter(m -> m.resourceId().toString().equals(file(file)))
        .findFirst();
    // HDFS matches a folder as a file of no bytes; a folder holds files.
    if (found.isPresent() && found.get().sizeBytes() == 0 && !filesUnder(file).isEmpty()) {
      return Optional.empty();
    }
    return found;
  }

  public static boolean exists(String file) throws IOException {
    return find(file).isPresent();
  }

  public static InputStream open(String file) throws IOException {
    return Channels.newInputStream(FileSystems.open(fileResource(file)));
  }

  /** A new file (or a replaced one); object stores publish it whole when it is closed. */
  public static OutputStream create(String file, String mimeType) throws IOException {
    return Channels.newOutputStream(FileSystems.create(fileResource(file), mimeType));
  }

  /**
   * Closes a channel that its writer may have closed already (a Parquet writer closes its
   * stream): Beam's S3 channel completes its upload on every close and fails on the second.
   */
  public static void closeOnce(WritableByteChannel channel) throws IOException {
    if (channel.isOpen()) {
      channel.close();
    }
  }

  public static void write(String file, byte[] bytes) throws IOException {
    try (OutputStream out = create(file, MimeTypes.BINARY)) {
      out.write(bytes);
    }
  }

  /**
   * Creates an empty {@code file} unless it exists; true when this call created it. Atomic on
   * local disk; elsewhere a look and a write, which two callers at once may both pass.
   */
  public static boolean createIfAbsent(String file) throws IOException {
    if (!hasScheme(file)) {
      Path path = Path.of(file);
      Files.createDirectories(path.getParent());
      try {
        Files.createFile(path);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    if (exists(file)) {
      return false;
    }
    write(file, new byte[0]);
    return true;
  }

  public static byte[] read(String file) throws IOException {
    try (InputStream in = open(file)) {
      return in.readAllBytes();
    }
  }

  /**
   * Deletes files; one already gone is fine on every filesystem Beam has (local disk and HDFS
   * skip it, S3 deletes keys whether present or not), so no match per file first.
   */
  public static void delete(List<ResourceId> files) throws IOException {
    if (!files.isEmpty()) {
      FileSystems.delete(files);
    }
  }

  /**
   * Deletes the files under {@code folder} but those in {@code keep}, then the folders that held
   * them (deepest first) where the filesystem has folders, and {@code folder} itself unless a
   * kept file lies in it. A folder that still holds something (an empty folder no file named) is
   * left; it holds no data.
   */
  public static void deleteTree(String folder, List<String> keep) throws IOException {
    String root = folder(folder);
    List<ResourceId> files = new ArrayList<>();
    TreeSet<String> folders = new TreeSet<>(Comparator.reverseOrder());
    for (MatchResult.Metadata file : filesUnder(root)) {
      String path = file.resourceId().toString();
      if (keep.contains(path)) {
        continue;
      }
      files.add(file.resourceId());
      for (int slash = path.lastIndexOf('/'); slash > root.length() - 1;
          slash = path.lastIndexOf('/', slash - 1)) {
        folders.add(path.substring(0, slash + 1));
      }
    }
    delete(files);
    if (keep.isEmpty()) {
      folders.add(root);
    }
    for (String empty : folders) {
      deleteFolder(empty);
    }
  }

  /** Removes an empty folder where folders exist (local disk, HDFS); nothing on object stores. */
  private static void deleteFolder(String folder) {
    ResourceId id = FileSystems.matchNewResource(folder, true);
    if (!"file".equals(id.getScheme()) && !"hdfs".equals(id.getScheme())) {
      return;
    }
    try {
      FileSystems.delete(List.of(id));
    } catch (IOException | RuntimeException e) {
      // Still holds an empty folder of its own, or is gone: it holds no data either way.
    }
  }
}
