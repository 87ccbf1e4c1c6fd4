package io.molxform.cli;

import static io.molxform.testing.Molxform.assertUsageError;
import static io.molxform.testing.Molxform.molxform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.output.format.Manifest;
import io.molxform.testing.Molxform.Result;
import io.molxform.testing.TestLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every usage error is one line that names the problem, with exit code 2, before any work. */
class CommandLineErrorsTest {
  @TempDir Path dir;

  /** A run of the test library; {@code args} add options or replace these defaults. */
  private Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("run"));
    for (String option : List.of("--runner=DirectRunner", "--quiet=true",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + dir.resolve("out"))) {
      String name = option.substring(0, option.indexOf('=') + 1);
      if (Arrays.stream(args).noneMatch(a -> a.startsWith(name))) {
        all.add(option);
      }
    }
    all.addAll(Arrays.asList(args));
    return molxform(all.toArray(String[]::new));
  }

  @Test
  void inputGlobMatchingNothing() {
    assertUsageError(run("--input=" + dir + "/none/*.parquet"), "matches no file",
        dir + "/none/*.parquet");
  }

  @Test
  void fileThatIsNotParquet() throws IOException {
    Path file = Files.writeString(dir.resolve("molecules.parquet"), "id,smiles\n1,CCO\n");
    assertUsageError(run("--input=" + file), file.toString(), "not a readable Parquet file");
  }

  @Test
  void truncatedParquetFile() throws IOException {
    byte[] whole = Files.readAllBytes(TestLibraries.POLYPHENOLS);
    Path file = Files.write(dir.resolve("truncated.parquet"),
        Arrays.copyOf(whole, whole.length / 2));
    assertUsageError(run("--input=" + file), file.toString(), "not a readable Parquet file",
        "truncated");
  }

  @Test
  void missingSmilesColumnListsTheColumns() {
    assertUsageError(run("--input=" + TestLibraries.POLYPHENOLS, "--smilesColumn=structure"),
        "no SMILES column 'structure'", "id (string)", "smiles (string)", "class (string)");
  }

  @Test
  void missingIdColumnNamedExplicitly() {
    assertUsageError(run("--input=" + TestLibraries.POLYPHENOLS, "--idColumn=cid"),
        "no id column 'cid'", "smiles (string)");
  }

  @Test
  void unknownTransformListsTheCatalog() {
    assertUsageError(run("--transform=FG_NOPE"), "no transform named 'FG_NOPE'",
        "FG_PHENOL_OH__OH__TO__OMe", "FG_ARYL_OMe__OMe__TO__OH");
  }

  @Test
  void badCatalogNamesTheEntry() throws IOException {
    Path catalog = Files.writeString(dir.resolve("catalog.yaml"), """
        transforms:
          - name: MY_GOOD
            description: fine
            smirks: "[c:1][OX2H1:2]>>[c:1][OH0:2]C"
            sites: single
            maxSites: 1
            maxProductsPerMolecule: 8
          - name: MY_BROKEN
            description: a bracket is never closed
            smirks: "[c:1][OX2H1:2>>[c:1][OH0:2]C"
            sites: single
            maxSites: 1
            maxProductsPerMolecule: 8
        """);
    Result result = run("--catalog=" + catalog, "--transform=MY_GOOD");
    assertEquals(2, result.exit());
    assertTrue(result.err().contains("MY_BROKEN") && result.err().contains("invalid SMIRKS"),
        result.err());
  }

  @Test
  void outputThatCannotBeADirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    Result result = molxform("run", "--runner=DirectRunner", "--quiet=true",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + file.resolve("out"));
    assertUsageError(result, "not writable", file.resolve("out").toString());
  }

  @Test
  void outputNotEmptyWithoutOverwrite() throws IOException {
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/old.parquet"), "old");
    assertUsageError(run(), "is not empty", "--overwrite");
  }

  @Test
  void badOptionValueNamesTheOption() {
    assertUsageError(run("--maxRowsPerShard=0"), "--maxRowsPerShard", "at least 1");
    assertUsageError(run("--spillMergeFanIn=1"), "--spillMergeFanIn", "at least 2");
    // The merge's buffer keeps a record's sort fields in one array of eight longs a record.
    assertUsageError(run("--dedupMemoryProducts=300000000"), "--dedupMemoryProducts",
        "1 to 100000000");
    assertUsageError(run("--dedup=fuzzy"), "--dedup=fuzzy", "exact");
    assertUsageError(run("--nonsense=1"), "--nonsense=1");
  }

  @Test
  void excludingInputMoleculesNeedsExactDedup() {
    assertUsageError(run("--excludeInputMolecules=true", "--dedup=bloom"),
        "--excludeInputMolecules needs --dedup=exact", "--dedup=bloom");
  }

  @Test
  void spillDirectoryOnlyWhereTheRunSpillsIt() throws IOException {
    assertUsageError(run("--spillDirectory=" + dir.resolve("spill")), "--spillDirectory",
        "DirectRunner");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Result result = molxform("run", "--quiet=true", "--input=" + TestLibraries.POLYPHENOLS,
        "--output=" + dir.resolve("out"), "--spillDirectory=" + file);
    assertUsageError(result, "cannot spill to " + file);
  }

  @Test
  void unreachableFlinkMasterSaysHowToStartACluster() {
    Result result = molxform("run", "--runner=FlinkRunner", "--flinkMaster=127.0.0.1:9",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + dir.resolve("out"));
    assertUsageError(result, "cannot reach the Flink master at 127.0.0.1:9",
        "runners-config/flink-cluster/start.sh");
  }

  @Test
  void unknownCommand() {
    assertUsageError(molxform("frobnicate"), "unknown command 'frobnicate'", "run");
  }

  @Test
  void helpListsOptionsByGroup() {
    Result result = molxform("run", "--help");
    assertEquals(0, result.exit());
    String out = result.out();
    int input = out.indexOf("\ninput:");
    int transform = out.indexOf("\ntransform:");
    int dedup = out.indexOf("\ndedup:");
    int output = out.indexOf("\noutput:");
    int runner = out.indexOf("\nrunner:");
    assertTrue(input > 0 && input < transform && transform < dedup && dedup < output
        && output < runner, out);
    assertTrue(out.contains("--maxRowsPerShard=1000000"), out);
  }

  @Test
  void aRepeatedListOptionIsMergedNeverDropped() throws IOException {
    Path output = dir.resolve("out");
    Result result = run("--limit=3", "--transform=FG_PHENOL_OH__OH__TO__OMe",
        "--transform=FG_PHENOL_OH__OH__TO__OAc");
    assertEquals(0, result.exit(), result.err());
    assertEquals(List.of("FG_PHENOL_OH__OH__TO__OMe", "FG_PHENOL_OH__OH__TO__OAc"),
        List.copyOf(Manifest.read(output.toString()).counts().transforms().keySet()));

    Result applied = molxform("apply", "--transform=FG_PHENOL_OH__OH__TO__OMe",
        "--transform=FG_PHENOL_OH__OH__TO__OAc", "Oc1ccccc1");
    assertEquals(0, applied.exit(), applied.err());
    assertTrue(applied.out().contains("FG_PHENOL_OH__OH__TO__OMe:")
        && applied.out().contains("FG_PHENOL_OH__OH__TO__OAc:"), applied.out());
  }

  @Test
  void aRepeatedSingleValueOptionIsAUsageError() {
    assertUsageError(run("--limit=3", "--limit=5"), "--limit is given twice", "'3'", "'5'");
    assertUsageError(molxform("generate", "--rows=3", "--rows=4", "--output=" + dir),
        "option '--rows' (N) should be specified only once");
  }

  @Test
  void aNumberTypoIsAUsageErrorNamingTheOption() {
    assertUsageError(molxform("inspect", TestLibraries.POLYPHENOLS.toString(), "--rows=abc"),
        "option '--rows'", "'abc'", "see inspect --help");
    assertUsageError(molxform("generate", "--rows=12x", "--output=" + dir),
        "option '--rows'", "'12x'");
    assertUsageError(molxform("apply", "--transform=FG_PHENOL_OH__OH__TO__OMe",
        "--maxHeavyAtoms=ten", "CCO"), "option '--maxHeavyAtoms'", "'ten'");
    assertUsageError(molxform("bench-chemistry", "--file=x.tsv", "--transform=X",
        "--rounds=1.5"), "option '--rounds'");
    assertUsageError(run("--limit=abc"), "--limit");
  }

  @Test
  void aMissingOrUnknownOptionIsAUsageErrorNamingIt() {
    assertUsageError(molxform("generate", "--output=" + dir), "--rows", "see generate --help");
    assertUsageError(molxform("apply", "CCO"), "--transform");
    assertUsageError(molxform("verify", dir.toString(), "--fast"), "--fast");
  }

  @Test
  void everyCommandDescribesItsOptions() {
    for (List<String> command : List.of(List.of("generate", "--rows"),
        List.of("apply", "--maxHeavyAtoms"), List.of("inspect", "--rows"),
        List.of("verify", "--quick"), List.of("transforms", "--catalog"),
        List.of("bench-chemistry", "--rounds"))) {
      Result help = molxform(command.get(0), "--help");
      assertEquals(0, help.exit(), help.err());
      assertTrue(help.out().contains(command.get(1)), help.out());
    }
    Result usage = molxform("--help");
    assertEquals(0, usage.exit(), usage.err());
    for (String command : List.of("run", "apply", "inspect", "verify", "generate")) {
      assertTrue(usage.out().contains(command), usage.out());
    }
    Result help = molxform("help", "verify");
    assertEquals(0, help.exit(), help.err());
    assertTrue(help.out().contains("--quick"), help.out());
    Result version = molxform("--version");
    assertEquals(0, version.exit(), version.err());
    assertTrue(version.out().contains("Beam 2.62.0"), version.out());
  }
}
