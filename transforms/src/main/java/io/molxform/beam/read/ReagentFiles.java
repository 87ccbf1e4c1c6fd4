package io.molxform.beam.read;

import io.molxform.beam.MoleculeRow;
import io.molxform.chem.ReagentSet;
import io.molxform.chem.TransformCatalog;
import io.molxform.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.Schema;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Reads a reagent list (building blocks) in the formats a library takes ({@link InputFormat}):
 * a CSV or TSV file with a header, a SMILES or SD file (each optionally compressed), or a
 * Parquet file, local, on any store Beam knows ({@code s3://}, {@code hdfs://}) or shipped
 * inside molxform ({@code classpath:}). Lists are small, so they are read whole, on the client.
 * A reagent without SMILES is kept (its check rejects it with the reason); a file without the
 * SMILES column, or with one id twice, is an {@link InputException}.
 */
public final class ReagentFiles {
  private ReagentFiles() {}

  /**
   * @param idColumn the id column; when the file has none, ids are {@code <file name>:<row>}
   */
  public static List<ReagentSet.Row> read(String path, String idColumn, String smilesColumn) {
    String lower = path.toLowerCase(Locale.ROOT);
    InputFormat format = InputFormat.of(lower, null);
    try {
      List<ReagentSet.Row> rows = format == InputFormat.PARQUET
          ? readParquet(path, idColumn, smilesColumn)
          : format == InputFormat.SMILES || format == InputFormat.SDF
              ? readMolecules(path, idColumn, smilesColumn)
              : readText(path, idColumn, smilesColumn, format == InputFormat.TSV ? '\t' : ',');
      Set<String> ids = new HashSet<>();
      for (ReagentSet.Row row : rows) {
        if (!ids.add(row.id())) {
          throw new InputException("reagent list " + path + " has the id '" + row.id()
              + "' twice; a reagent id names one reagent in every product row");
        }
      }
      return rows;
    } catch (IOException e) {
      throw new InputException("cannot read the reagent list " + path + ": " + e.getMessage(), e);
    }
  }

  private static List<ReagentSet.Row> readText(String path, String idColumn, String smilesColumn,
      char delimiter) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader()
        .setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).get();
    try (InputStream raw = open(path);
        Reader reader = new InputStreamReader(
            path.toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(raw) : raw,
            StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      List<String> header = parser.getHeaderNames();
      if (!header.contains(smilesColumn)) {
        throw new InputException("reagent list " + path + " has no column '" + smilesColumn
            + "' (it has " + header + "); name it with --reagentSmilesColumn");
      }
      boolean hasId = header.contains(idColumn);
      String name = Storage.file(path);
      List<ReagentSet.Row> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        String smiles = record.isSet(smilesColumn) ? record.get(smilesColumn) : null;
        String id = hasId && record.isSet(idColumn) && !record.get(idColumn).isBlank()
            ? record.get(idColumn) : name + ":" + rows.size();
        rows.add(new ReagentSet.Row(id, smiles));
      }
      return rows;
    }
  }

  /** A SMILES or SD file, read as a library is; a record with no molecule has no SMILES. */
  private static List<ReagentSet.Row> readMolecules(String path, String idColumn,
      String smilesColumn) throws IOException {
    if (path.startsWith(TransformCatalog.CLASSPATH)) {
      throw new InputException("reagent list " + path + ": lists inside molxform are CSV");
    }
    Library list = Library.inspect(path, new Library.Columns(smilesColumn, idColumn, false,
        List.of()), 0, null, Library.ROWS_PER_TASK);
    List<ReagentSet.Row> rows = new ArrayList<>();
    for (MoleculeRow row : ((TextLibrary) list).firstRows(Integer.MAX_VALUE)) {
      rows.add(new ReagentSet.Row(row.id(), row.smiles()));
    }
    return rows;
  }

  private static List<ReagentSet.Row> readParquet(String path, String idColumn,
      String smilesColumn) throws IOException {
    MatchResult.Metadata file = Storage.find(path).orElseThrow(
        () -> new InputException("reagent list " + path + " does not exist"));
    List<ReagentSet.Row> rows = new ArrayList<>();
    String name = Storage.file(path);
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
        BeamInputFile.of(file)).build()) {
      for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
        Schema schema = record.getSchema();
        if (schema.getField(smilesColumn) == null) {
          throw new InputException("reagent list " + path + " has no column '" + smilesColumn
              + "' (it has " + schema.getFields().stream().map(Schema.Field::name).toList()
              + "); name it with --reagentSmilesColumn");
        }
        Object smiles = record.get(smilesColumn);
        Object id = schema.getField(idColumn) == null ? null : record.get(idColumn);
        rows.add(new ReagentSet.Row(id == null ? name + ":" + rows.size() : id.toString(),
            smiles == null ? null : smiles.toString()));
      }
    }
    return rows;
  }

  private static InputStream open(String path) throws IOException {
    if (path.startsWith(TransformCatalog.CLASSPATH)) {
      InputStream in = ReagentFiles.class.getResourceAsStream(
          path.substring(TransformCatalog.CLASSPATH.length()));
      if (in == null) {
        throw new InputException("reagent list " + path + " is not inside molxform");
      }
      return in;
    }
    if (!Storage.exists(path)) {
      throw new InputException("reagent list " + path + " does not exist");
    }
    return Storage.open(path);
  }
}
