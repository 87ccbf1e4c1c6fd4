package io.molxform.cli;

import static io.molxform.testing.Molxform.molxform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.beam.read.BeamInputFile;
import io.molxform.output.OutputClaim;
import io.molxform.output.format.Manifest;
import io.molxform.testing.Molxform.Result;
import io.molxform.testing.TestLibraries;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet file with a corrupt page under an intact footer: the run fails in one line naming
 * the file and the row group, leaves no temporary folder, and with --skipUnreadableRowGroups
 * finishes with the lost rows as rejects and the stretch listed in the manifest.
 */
class UnreadableInputTest {
  static final int CORRUPT_ROW_GROUP = 3;

  @TempDir Path dir;
  Path library;
  long rows;
  long corruptRows;

  @BeforeEach
  void writeLibraryWithACorruptPage() throws IOException {
    library = dir.resolve("library.parquet");
    Schema schema = SchemaBuilder.record("Molecule").namespace("test").fields()
        .optionalString("id").optionalString("smiles").endRecord();
    Configuration conf = new Configuration(false);
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
            HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(library.toUri()), conf))
        .withSchema(schema).withConf(conf).withCompressionCodec(CompressionCodecName.ZSTD)
        .withRowGroupSize(2048L).withPageSize(1024).build()) {
      for (int a = 1; a <= 50; a++) {
        for (int b = 1; a + b <= 51; b++) {
          GenericRecord record = new GenericData.Record(schema);
          record.put("id", "R" + a + "-" + b);
          record.put("smiles", "Oc1c(" + "C".repeat(a) + ")cc(" + "C".repeat(b) + ")cc1");
          writer.write(record);
          rows++;
        }
      }
    }
    Files.deleteIfExists(dir.resolve(".library.parquet.crc"));
    List<BlockMetaData> blocks;
    try (ParquetFileReader reader = ParquetFileReader.open(BeamInputFile.of(library))) {
      blocks = reader.getFooter().getBlocks();
    }
    assertTrue(blocks.size() > CORRUPT_ROW_GROUP + 1, "row groups: " + blocks.size());
    BlockMetaData corrupt = blocks.get(CORRUPT_ROW_GROUP);
    corruptRows = corrupt.getRowCount();
    // Garbage over the middle of the row group's pages; the footer stays intact.
    try (RandomAccessFile file = new RandomAccessFile(library.toFile(), "rw")) {
      long from = corrupt.getStartingPos() + 8;
      byte[] garbage = new byte[(int) corrupt.getCompressedSize() - 16];
      for (int i = 0; i < garbage.length; i++) {
        garbage[i] = (byte) (0x5A ^ i);
      }
      file.seek(from);
      file.write(garbage);
    }
  }

  private Result run(Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--runner=FlinkRunner", "--quiet=true",
        "--input=" + library, "--output=" + output, "--dedup=none", "--maxRowsPerShard=40"));
    args.addAll(List.of(more));
    return molxform(args.toArray(String[]::new));
  }

  @Test
  void aCorruptPageFailsTheRunInOneLineAndLeavesNoTemporaryFolder() throws IOException {
    Path output = dir.resolve("out");
    Result result = run(output);

    assertEquals(1, result.exit(), result.err());
    List<String> lines = result.err().strip().lines().toList();
    assertTrue(lines.size() <= 2, "one line and a pointer to the log: " + result.err());
    assertTrue(lines.get(0).contains("row group " + CORRUPT_ROW_GROUP + " of " + library),
        lines.get(0));
    assertTrue(lines.get(0).contains("--skipUnreadableRowGroups"), lines.get(0));
    assertFalse(Files.exists(output.resolve(Manifest.FILE_NAME)));
    assertFalse(Files.exists(output.resolve(OutputClaim.FILE_NAME)));
    try (Stream<Path> entries = Files.list(output)) {
      assertEquals(List.of(), entries.filter(p -> p.getFileName().toString()
          .startsWith(Manifest.TEMP_PREFIX)).toList(), "a failed run removes its temporary folder");
    }
  }

  @Test
  void skippingCountsTheLostRowsAndListsTheStretch() throws Exception {
    Path output = dir.resolve("out");
    Result result = run(output, "--skipUnreadableRowGroups=true");
    assertEquals(0, result.exit(), result.err());

    Manifest manifest = Manifest.read(output.toString());
    assertEquals(rows, manifest.counts().rowsRead());
    List<Manifest.Unreadable> unreadable = manifest.unreadable();
    assertEquals(1, unreadable.size(), unreadable.toString());
    assertTrue(unreadable.get(0).where()
        .startsWith("row group " + CORRUPT_ROW_GROUP + " of " + library), unreadable.toString());
    assertEquals(corruptRows, unreadable.get(0).rows());
    long rejected = (Long) TestLibraries.duckdb("SELECT count(*) AS n FROM read_parquet('"
        + output + "/rejects/*.parquet') WHERE reason_code = 'UNREADABLE_ROW_GROUP'").get(0)
        .get("n");
    assertEquals(corruptRows, rejected);
    Result verify = molxform("verify", output.toString());
    assertEquals(0, verify.exit(), verify.out() + verify.err());
  }
}
