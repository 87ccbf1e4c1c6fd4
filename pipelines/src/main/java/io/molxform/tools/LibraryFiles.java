package io.molxform.tools;

import io.molxform.storage.Storage;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.PrintStream;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.io.MDLV2000Writer;
import org.openscience.cdk.layout.StructureDiagramGenerator;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

/**
 * A generated library as files {@code part-NNNNN.parquet} (or {@code .tsv}, {@code .smi},
 * {@code .csv}, {@code .sdf}, optionally compressed) with an id, the SMILES and the scaffold,
 * written streaming, in memory that does not grow with the number of rows.
 */
public final class LibraryFiles {
  static final Schema SCHEMA = SchemaBuilder.record("Molecule").namespace("io.molxform")
      .fields()
      .requiredString("id")
      .optionalString("smiles")
      .requiredString("scaffold")
      .endRecord();

  /** What was written: rows, the deliberately invalid ones, and phenolic OH in the valid ones. */
  public record Written(long rows, long invalid, long hydroxyls) {}

  private LibraryFiles() {}

  private static OutputStream compressed(OutputStream out, String compression)
      throws IOException {
    return switch (compression) {
      case ".gz" -> new GZIPOutputStream(out, 1 << 16);
      case ".zst" -> new ZstdOutputStream(out);
      default -> out;
    };
  }

  /** One generated row as a line of TSV, SMILES or CSV, or an SD record. */
  private static final class TextRows {
    private final String format;
    private final SmilesParser parser = new SmilesParser(SilentChemObjectBuilder.getInstance());
    private final StructureDiagramGenerator layout = new StructureDiagramGenerator();

    TextRows(String format) {
      this.format = format;
    }

    String header() {
      return switch (format) {
        case "tsv" -> "id\tsmiles\tscaffold\n";
        case "csv" -> "id,smiles,scaffold\n";
        default -> "";
      };
    }

    String row(String id, LibraryGenerator.Row row) throws IOException {
      String smiles = row.smiles();
      return switch (format) {
        case "tsv" -> id + "\t" + (smiles == null ? "\\N" : smiles) + "\t" + row.scaffold() + "\n";
        case "smi" -> (smiles == null || smiles.isEmpty() ? "" : smiles) + " " + id + "\n";
        case "csv" -> id + "," + (smiles == null ? "" : quoted(smiles)) + ","
            + quoted(row.scaffold()) + "\n";
        case "sdf" -> sdRecord(id, smiles, row.scaffold());
        default -> throw new IllegalArgumentException("no text format " + format);
      };
    }

    private static String quoted(String value) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /**
     * A V2000 record with 2D coordinates and wedges from the CDK's layout; a SMILES the CDK
     * cannot read (the generator's deliberately broken rows) becomes a record with no molfile.
     */
    private String sdRecord(String id, String smiles, String scaffold) throws IOException {
      StringWriter record = new StringWriter();
      try {
        IAtomContainer molecule = parser.parseSmiles(smiles == null ? "" : smiles);
        layout.generateCoordinates(molecule);
        molecule.setTitle(id);
        try (MDLV2000Writer writer = new MDLV2000Writer(record)) {
          writer.write(molecule);
        }
      } catch (CDKException | RuntimeException e) {
        record.getBuffer().setLength(0);
        record.write(id + "\n  broken row of the generator\n\nnot a molfile: " + smiles + "\n");
      }
      return record + "> <scaffold>\n" + scaffold + "\n\n$$$$\n";
    }
  }

  /**
   * Writes {@code rows} rows of {@code generator} into {@code files} files in {@code dir}.
   *
   * @param format parquet, tsv, smi, csv or sdf
   * @param compression for text: "" (none), ".gz" or ".zst"
   */
  public static Written write(LibraryGenerator generator, String dir, long rows, int files,
      String format, String compression, PrintStream progress) {
    long written = 0;
    long hydroxyls = 0;
    long invalid = 0;
    int digits = Math.max(8, Long.toString(rows).length());
    try {
      for (int file = 0; file < files; file++) {
        long end = rows * (file + 1) / files;
        if (!format.equals("parquet")) {
          String path = Storage.resolve(dir,
              String.format("part-%05d.%s%s", file, format, compression));
          TextRows text = new TextRows(format);
          try (var writer = new BufferedWriter(new OutputStreamWriter(
              compressed(Storage.create(path, MimeTypes.BINARY), compression),
              StandardCharsets.UTF_8))) {
            writer.write(text.header());
            for (; written < end; written++) {
              LibraryGenerator.Row row = generator.next();
              writer.write(text.row(String.format("GEN%0" + digits + "d", written), row));
              hydroxyls += row.hydroxyls();
              invalid += row.scaffold().startsWith("broken") ? 1 : 0;
            }
          }
          continue;
        }
        String path = Storage.resolve(dir, String.format("part-%05d.parquet", file));
        ParquetIO.Sink sink = ParquetIO.sink(SCHEMA)
            .withConfiguration(new Configuration(false))
            .withCompressionCodec(CompressionCodecName.ZSTD);
        WritableByteChannel channel = FileSystems.create(Storage.fileResource(path),
            MimeTypes.BINARY);
        try {
          sink.open(channel);
          for (; written < end; written++) {
            LibraryGenerator.Row row = generator.next();
            GenericRecord record = new GenericData.Record(SCHEMA);
            record.put("id", String.format("GEN%0" + digits + "d", written));
            record.put("smiles", row.smiles());
            record.put("scaffold", row.scaffold());
            sink.write(record);
            hydroxyls += row.hydroxyls();
            if (row.scaffold().startsWith("broken")) {
              invalid++;
            }
            if ((written + 1) % 1_000_000 == 0) {
              progress.println(String.format(Locale.ROOT, "[molxform] generated %,d of %,d rows",
                  written + 1, rows));
            }
          }
          sink.flush();
        } finally {
          Storage.closeOnce(channel);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + dir + ": " + e.getMessage(), e);
    }
    return new Written(written, invalid, hydroxyls);
  }
}
