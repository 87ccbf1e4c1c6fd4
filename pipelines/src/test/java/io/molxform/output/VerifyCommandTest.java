package io.molxform.output;

import static io.molxform.testing.Molxform.molxform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.testing.Molxform.Result;
import io.molxform.testing.TestLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} passes a good output and names each kind of damage. */
class VerifyCommandTest {
  @TempDir static Path shared;
  @TempDir Path dir;
  static Path good;

  @BeforeAll
  static void makeAGoodOutput() {
    good = shared.resolve("good");
    Result run = molxform("run", "--runner=DirectRunner", "--quiet=true",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + good, "--maxRowsPerShard=40");
    assertEquals(0, run.exit(), run.err());
  }

  private Path copyOfGood() throws IOException {
    Path copy = dir.resolve("copy");
    try (Stream<Path> walk = Files.walk(good)) {
      for (Path p : walk.toList()) {
        Path target = copy.resolve(good.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return copy;
  }

  private static Path firstProductShard(Path output) throws IOException {
    try (Stream<Path> walk = Files.walk(output.resolve("products"))) {
      return walk.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().get();
    }
  }

  private static void assertInvalid(Path output, String... fragments) {
    Result result = molxform("verify", output.toString());
    assertEquals(1, result.exit(), result.out() + result.err());
    for (String fragment : fragments) {
      assertTrue(result.err().contains(fragment), "'" + fragment + "' in: " + result.err());
    }
  }

  @Test
  void goodOutputPasses() {
    Result result = molxform("verify", good.toString());
    assertEquals(0, result.exit(), result.err());
    assertTrue(result.out().startsWith("OK"), result.out());
    assertEquals(0, molxform("verify", good.toString(), "--quick").exit());
  }

  @Test
  void truncatedShard() throws IOException {
    Path copy = copyOfGood();
    Path shard = firstProductShard(copy);
    byte[] bytes = Files.readAllBytes(shard);
    Files.write(shard, Arrays.copyOf(bytes, bytes.length - 20));
    assertInvalid(copy, copy.relativize(shard).toString(), "not a valid Parquet file");
  }

  @Test
  void missingShard() throws IOException {
    Path copy = copyOfGood();
    Path shard = firstProductShard(copy);
    Files.delete(shard);
    assertInvalid(copy, copy.relativize(shard) + ": listed in the manifest but missing");
  }

  @Test
  void extraFile() throws IOException {
    Path copy = copyOfGood();
    Files.writeString(copy.resolve("products/notes.txt"), "stray");
    assertInvalid(copy, "products/notes.txt: present but not listed");
  }

  @Test
  void duplicatedProduct() throws IOException {
    // Rewrite one shard with its first row twice (and the manifest's counts for it left alone
    // would also fail): the duplicate scan must name the product.
    Path copy = copyOfGood();
    Path shard = firstProductShard(copy);
    List<GenericRecord> rows = new java.util.ArrayList<>();
    Schema schema;
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
        io.molxform.beam.read.BeamInputFile.of(shard)).withConf(new Configuration(false)).build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        rows.add(r);
      }
    }
    schema = rows.get(0).getSchema();
    rows.set(rows.size() - 1, rows.get(0));
    Files.delete(shard);
    Configuration conf = new Configuration(false);
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
            HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(shard.toUri()), conf))
        .withSchema(schema).withConf(conf).build()) {
      for (GenericRecord r : rows) {
        writer.write(r);
      }
    }
    Files.deleteIfExists(shard.resolveSibling("." + shard.getFileName() + ".crc"));
    assertInvalid(copy, "duplicated products within a transform",
        rows.get(0).get("product_smiles").toString());
  }

  @Test
  void noManifestIsIncomplete() throws IOException {
    Path copy = copyOfGood();
    Files.delete(copy.resolve("_MANIFEST.json"));
    assertInvalid(copy, "incomplete", "no _MANIFEST.json");
  }
}
