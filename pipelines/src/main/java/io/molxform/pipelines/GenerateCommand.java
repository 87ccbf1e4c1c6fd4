package io.molxform.pipelines;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * {@code molxform generate --rows=N --output=DIR [--files=K] [--seed=S] [--invalidFraction=F]
 * [--hydroxyFraction=H] [--format=parquet|tsv]}: writes a deterministic library of unique
 * natural-product-like molecules as K Parquet (or tab-separated text) files with columns
 * {@code id}, {@code smiles} and {@code scaffold}, streaming, in memory that does not grow with
 * the number of rows. The first N rows of a seed are the same whatever the total.
 */
final class GenerateCommand {
  static final Schema SCHEMA = SchemaBuilder.record("Molecule").namespace("io.molxform")
      .fields()
      .requiredString("id")
      .optionalString("smiles")
      .requiredString("scaffold")
      .endRecord();

  private GenerateCommand() {}

  static int main(String[] args, PrintStream out, PrintStream err) {
    long rows = -1;
    String output = null;
    int files = 1;
    long seed = 1;
    double invalidFraction = 0.01;
    double hydroxyFraction = 0.45;
    boolean overwrite = false;
    boolean tsv = false;
    for (String arg : args) {
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
      switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
        case "--rows" -> rows = Arguments.longValue("--rows", value);
        case "--output" -> output = value;
        case "--files" -> files = Arguments.intValue("--files", value);
        case "--seed" -> seed = Arguments.longValue("--seed", value);
        case "--invalidFraction" -> invalidFraction =
            Arguments.doubleValue("--invalidFraction", value);
        case "--hydroxyFraction" -> hydroxyFraction =
            Arguments.doubleValue("--hydroxyFraction", value);
        case "--overwrite" -> overwrite = true;
        case "--format" -> {
          if (!value.equals("parquet") && !value.equals("tsv")) {
            throw new UsageException("--format must be parquet or tsv");
          }
          tsv = value.equals("tsv");
        }
        default -> throw new UsageException("generate does not know " + arg
            + "; see generate --help");
      }
    }
    if (rows < 1 || output == null || files < 1 || files > rows) {
      throw new UsageException("generate needs --rows=N (N >= 1), --output=DIR and "
          + "1 <= --files <= N");
    }
    Path dir = Path.of(output).toAbsolutePath().normalize();
    prepare(dir, overwrite);
    LibraryGenerator generator = new LibraryGenerator(seed, hydroxyFraction, invalidFraction,
        rows);
    long started = System.nanoTime();
    long written = 0;
    long hydroxyls = 0;
    long invalid = 0;
    int digits = Math.max(8, Long.toString(rows).length());
    try {
      for (int file = 0; file < files; file++) {
        long end = rows * (file + 1) / files;
        if (tsv) {
          Path path = dir.resolve(String.format("part-%05d.tsv", file));
          try (var writer = Files.newBufferedWriter(path)) {
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
        Path path = dir.resolve(String.format("part-%05d.parquet", file));
        ParquetIO.Sink sink = ParquetIO.sink(SCHEMA)
            .withCompressionCodec(CompressionCodecName.ZSTD);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
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
              err.println(String.format(Locale.ROOT, "[molxform] generated %,d of %,d rows",
                  written + 1, rows));
            }
          }
          sink.flush();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + dir + ": " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.println(String.format(Locale.ROOT,
        "generated %,d rows (%,d deliberately invalid, %.2f phenolic OH per valid row) in %d "
            + "file(s) in %s: %.1f s", written, invalid,
        (double) hydroxyls / Math.max(1, written - invalid), files, dir, seconds));
    return Main.OK;
  }

  private static void prepare(Path dir, boolean overwrite) {
    try {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            if (!overwrite) {
              throw new UsageException("output " + dir + " is not empty; pass --overwrite to "
                  + "replace its part-*.parquet files");
            }
          }
        }
        try (Stream<Path> old = Files.list(dir)) {
          for (Path p : old.filter(p -> p.getFileName().toString()
                  .matches("part-\\d+\\.(parquet|tsv)"))
              .toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UsageException("cannot prepare output " + dir + ": " + e.getMessage());
    }
  }
}
