package io.molxform.tools;

import io.molxform.storage.Storage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * A generated library as files {@code part-NNNNN.parquet} (or {@code .tsv}) with columns
 * {@code id}, {@code smiles} and {@code scaffold}, written streaming, in memory that does not
 * grow with the number of rows.
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

  /** Writes {@code rows} rows of {@code generator} into {@code files} files in {@code dir}. */
  public static Written write(LibraryGenerator generator, String dir, long rows, int files,
      boolean tsv, PrintStream progress) {
    long written = 0;
    long hydroxyls = 0;
    long invalid = 0;
    int digits = Math.max(8, Long.toString(rows).length());
    try {
      for (int file = 0; file < files; file++) {
        long end = rows * (file + 1) / files;
        if (tsv) {
          String path = Storage.resolve(dir, String.format("part-%05d.tsv", file));
          try (var writer = new BufferedWriter(new OutputStreamWriter(
              Storage.create(path, MimeTypes.TEXT), StandardCharsets.UTF_8))) {
            writer.write("id\tsmiles\tscaffold\n");
            for (; written < end; written++) {
              LibraryGenerator.Row row = generator.next();
              writer.write(String.format("GEN%0" + digits + "d", written) + "\t"
                  + (row.smiles() == null ? "\\N" : row.smiles()) + "\t" + row.scaffold() + "\n");
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
