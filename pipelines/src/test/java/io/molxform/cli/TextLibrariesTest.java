package io.molxform.cli;

import static io.molxform.testing.Molxform.assertUsageError;
import static io.molxform.testing.Molxform.molxform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.output.format.Manifest;
import io.molxform.testing.Molxform.Result;
import io.molxform.testing.TestLibraries;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Libraries as chemists keep them: the test library written by RDKit as SMILES, gzipped CSV and
 * gzipped SD files (2D coordinates, wedge bonds; testdata/tools/write_text_libraries.py) gives
 * the Parquet library's product rows; bad records are reject rows naming file and line.
 */
class TextLibrariesTest {
  static final String TRANSFORMS = "FG_PHENOL_OH__OH__TO__OMe,FG_ALCOHOL_OH__OH__TO__OAc,"
      + "FG_PHENOL_O_GLYCOSIDE__OGly__TO__OH,FG_CARBOXYLIC_ACID__COOH__TO__COOMe";
  @TempDir Path dir;

  private static void ok(Result result) {
    assertEquals(0, result.exit(), result.err());
  }

  private Path run(String name, String input, String... more) {
    Path out = dir.resolve(name);
    List<String> args = new java.util.ArrayList<>(List.of("run", "--runner=DirectRunner",
        "--quiet=true", "--input=" + input, "--output=" + out, "--transform=" + TRANSFORMS));
    args.addAll(List.of(more));
    ok(molxform(args.toArray(String[]::new)));
    ok(molxform("verify", out.toString()));
    return out;
  }

  /** Product rows only in {@code a}, then only in {@code b} (DuckDB EXCEPT ALL both ways). */
  private static List<Long> difference(Path a, Path b) throws Exception {
    String columns = "transform, product_smiles, parent_id, sites, parent_count";
    String left = "SELECT " + columns + " FROM read_parquet('" + a + "/products/*/*.parquet')";
    String right = "SELECT " + columns + " FROM read_parquet('" + b + "/products/*/*.parquet')";
    long onlyA = count("(" + left + " EXCEPT ALL " + right + ")");
    long onlyB = count("(" + right + " EXCEPT ALL " + left + ")");
    return List.of(onlyA, onlyB);
  }

  private static long count(String relation) throws Exception {
    return ((Number) TestLibraries.duckdb("SELECT count(*) AS n FROM " + relation).get(0)
        .get("n")).longValue();
  }

  @Test
  void smilesCsvAndSdfGiveTheParquetLibrarysProducts() throws Exception {
    Path parquet = run("parquet", TestLibraries.POLYPHENOLS.toString());
    long rows = count("read_parquet('" + parquet + "/products/*/*.parquet')");
    assertTrue(rows > 300, rows + " product rows");
    for (String file : List.of("polyphenols.smi", "polyphenols.csv.gz", "polyphenols.sdf.gz")) {
      Path text = run(file.replace('.', '-'), "../testdata/" + file);
      assertEquals(List.of(0L, 0L), difference(parquet, text), file);
    }
    Manifest sdf = Manifest.read(dir.resolve("polyphenols-sdf-gz").toString());
    assertEquals(137, sdf.counts().rowsRead(), "one row per SD record");
    Manifest csv = Manifest.read(dir.resolve("polyphenols-csv-gz").toString());
    assertEquals(144, csv.counts().rowsRead(), "one row per CSV record, broken ones too");
  }

  @Test
  void aBadRecordInTheMiddleOfAFileIsOneRejectNamingFileAndLine() throws Exception {
    String sdf;
    try (var in = new java.util.zip.GZIPInputStream(
        Files.newInputStream(Path.of("../testdata/polyphenols.sdf.gz")))) {
      sdf = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] records = sdf.split("\\$\\$\\$\\$\n", -1);
    StringBuilder broken = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      broken.append(i == 3 ? "BROKEN\n  not a molfile\n\n  2  1  0  0  0  0  0  0  0  0999 V2000\n"
          + "M  END\n" : records[i]).append("$$$$\n");
    }
    Path badSdf = Files.writeString(dir.resolve("broken.sdf"), broken);
    Path badCsv = Files.writeString(dir.resolve("broken.csv"), """
        id,name,smiles
        a,phenol,Oc1ccccc1
        b,"catechol, with a quote \"\"here\"\"",Oc1ccccc1O
        c,too few fields
        d,resorcinol,Oc1cccc(O)c1
        """);
    Path sdfOut = run("bad-sdf", badSdf.toString());
    Path csvOut = run("bad-csv", badCsv.toString());
    List<Map<String, Object>> sdfRejects = TestLibraries.duckdb("SELECT DISTINCT parent_id, "
        + "reason_code, reason FROM read_parquet('" + sdfOut + "/rejects/*.parquet')");
    assertEquals(1, sdfRejects.size(), sdfRejects.toString());
    assertEquals("INVALID_RECORD", sdfRejects.get(0).get("reason_code"));
    String reason = (String) sdfRejects.get(0).get("reason");
    assertTrue(reason.contains("broken.sdf record 4 (line "), reason);
    assertEquals(6, Manifest.read(sdfOut.toString()).counts().rowsRead());
    assertEquals(5, count("(SELECT DISTINCT parent_id FROM read_parquet('" + sdfOut
        + "/products/*/*.parquet'))"), "the five other molecules are transformed");

    List<Map<String, Object>> csvRejects = TestLibraries.duckdb("SELECT DISTINCT parent_id, "
        + "reason_code, reason FROM read_parquet('" + csvOut + "/rejects/*.parquet')");
    assertEquals(1, csvRejects.size(), csvRejects.toString());
    assertEquals("c", csvRejects.get(0).get("parent_id"));
    assertTrue(((String) csvRejects.get(0).get("reason")).contains("broken.csv line 4"),
        csvRejects.toString());
    assertEquals(List.of("a", "b", "d"), TestLibraries.duckdb("SELECT DISTINCT parent_id FROM "
        + "read_parquet('" + csvOut + "/products/*/*.parquet') ORDER BY 1").stream()
        .map(row -> row.get("parent_id")).toList());
  }

  @Test
  void sdDataFieldsAreColumnsAndOneOfThemCanBeTheId() throws Exception {
    Path kept = run("sdf-kept", "../testdata/polyphenols.sdf.gz", "--keepColumns=name,class",
        "--limit=5");
    List<Map<String, Object>> rows = TestLibraries.duckdb("SELECT DISTINCT parent_id, name, "
        + "class FROM read_parquet('" + kept + "/products/*/*.parquet') ORDER BY parent_id");
    assertEquals(Map.of("parent_id", "NP0001", "name", "quercetin", "class", "flavonol"),
        rows.get(0));
    Path named = run("sdf-named", "../testdata/polyphenols.sdf.gz", "--idColumn=name",
        "--limit=2");
    assertEquals(List.of("kaempferol", "quercetin"), TestLibraries.duckdb("SELECT DISTINCT "
        + "parent_id FROM read_parquet('" + named + "/products/*/*.parquet') ORDER BY 1")
        .stream().map(row -> row.get("parent_id")).toList());
  }

  @Test
  void aFolderIsReadAsItsLibraryFiles() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("library"));
    Files.writeString(folder.resolve("a.smi"), "Oc1ccccc1 a1\nOc1ccc(O)cc1 a2\n");
    Files.writeString(folder.resolve("b.smi"), "Oc1ccccc1C b1\n");
    Files.writeString(folder.resolve("README.txt"), "not a library file\n");
    Path out = dir.resolve("from-folder");
    ok(molxform("run", "--runner=DirectRunner", "--quiet=true", "--input=" + folder,
        "--output=" + out, "--transform=FG_PHENOL_OH__OH__TO__OMe"));
    Manifest manifest = Manifest.read(out.toString());
    assertEquals(3, manifest.counts().rowsRead());
    assertEquals(2, manifest.input().files().size());
  }

  @Test
  void aTruncatedGzipFailsInOneLineNamingTheFile() throws Exception {
    Path whole = dir.resolve("whole.smi.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
      for (int i = 0; i < 20000; i++) {
        out.write(("Oc1ccc(cc1)" + "C".repeat(i % 50 + 1) + " m" + i + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] bytes = Files.readAllBytes(whole);
    Path truncated = Files.write(dir.resolve("truncated.smi.gz"),
        java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path out = dir.resolve("out");
    assertUsageError(molxform("run", "--runner=DirectRunner", "--input=" + truncated,
        "--output=" + out), "truncated.smi.gz");
    assertTrue(!Files.exists(out.resolve("_MANIFEST.json")));
  }

  @Test
  void aLargeSmilesFileIsSplitIntoTasksAndLimitWorks() throws Exception {
    StringBuilder smi = new StringBuilder("SMILES Name\n");
    for (int i = 0; i < 25_000; i++) {
      smi.append("Oc1ccc(cc1)").append("C".repeat(i % 40 + 1))
          .append(" mol-").append(i).append('\n');
    }
    Path file = Files.writeString(dir.resolve("big.smi"), smi);
    Result inspect = molxform("inspect", file.toString());
    ok(inspect);
    assertTrue(inspect.out().contains("25,000 records"), inspect.out());
    assertTrue(inspect.out().contains("(3 tasks)"), inspect.out());
    Path out = dir.resolve("limited");
    ok(molxform("run", "--runner=DirectRunner", "--quiet=true", "--input=" + file,
        "--output=" + out, "--limit=12345"));
    assertEquals(12345, Manifest.read(out.toString()).counts().rowsRead());
    assertEquals(40, count("(SELECT DISTINCT product_smiles FROM read_parquet('" + out
        + "/products/*/*.parquet'))"), "40 distinct chain lengths, each one product");
  }
}
