package io.molxform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/** Small Parquet libraries for tests, and DuckDB as an independent reader of outputs. */
public final class TestLibraries {
  public static final Path POLYPHENOLS = Path.of("../testdata/polyphenols.parquet");

  private TestLibraries() {}

  /** Writes a library with string columns named by {@code columns}; a null cell stays null. */
  public static Path write(Path file, List<String> columns, List<String[]> rows) throws IOException {
    SchemaBuilder.FieldAssembler<Schema> fields =
        SchemaBuilder.record("Molecule").namespace("test").fields();
    for (String column : columns) {
      fields = fields.optionalString(column);
    }
    Schema schema = fields.endRecord();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Configuration conf = new Configuration(false);
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
            HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))
        .withSchema(schema)
        .withConf(conf)
        .build()) {
      for (String[] row : rows) {
        GenericRecord record = new GenericData.Record(schema);
        for (int i = 0; i < columns.size(); i++) {
          record.put(columns.get(i), row[i]);
        }
        writer.write(record);
      }
    }
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    return file;
  }

  /** Runs a query in an in-memory DuckDB and returns its rows as column-to-value maps. */
  public static List<Map<String, Object>> duckdb(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnName(i), result.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** About 19,000 distinct dialkyl resorcinols: enough work to catch the run while it writes. */
  public static Path dialkylResorcinols(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (int a = 1; a <= 140; a++) {
      for (int b = 1; a + b <= 140; b++) {
        rows.add(new String[] {"R" + a + "-" + b,
            "Oc1c(" + "C".repeat(a) + ")cc(" + "C".repeat(b) + ")cc1O"});
      }
    }
    return write(file, List.of("id", "smiles"), rows);
  }

  /** The input's SMILES by id, from the text twin of the test library. */
  public static Map<String, String> polyphenolSmiles() throws IOException {
    Map<String, String> smiles = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("../testdata/polyphenols.tsv"))) {
      String[] f = line.split("\t", -1);
      if (!f[0].equals("id")) {
        smiles.put(f[0], f[4].equals("\\N") ? null : f[4]);
      }
    }
    return smiles;
  }
}
