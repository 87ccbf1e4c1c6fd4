package io.molxform.output;

import io.molxform.beam.read.BeamInputFile;
import io.molxform.chem.Messages;
import io.molxform.chem.ReasonCode;
import io.molxform.chem.Stage;
import io.molxform.output.format.Manifest;
import io.molxform.output.format.OutputFormats;
import io.molxform.storage.Storage;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Checks a finished output against its manifest: the manifest exists; every file it lists exists
 * with its size, a valid Parquet footer, its row count and the documented schema; no other file
 * is there; the accounting balances, also against the reject rows themselves; and, where the
 * dedup mode promises it, no product appears twice within a transform.
 *
 * <p>The duplicate scan works on outputs larger than memory: products are spilled to disk in hash
 * partitions sized so that one partition's keys fit in memory, then each partition is checked.
 */
public final class OutputVerifier {
  /** Products per spilled partition: the most keys held in memory at once. */
  static final long KEYS_PER_PARTITION = 2_000_000;

  private final String output;
  private final boolean quick;
  /** Every file under the output, by its path relative to it: one listing serves every check. */
  private final Map<String, MatchResult.Metadata> present = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** An output folder on any filesystem Beam knows: local disk, {@code s3://}, {@code hdfs://}. */
  public OutputVerifier(String output, boolean quick) {
    this.output = Storage.folder(output);
    this.quick = quick;
  }

  /** The problems found; empty when the output is valid. */
  public List<String> verify() throws IOException {
    for (MatchResult.Metadata file : Storage.filesUnder(output)) {
      present.put(Storage.relative(output, file.resourceId()), file);
    }
    if (present.isEmpty()) {
      problems.add(Storage.exists(output) ? output + " is a file, not an output folder"
          : "no output at " + output + " (nothing there)");
      return problems;
    }
    Optional<String> writer = OutputClaim.writer(output);
    if (writer.isPresent()) {
      problems.add("in progress: " + output + " is being written by " + writer.get()
          + "; verify it when that run has ended");
      return problems;
    }
    Manifest manifest = Manifest.read(output);
    if (manifest == null) {
      problems.add("incomplete: " + output + " has no " + Manifest.FILE_NAME
          + ", so it is not a finished output (the run was interrupted, failed or is still"
          + " going); run again with --overwrite");
      return problems;
    }
    if (!Manifest.FORMAT.equals(manifest.format())) {
      problems.add("unknown manifest format '" + manifest.format() + "'");
      return problems;
    }
    if (manifest.counts() == null || manifest.files() == null) {
      problems.add(Manifest.FILE_NAME + " lacks its counts or its file list");
      return problems;
    }
    List<String> carried = manifest.listOption("keepColumns");

    Set<String> listed = new TreeSet<>();
    Map<String, Long> productRows = new HashMap<>();
    long rejectRows = 0;
    List<MatchResult.Metadata> productFiles = new ArrayList<>();
    List<MatchResult.Metadata> rejectFiles = new ArrayList<>();
    for (Manifest.FileEntry file : manifest.files()) {
      String relative = file.path();
      listed.add(relative);
      MatchResult.Metadata path = present.get(relative);
      if (path == null) {
        problems.add(relative + ": listed in the manifest but missing");
        continue;
      }
      if (file.isReport()) {
        checkReport(relative, path, file.bytes());
        continue;
      }
      boolean products = file.isProducts();
      List<String> columns = products ? productColumns(carried) : OutputFormats.REJECT_COLUMNS;
      Long rows = checkFile(relative, path, file.rows(), file.bytes(), columns);
      if (rows == null) {
        continue;
      }
      if (products) {
        String transform = file.transform();
        if (!relative.startsWith(OutputFormats.productsDestination(transform) + "/")) {
          problems.add(relative + ": listed for transform " + transform
              + " but not in its partition");
        }
        productRows.merge(transform, rows, Long::sum);
        productFiles.add(path);
      } else {
        rejectRows += rows;
        rejectFiles.add(path);
      }
    }
    checkNothingUnlisted(listed);
    checkAccounting(manifest.counts(), productRows, rejectRows);
    if (!quick) {
      checkRejectsAgainstCounts(manifest.counts(), rejectFiles);
      if ("none".equals(String.valueOf(manifest.option("dedup")))) {
        notes.add("no duplicate scan: the output was written with --dedup=none");
      } else {
        checkNoDuplicates(productFiles, productRows.values().stream()
            .mapToLong(Long::longValue).sum());
      }
    }
    return problems;
  }

  public List<String> notes() {
    return notes;
  }

  static List<String> productColumns(List<String> carried) {
    List<String> columns = new ArrayList<>(OutputFormats.PRODUCT_COLUMNS);
    columns.addAll(carried);
    return columns;
  }

  /** The run report: present, of the size listed, an HTML page. */
  private void checkReport(String relative, MatchResult.Metadata path, long bytes)
      throws IOException {
    long size = path.sizeBytes();
    if (size != bytes) {
      problems.add(relative + ": " + size + " bytes, the manifest says " + bytes);
    }
    byte[] start = new byte[15];
    try (InputStream in = Storage.open(path.resourceId().toString())) {
      int read = in.readNBytes(start, 0, start.length);
      if (!new String(start, 0, read, StandardCharsets.US_ASCII).equals("<!DOCTYPE html>")) {
        problems.add(relative + ": not an HTML page");
      }
    }
  }

  /** Checks one listed file; returns its row count from the footer, or null when unreadable. */
  private Long checkFile(String relative, MatchResult.Metadata path, long rows, long bytes,
      List<String> columns) {
    long size = path.sizeBytes();
    if (size != bytes) {
      problems.add(relative + ": " + size + " bytes, the manifest says " + bytes);
    }
    ParquetMetadata footer;
    try (ParquetFileReader reader = ParquetFileReader.open(BeamInputFile.of(path))) {
      footer = reader.getFooter();
    } catch (IOException | RuntimeException e) {
      problems.add(relative + ": not a valid Parquet file (" + Messages.firstLine(
          String.valueOf(e.getMessage())) + ")");
      return null;
    }
    long footerRows = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
    if (footerRows != rows) {
      problems.add(relative + ": " + footerRows + " rows, the manifest says " + rows);
    }
    MessageType schema = footer.getFileMetaData().getSchema();
    List<String> actual = schema.getFields().stream().map(Type::getName).toList();
    if (!actual.equals(columns)) {
      problems.add(relative + ": columns " + actual + ", expected " + columns);
    }
    return footerRows;
  }

  private void checkNothingUnlisted(Set<String> listed) throws IOException {
    OutputClaim.Holder holder = present.containsKey(OutputClaim.FILE_NAME)
        ? OutputClaim.read(Storage.resolve(output, OutputClaim.FILE_NAME)) : null;
    if (holder != null) {
      problems.add("claimed by " + holder.describe() + ": that run is still finishing, or was "
          + "killed before it released the output");
    }
    present.keySet().stream()
        .filter(p -> !p.equals(Manifest.FILE_NAME) && !p.equals(OutputClaim.FILE_NAME))
        .filter(p -> !listed.contains(p))
        .forEach(p -> problems.add(p + ": present but not listed in the manifest"));
  }

  private void checkAccounting(Manifest.Counts counts, Map<String, Long> productRows,
      long rejectRows) {
    long rowsRead = counts.rowsRead();
    long expectedRejectRows = 0;
    for (Map.Entry<String, Manifest.TransformCounts> entry : counts.transforms().entrySet()) {
      String name = entry.getKey();
      Manifest.TransformCounts t = entry.getValue();
      long accounted = t.rowsAccounted();
      if (accounted != rowsRead) {
        problems.add(name + ": accounting does not balance: " + rowsRead + " rows read, but "
            + accounted + " with products, no site, no change or rejected");
      }
      if (t.productsUnaccounted() != 0) {
        problems.add(String.format(Locale.ROOT, "%s: products do not balance: %,d candidates, but"
            + " %,d duplicates removed, %,d in the input and %,d written", name, t.candidates(),
            t.duplicatesRemoved(), t.productsInInput(), t.productsWritten()));
      }
      long written = productRows.getOrDefault(name, 0L);
      if (t.productsWritten() != written) {
        problems.add(name + ": the manifest counts " + t.productsWritten()
            + " products written, its files hold " + written);
      }
      expectedRejectRows += t.rowsRejected() + t.productRejects() + t.reagentsRejected();
    }
    if (expectedRejectRows != rejectRows
        || counts.rejectRowsWritten() != rejectRows) {
      problems.add("reject files hold " + rejectRows + " rows; the counts say "
          + expectedRejectRows + " (rejected rows and products) and "
          + counts.rejectRowsWritten() + " written");
    }
  }

  /** Recounts rejected rows and products per transform from the reject rows themselves. */
  private void checkRejectsAgainstCounts(Manifest.Counts counts,
      List<MatchResult.Metadata> rejectFiles)
      throws IOException {
    Map<String, Long> rowLevel = new HashMap<>();
    Map<String, Long> productLevel = new HashMap<>();
    Map<String, Long> reagentLevel = new HashMap<>();
    for (MatchResult.Metadata file : rejectFiles) {
      try (ParquetReader<GenericRecord> reader = reader(file, "transform", "reason_code")) {
        for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
          String transform = String.valueOf(r.get("transform"));
          ReasonCode code = ReasonCode.valueOf(String.valueOf(r.get("reason_code")));
          boolean single = code.stage() == Stage.PRODUCT && code != ReasonCode.NO_VALID_PRODUCT;
          (code.stage() == Stage.REAGENT ? reagentLevel : single ? productLevel : rowLevel)
              .merge(transform, 1L, Long::sum);
        }
      }
    }
    for (Map.Entry<String, Manifest.TransformCounts> entry : counts.transforms().entrySet()) {
      long rows = entry.getValue().rowsRejected();
      long products = entry.getValue().productRejects();
      if (rowLevel.getOrDefault(entry.getKey(), 0L) != rows
          || productLevel.getOrDefault(entry.getKey(), 0L) != products) {
        problems.add(entry.getKey() + ": reject rows say " + rowLevel.getOrDefault(entry.getKey(),
            0L) + " rejected rows and " + productLevel.getOrDefault(entry.getKey(), 0L)
            + " rejected products; the counts say " + rows + " and " + products);
      }
      long reagents = entry.getValue().reagentsRejected();
      if (reagentLevel.getOrDefault(entry.getKey(), 0L) != reagents) {
        problems.add(entry.getKey() + ": reject rows say " + reagentLevel.getOrDefault(
            entry.getKey(), 0L) + " rejected reagents; the counts say " + reagents);
      }
    }
  }

  /**
   * Finds products that occur twice within a transform, in bounded memory: keys are spilled into
   * hash partitions on disk, then each partition is checked with a set.
   */
  private void checkNoDuplicates(List<MatchResult.Metadata> productFiles, long totalRows)
      throws IOException {
    int partitions = (int) Math.max(1, (totalRows + KEYS_PER_PARTITION - 1) / KEYS_PER_PARTITION);
    Path spill = Files.createTempDirectory("molxform-verify");
    try {
      List<BufferedWriter> writers = new ArrayList<>();
      try {
        for (int i = 0; i < partitions; i++) {
          writers.add(Files.newBufferedWriter(spill.resolve("p" + i), StandardCharsets.UTF_8));
        }
        for (MatchResult.Metadata file : productFiles) {
          try (ParquetReader<GenericRecord> reader =
              reader(file, "product_smiles", "transform")) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
              String key = r.get("transform") + "\t" + r.get("product_smiles");
              writers.get(Math.floorMod(key.hashCode(), partitions)).write(key + "\n");
            }
          }
        }
      } finally {
        closeAll(writers);
      }
      long duplicates = 0;
      List<String> examples = new ArrayList<>();
      for (int i = 0; i < partitions; i++) {
        Set<String> seen = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(spill.resolve("p" + i))) {
          for (String key = in.readLine(); key != null; key = in.readLine()) {
            if (!seen.add(key)) {
              duplicates++;
              if (examples.size() < 5) {
                examples.add(key.replace('\t', ' '));
              }
            }
          }
        }
      }
      if (duplicates > 0) {
        problems.add(duplicates + " duplicated products within a transform, e.g. "
            + String.join("; ", examples));
      }
    } finally {
      try (Stream<Path> files = Files.walk(spill)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Closes every writer, those opened before one that failed to open or to close too. */
  private static void closeAll(List<BufferedWriter> writers) throws IOException {
    IOException first = null;
    for (BufferedWriter writer : writers) {
      try {
        writer.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static ParquetReader<GenericRecord> reader(MatchResult.Metadata file,
      String... columns)
      throws IOException {
    Configuration conf = new Configuration(false);
    Schema projection = org.apache.avro.SchemaBuilder.record("Projection").fields()
        .optionalString(columns[0]).optionalString(columns[1]).endRecord();
    AvroReadSupport.setRequestedProjection(conf, projection);
    return AvroParquetReader.<GenericRecord>builder(BeamInputFile.of(file)).withConf(conf).build();
  }
}
