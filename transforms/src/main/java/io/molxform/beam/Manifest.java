package io.molxform.beam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * {@code _MANIFEST.json}: the commit marker of an output directory and its description. It is
 * written last, through a temporary name and a rename, and lists every file that belongs to the
 * output; a directory without it is not a finished output.
 */
public final class Manifest {
  public static final String FILE_NAME = "_MANIFEST.json";
  public static final String FORMAT = "molxform-output/1";
  /** The prefix of the run's temporary folder inside the output directory. */
  public static final String TEMP_PREFIX = ".molxform-temp-";

  static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Manifest() {}

  public static ObjectMapper json() {
    return JSON;
  }

  public static ResourceId directory(String output) {
    return FileSystems.matchNewResource(output, true);
  }

  public static ResourceId file(String output) {
    return directory(output).resolve(FILE_NAME, ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
  }

  /** Reads the manifest of an output directory; null when there is none. */
  public static JsonNode read(String output) throws IOException {
    ResourceId file = file(output);
    if (!exists(file)) {
      return null;
    }
    try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
      return JSON.readTree(in);
    }
  }

  static boolean exists(ResourceId file) throws IOException {
    return FileSystems.match(file.toString()).status()
        == org.apache.beam.sdk.io.fs.MatchResult.Status.OK;
  }

  /** Writes the manifest atomically: a temporary file, then a rename over the final name. */
  static void write(String output, JsonNode manifest) throws IOException {
    ResourceId target = file(output);
    ResourceId temp = directory(output).resolve(FILE_NAME + ".tmp",
        ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
    try (WritableByteChannel channel = FileSystems.create(temp, MimeTypes.TEXT);
        OutputStream out = Channels.newOutputStream(channel)) {
      JSON.writeValue(out, manifest);
    }
    FileSystems.rename(List.of(temp), List.of(target));
  }

  /** The counts section: per transform, the accounting and the dedup outcome. */
  static ObjectNode countsNode(List<RunCounts> counts, long rowsRead, long rejectRowsWritten) {
    ObjectNode node = JSON.createObjectNode();
    node.put("rows_read", rowsRead);
    node.put("reject_rows_written", rejectRowsWritten);
    ObjectNode perTransform = node.putObject("transforms");
    for (RunCounts c : counts) {
      ObjectNode t = perTransform.putObject(c.transform());
      t.put("rows_read", c.rowsRead());
      t.put("rows_with_products", c.rowsWithProducts());
      t.put("rows_no_site", c.rowsNoSite());
      t.put("rows_no_change", c.rowsNoChange());
      t.put("rows_rejected", c.rowsRejected());
      putMap(t.putObject("rows_rejected_by_reason"), c.rejectedByReason());
      t.put("product_rejects", c.productRejects());
      putMap(t.putObject("product_rejects_by_reason"), c.productRejectsByReason());
      t.put("rows_truncated", c.rowsTruncated());
      t.put("candidates", c.candidates());
      t.put("duplicates_removed", c.duplicatesRemoved());
      t.put("products_in_input", c.productsInInput());
      t.put("products_written", c.productsWritten());
      t.put("accounting_balances", c.balances());
    }
    return node;
  }

  private static void putMap(ObjectNode node, Map<String, Long> values) {
    values.forEach(node::put);
  }

  /**
   * The stretches of input skipped under {@code --skipUnreadableRowGroups}: where (file, row
   * group, first row lost, why) and how many rows; empty when none.
   */
  static ArrayNode unreadableNode(Map<String, Long> tallies) {
    ArrayNode node = json().createArrayNode();
    new java.util.TreeMap<>(tallies).forEach((key, rows) -> {
      if (key.startsWith(Tally.UNREADABLE_PREFIX)) {
        node.addObject().put("where", key.substring(Tally.UNREADABLE_PREFIX.length()))
            .put("rows", rows);
      }
    });
    return node;
  }

  static ArrayNode shardsNode(List<ShardEntry> shards) {
    ArrayNode array = JSON.createArrayNode();
    for (ShardEntry shard : shards) {
      ObjectNode node = array.addObject();
      node.put("path", shard.path());
      node.put("kind", shard.kind());
      if (shard.transform() != null) {
        node.put("transform", shard.transform());
      }
      node.put("rows", shard.rows());
      node.put("bytes", shard.bytes());
    }
    return array;
  }

  /** One file of a finished output, by its path relative to the output directory. */
  public record ShardEntry(String path, String kind, String transform, long rows, long bytes) {}

  /** Renames with the final names; a retry that finds a file already moved goes on. */
  static void move(List<ResourceId> from, List<ResourceId> to) throws IOException {
    FileSystems.rename(from, to, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
