package io.molxform.cli;

import static io.molxform.testing.Molxform.assertUsageError;
import static io.molxform.testing.Molxform.molxform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.output.format.Manifest;
import io.molxform.testing.Molxform.Result;
import io.molxform.testing.Outputs;
import io.molxform.testing.TestLibraries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building blocks end to end: runs on two runners, verify, the reagent options' errors. */
class BuildingBlocksRunTest {
  static final String ESTER = "FG_PHENOL_OH__OH__TO__OCOR";
  @TempDir Path dir;

  private static void ok(Result result) {
    assertEquals(0, result.exit(), result.err());
  }

  private Path acids(int count) throws Exception {
    StringBuilder csv = new StringBuilder("id,smiles\n");
    for (int i = 1; i <= count; i++) {
      csv.append("acid-").append(i).append(',').append("C".repeat(i % 9 + 1))
          .append(i % 2 == 0 ? "C(=O)O" : "(C)C(=O)O").append('\n');
    }
    return Files.writeString(dir.resolve("acids.csv"), csv);
  }

  @Test
  void aSampledRunGivesTheSameRowsOnTheDirectRunnerAndOnFlink() throws Exception {
    Path acids = acids(40);
    Path direct = dir.resolve("direct");
    Path flink = dir.resolve("flink");
    for (Path out : List.of(direct, flink)) {
      ok(molxform("run", "--runner=" + (out == direct ? "DirectRunner" : "FlinkRunner"),
          "--quiet=true", "--input=" + TestLibraries.POLYPHENOLS, "--output=" + out,
          "--transform=" + ESTER, "--reagents=" + acids, "--reagentSample=4"));
      ok(molxform("verify", out.toString()));
    }
    Set<String> rows = Outputs.productRows(direct);
    assertTrue(rows.size() > 100, rows.size() + " product rows");
    assertEquals(rows, Outputs.productRows(flink));
    Manifest.TransformCounts counts =
        Manifest.read(direct.toString()).counts().transforms().get(ESTER);
    assertEquals(40, counts.reagentsRead());
    assertEquals(4 * (counts.rowsWithProducts() + counts.rowsRejected() - 7),
        counts.pairsTried(), "each molecule with a site meets 4 reagents");
  }

  @Test
  void aReagentListReadsTheSameFromCsvTsvGzParquetAndSmiles() throws Exception {
    List<String[]> acids = List.of(new String[] {"a1", "CC(=O)O"},
        new String[] {"a2", "OC(=O)c1ccccc1"}, new String[] {"a3", "OC(=O)CCC(=O)O"});
    Path csv = Files.writeString(dir.resolve("acids.csv"), "smiles,id\n\"CC(=O)O\",a1\n"
        + "OC(=O)c1ccccc1,a2\nOC(=O)CCC(=O)O,a3\n");
    Path tsvGz = dir.resolve("acids.tsv.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(tsvGz))) {
      out.write("id\tsmiles\na1\tCC(=O)O\na2\tOC(=O)c1ccccc1\na3\tOC(=O)CCC(=O)O\n"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path parquet = TestLibraries.write(dir.resolve("acids.parquet"), List.of("id", "smiles"),
        acids);
    Path smi = Files.writeString(dir.resolve("acids.smi"),
        "CC(=O)O a1\nOC(=O)c1ccccc1 a2\nOC(=O)CCC(=O)O a3\n");
    Set<String> first = null;
    for (Path list : List.of(csv, tsvGz, parquet, smi)) {
      Path out = dir.resolve("from-" + list.getFileName());
      ok(molxform("run", "--runner=DirectRunner", "--quiet=true", "--limit=40",
          "--input=" + TestLibraries.POLYPHENOLS, "--output=" + out, "--transform=" + ESTER,
          "--reagents=" + list));
      Set<String> rows = Outputs.productRows(out);
      assertTrue(rows.stream().anyMatch(row -> row.endsWith("\ta3")), list + ": " + rows);
      if (first == null) {
        first = rows;
      } else {
        assertEquals(first, rows, list.toString());
      }
    }
  }

  @Test
  void theBuiltInListsAreUsedWhenNoneIsGiven() throws Exception {
    Path out = dir.resolve("builtin");
    ok(molxform("run", "--runner=DirectRunner", "--quiet=true",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + out, "--limit=30",
        "--transform=" + ESTER + ",FG_CARBOXYLIC_ACID__COOH__TO__CONR2"));
    ok(molxform("verify", out.toString()));
    Manifest manifest = Manifest.read(out.toString());
    Map<String, Manifest.TransformCounts> counts = manifest.counts().transforms();
    assertEquals(20, counts.get(ESTER).reagentsRead());
    assertEquals(11, counts.get("FG_CARBOXYLIC_ACID__COOH__TO__CONR2").reagentsRejected(),
        "the primary amines have no match of the secondary amine template");
    assertTrue(manifest.transforms().get(0).reagents().endsWith("reagents/acids.csv"));
    for (var row : TestLibraries.duckdb("SELECT reagent_id, stage, reason_code FROM read_parquet('"
        + out + "/rejects/*.parquet') WHERE stage = 'reagent'")) {
      assertTrue(String.valueOf(row.get("reagent_id")).startsWith("AMINE_"), row.toString());
      assertEquals("REAGENT_NO_MATCH", row.get("reason_code"));
    }
  }

  @Test
  void reagentListsThatCannotBeUsedAreUsageErrors() throws Exception {
    Path out = dir.resolve("out");
    assertUsageError(molxform("run", "--runner=DirectRunner", "--output=" + out,
        "--transform=" + ESTER, "--reagents=" + dir.resolve("missing.csv")), "missing.csv",
        "does not exist");
    Path noSmiles = Files.writeString(dir.resolve("nosmiles.csv"), "id,structure\na,CC(=O)O\n");
    assertUsageError(molxform("run", "--runner=DirectRunner", "--output=" + out,
        "--transform=" + ESTER, "--reagents=" + noSmiles), "no column 'smiles'",
        "--reagentSmilesColumn");
    Path twice = Files.writeString(dir.resolve("twice.csv"), "id,smiles\na,CC(=O)O\na,CCC(=O)O\n");
    assertUsageError(molxform("run", "--runner=DirectRunner", "--output=" + out,
        "--transform=" + ESTER, "--reagents=" + twice), "'a' twice");
    Path catalog = Files.writeString(dir.resolve("catalog.yaml"), """
        transforms:
          - name: MY_ESTER
            description: an ester with no list of its own
            smirks: "[c:1][OX2H1:2].[CX3:3](=[OX1:4])[OX2H1]>>[c:1][OH0:2][C:3]=[O:4]"
            sites: single
            maxSites: 1
            maxProductsPerMolecule: 100
        """);
    assertUsageError(molxform("run", "--runner=DirectRunner", "--output=" + out,
        "--catalog=" + catalog, "--transform=MY_ESTER"), "MY_ESTER", "--reagents=FILE");
    assertUsageError(molxform("run", "--runner=DirectRunner", "--output=" + out,
        "--transform=" + ESTER, "--reagentSample=-1"), "--reagentSample");
  }
}
