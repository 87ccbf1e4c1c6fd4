package io.molxform.output.format;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.molxform.beam.Tally;
import io.molxform.chem.KeepFragment;
import io.molxform.chem.SiteMode;
import io.molxform.chem.TransformSpec;
import io.molxform.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * {@code _MANIFEST.json}: the commit marker of an output directory and its description, and the
 * one place its field names are spelled (each record component is a field, in snake_case).
 *
 * <p>The launcher fills in what it knows before the run ({@link #started}); the finalize step
 * adds the counts, the files and the end time ({@link #finished}) and writes it last, through a
 * temporary name and a rename. A directory without it is not a finished output; everything that
 * reads an output ({@code verify}, {@code inspect}, the run's summary) reads it through
 * {@link #read}.
 */
public record Manifest(
    String runId,
    String started,
    Versions versions,
    Map<String, Object> options,
    Input input,
    List<TransformEntry> transforms,
    String catalog,
    String format,
    String finished,
    Counts counts,
    List<Unreadable> unreadable,
    List<FileEntry> files) {
  public static final String FILE_NAME = "_MANIFEST.json";
  public static final String FORMAT = "molxform-output/1";
  /** The prefix of the run's temporary folder inside the output directory. */
  public static final String TEMP_PREFIX = ".molxform-temp-";

  /**
   * Absent fields are left out (a reject file has no transform; the launcher's part has no
   * counts); unknown fields are read past, so that an older molxform can still verify a newer
   * output.
   */
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The versions of what made the output. */
  public record Versions(String molxform, String beam, String cdk, String java) {}

  /** The library read, as inspected before the run. */
  public record Input(String glob, long rowsToRead, List<InputFile> files) {}

  public record InputFile(String path, long rows, long bytes) {}

  /** A catalog entry as the run used it. */
  public record TransformEntry(String name, String smirks, String sites, int maxSites,
      int maxProductsPerMolecule, String keepFragment, String reagents) {

    public static TransformEntry of(TransformSpec spec) {
      return new TransformEntry(spec.name(), spec.smirks(), spec.sites().yamlName(),
          spec.maxSites(), spec.maxProductsPerMolecule(), spec.keepFragmentSpelling(),
          spec.reagents());
    }

    /** The entry as the chemistry takes it, to apply it again (drawings of an output). */
    public TransformSpec toSpec() {
      KeepFragment.Spelled keep = KeepFragment.parse(keepFragment);
      return new TransformSpec(name, "", smirks, SiteMode.parse(sites), maxSites,
          maxProductsPerMolecule, keep.rule(), keep.mapIndex(), reagents);
    }
  }

  /** The run's accounting: rows read once for all transforms, then per transform. */
  public record Counts(long rowsRead, long rejectRowsWritten,
      Map<String, TransformCounts> transforms) {}

  /**
   * The accounting of one transform, from the run's {@link Tally} sums and the rows written. The
   * identity it proves: every row read is exactly one of with products, no site, no change or
   * rejected ({@link #accountingBalances}); every candidate was written, found in the input or
   * removed as a duplicate ({@link #productsUnaccounted}), each of those counted where it
   * happened, so that a product lost on its way shows.
   */
  public record TransformCounts(
      long rowsRead,
      long rowsWithProducts,
      long rowsNoSite,
      long rowsNoChange,
      long rowsRejected,
      Map<String, Long> rowsRejectedByReason,
      long productRejects,
      Map<String, Long> productRejectsByReason,
      long rowsTruncated,
      long candidates,
      Map<String, Long> productsPerParent,
      long duplicatesRemoved,
      long productsInInput,
      long productsWritten,
      boolean accountingBalances,
      long reagentsRead,
      long reagentsRejected,
      Map<String, Long> reagentsRejectedByReason,
      long pairsTried,
      long pairsWithProducts) {

    public static TransformCounts of(String transform, Map<String, Long> tallies,
        long productsWritten) {
      Map<String, Long> rejected = byReason(tallies, Tally.key(transform, Tally.REJECTED) + "|");
      Map<String, Long> productRejected =
          byReason(tallies, Tally.key(transform, Tally.PRODUCT_REJECTED) + "|");
      Map<String, Long> reagentsRejected =
          byReason(tallies, Tally.key(transform, Tally.REAGENT_REJECTED) + "|");
      long rowsRead = tallies.getOrDefault(Tally.ROWS_READ, 0L);
      long withProducts = tallies.getOrDefault(Tally.key(transform, Tally.WITH_PRODUCTS), 0L);
      long noSite = tallies.getOrDefault(Tally.key(transform, Tally.NO_SITE), 0L);
      long noChange = tallies.getOrDefault(Tally.key(transform, Tally.NO_CHANGE), 0L);
      long rowsRejected = sum(rejected);
      long candidates = tallies.getOrDefault(Tally.key(transform, Tally.CANDIDATES), 0L);
      long inInput = tallies.getOrDefault(Tally.key(transform, Tally.IN_INPUT), 0L);
      // Counted by the dedup as it removed them; for Bloom dedup, with its false positives.
      long duplicates = tallies.getOrDefault(Tally.key(transform, Tally.DUPLICATES), 0L);
      return new TransformCounts(rowsRead, withProducts, noSite, noChange, rowsRejected,
          rejected, sum(productRejected), productRejected,
          tallies.getOrDefault(Tally.key(transform, Tally.TRUNCATED), 0L), candidates,
          productsPerParent(tallies, transform), duplicates, inInput,
          productsWritten,
          withProducts + noSite + noChange + rowsRejected == rowsRead,
          tallies.getOrDefault(Tally.key(transform, Tally.REAGENTS_READ), 0L),
          sum(reagentsRejected), reagentsRejected,
          tallies.getOrDefault(Tally.key(transform, Tally.PAIRS_TRIED), 0L),
          tallies.getOrDefault(Tally.key(transform, Tally.PAIRS_WITH_PRODUCTS), 0L));
    }

    /**
     * Candidates that are neither written, nor in the input, nor removed as duplicates, each term
     * counted where it happened (the chemistry, the dedup, the writers, the shards' rows): must
     * be 0. Negative when more was written than made.
     */
    @JsonIgnore
    public long productsUnaccounted() {
      return candidates - duplicatesRemoved - productsInInput - productsWritten;
    }

    /** Rows the accounting places: must equal {@link #rowsRead()}. */
    @JsonIgnore
    public long rowsAccounted() {
      return rowsWithProducts + rowsNoSite + rowsNoChange + rowsRejected;
    }

    /** Rows with products by how many products each made, in the order of that number. */
    private static Map<String, Long> productsPerParent(Map<String, Long> tallies,
        String transform) {
      Map<Integer, Long> byCount = new TreeMap<>();
      byReason(tallies, Tally.key(transform, Tally.PRODUCTS_PER_PARENT) + "|")
          .forEach((products, rows) -> byCount.put(Integer.valueOf(products), rows));
      Map<String, Long> ordered = new LinkedHashMap<>();
      byCount.forEach((products, rows) -> ordered.put(products.toString(), rows));
      return ordered;
    }

    private static Map<String, Long> byReason(Map<String, Long> tallies, String prefix) {
      Map<String, Long> reasons = new TreeMap<>();
      tallies.forEach((key, count) -> {
        if (key.startsWith(prefix)) {
          reasons.put(key.substring(prefix.length()), count);
        }
      });
      return reasons;
    }

    private static long sum(Map<String, Long> counts) {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** A stretch of input skipped under {@code --skipUnreadableRowGroups}: where, and its rows. */
  public record Unreadable(String where, long rows) {}

  /**
   * One file of a finished output, by its path relative to the output directory; {@code kind}
   * is its folder ({@code products} or {@code rejects}) or {@code report} for the run report
   * ({@code rows} 0), {@code transform} null but for products.
   */
  public record FileEntry(String path, String kind, String transform, long rows, long bytes) {
    public static final String REPORT = "report";

    @JsonIgnore
    public boolean isProducts() {
      return OutputFormats.PRODUCTS_DIR.equals(kind);
    }

    @JsonIgnore
    public boolean isRejects() {
      return OutputFormats.REJECTS_DIR.equals(kind);
    }

    @JsonIgnore
    public boolean isReport() {
      return REPORT.equals(kind);
    }
  }

  /** What the launcher knows before the run; the finalize step adds the rest. */
  public static Manifest started(String runId, String started, Versions versions,
      Map<String, Object> options, Input input, List<TransformEntry> transforms,
      String catalog) {
    return new Manifest(runId, started, versions, options, input, transforms, catalog, null,
        null, null, null, null);
  }

  /** This run description completed with its outcome: the manifest of a finished output. */
  public Manifest finished(String finished, Counts counts, List<Unreadable> unreadable,
      List<FileEntry> files) {
    return new Manifest(runId, started, versions, options, input, transforms, catalog, FORMAT,
        finished, counts, List.copyOf(unreadable), List.copyOf(files));
  }

  /** An option as the run recorded it (a string, number, boolean or list); null if absent. */
  public Object option(String name) {
    return options == null ? null : options.get(name);
  }

  /** A list option ({@code keepColumns}); empty if absent. */
  public List<String> listOption(String name) {
    List<String> values = new ArrayList<>();
    if (option(name) instanceof List<?> list) {
      list.forEach(value -> values.add(String.valueOf(value)));
    }
    return values;
  }

  /** The stretches skipped under {@code --skipUnreadableRowGroups}, from the run's tallies. */
  public static List<Unreadable> unreadable(Map<String, Long> tallies) {
    List<Unreadable> skipped = new ArrayList<>();
    new TreeMap<>(tallies).forEach((key, rows) -> {
      if (key.startsWith(Tally.UNREADABLE_PREFIX)) {
        skipped.add(new Unreadable(key.substring(Tally.UNREADABLE_PREFIX.length()), rows));
      }
    });
    return skipped;
  }

  /** Per-transform counts in the order the run listed its transforms. */
  public static Counts counts(List<String> transforms, Map<String, Long> tallies,
      Map<String, Long> productsWritten, long rejectRowsWritten) {
    Map<String, TransformCounts> perTransform = new LinkedHashMap<>();
    for (String transform : transforms) {
      perTransform.put(transform, TransformCounts.of(transform, tallies,
          productsWritten.getOrDefault(transform, 0L)));
    }
    return new Counts(tallies.getOrDefault(Tally.ROWS_READ, 0L), rejectRowsWritten,
        perTransform);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the manifest as JSON", e);
    }
  }

  public static Manifest fromJson(String json) {
    try {
      return JSON.readValue(json, Manifest.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a molxform manifest: " + e.getMessage(), e);
    }
  }

  public static ResourceId directory(String output) {
    return FileSystems.matchNewResource(output, true);
  }

  public static ResourceId file(String output) {
    return directory(output).resolve(FILE_NAME, ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
  }

  /** Reads the manifest of an output directory; null when there is none. */
  public static Manifest read(String output) throws IOException {
    ResourceId file = file(output);
    if (!Storage.exists(file.toString())) {
      return null;
    }
    try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
      return JSON.readValue(in, Manifest.class);
    }
  }

  /** Writes the manifest atomically: a temporary file, then a rename over the final name. */
  public void write(String output) throws IOException {
    ResourceId target = file(output);
    ResourceId temp = directory(output).resolve(FILE_NAME + ".tmp",
        ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
    // Bytes first: Jackson closes the stream it writes to, and Beam's S3 channel fails when
    // closed twice.
    Storage.write(temp.toString(), JSON.writeValueAsBytes(this));
    FileSystems.rename(List.of(temp), List.of(target));
  }
}
