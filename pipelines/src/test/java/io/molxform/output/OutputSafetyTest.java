package io.molxform.output;

import static io.molxform.testing.Molxform.assertUsageError;
import static io.molxform.testing.Molxform.molxform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.cli.Main;
import io.molxform.output.format.Manifest;
import io.molxform.testing.Molxform.Result;
import io.molxform.testing.TestLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run may remove: only a molxform output or an empty folder, never its own input, never
 * an output another run holds. Each refusal is one line with exit code 2 and removes nothing.
 */
class OutputSafetyTest {
  @TempDir Path dir;

  /** A short run of the test library into {@code output}; {@code more} may replace --limit. */
  private static Result run(Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--runner=DirectRunner", "--quiet=true",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + output));
    if (Arrays.stream(more).noneMatch(a -> a.startsWith("--limit="))) {
      args.add("--limit=5");
    }
    args.addAll(Arrays.asList(more));
    return molxform(args.toArray(String[]::new));
  }

  private static void assertVerifies(Path output) {
    Result verify = molxform("verify", output.toString());
    assertEquals(0, verify.exit(), verify.out() + verify.err());
  }

  @Test
  void overwriteRefusesAFolderHoldingWhatMolxformDidNotWrite() throws IOException {
    Path output = Files.createDirectories(dir.resolve("notes"));
    Files.writeString(output.resolve("notes.txt"), "mine");
    Files.writeString(Files.createDirectories(output.resolve("data")).resolve("x.csv"), "1");

    assertUsageError(run(output, "--overwrite"), "holds what molxform did not write",
        "data/", "notes.txt");
    assertTrue(Files.exists(output.resolve("notes.txt")));
    assertTrue(Files.exists(output.resolve("data/x.csv")));

    // Parquet files in molxform's folder names, but no manifest, temporary folder or claim: not
    // a molxform output either.
    Path lookalike = Files.createDirectories(dir.resolve("lookalike/products/transform=X"));
    Files.writeString(lookalike.resolve("part-00000-of-00001.parquet"), "not ours");
    assertUsageError(run(dir.resolve("lookalike"), "--overwrite"), "is not a molxform output");
    assertTrue(Files.exists(lookalike.resolve("part-00000-of-00001.parquet")));
  }

  @Test
  void overwriteRefusesAMolxformOutputWithAForeignFileInside() throws IOException {
    Path output = dir.resolve("out");
    assertEquals(0, run(output).exit());
    Path stray = Files.writeString(output.resolve("products/README.txt"), "mine");

    assertUsageError(run(output, "--overwrite"), "products/README.txt");
    assertTrue(Files.exists(stray));
    assertTrue(Files.exists(output.resolve("_MANIFEST.json")));
  }

  @Test
  void overwriteReplacesAMolxformOutputAndFillsAnEmptyFolder() throws IOException {
    Path output = dir.resolve("out");
    assertEquals(0, run(output).exit());
    Result again = run(output, "--overwrite", "--limit=7");
    assertEquals(0, again.exit(), again.err());
    assertVerifies(output);
    assertEquals(7, Manifest.read(output.toString()).counts().rowsRead());
    assertFalse(Files.exists(output.resolve(OutputClaim.FILE_NAME)), "the claim ends with the run");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(0, run(empty).exit());
    assertVerifies(empty);
  }

  @Test
  void aRunNeverRemovesItsOwnInput() throws IOException {
    Path output = dir.resolve("out");
    assertEquals(0, run(output).exit());
    Result chained = molxform("run", "--runner=DirectRunner", "--quiet=true",
        "--input=" + output + "/products/*/*.parquet", "--smilesColumn=product_smiles",
        "--idColumn=parent_id", "--output=" + output, "--overwrite");

    assertUsageError(chained, "lies inside the output", output.toString());
    assertVerifies(output);
  }

  @Test
  void aSecondRunOnAnOutputInUseIsRefusedNamingTheFirst() throws Exception {
    Path library = TestLibraries.dialkylResorcinols(dir.resolve("library.parquet"));
    Path output = dir.resolve("out");
    Process first = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
        "--runner=FlinkRunner", "--input=" + library, "--output=" + output, "--quiet=true")
        .redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
    try {
      Path claim = output.resolve(OutputClaim.FILE_NAME);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(claim) || Files.size(claim) == 0) {
        assertTrue(first.isAlive(), () -> "the first run ended early: " + log("first.log"));
        assertTrue(System.nanoTime() < deadline, "no claim within 120 s");
        Thread.sleep(20);
      }
      String firstRun = OutputClaim.read(claim.toString()).run();

      Result second = molxform("run", "--runner=DirectRunner", "--quiet=true",
          "--input=" + TestLibraries.POLYPHENOLS, "--output=" + output, "--overwrite",
          "--transform=FG_ARYL_OMe__OMe__TO__OH");
      assertUsageError(second, "is in use by run " + firstRun, "process " + first.pid());

      assertTrue(first.waitFor(300, TimeUnit.SECONDS), "the first run finishes");
      assertEquals(0, first.exitValue(), log("first.log"));
    } finally {
      first.destroyForcibly();
    }
    assertVerifies(output);
  }

  @Test
  void aClaimLeftByAKilledRunIsStaleAndOverwriteClearsIt() throws Exception {
    Path output = dir.resolve("out");
    assertEquals(0, run(output).exit());
    String killed = claimOfEndedProcess("killed-run", "");
    Files.writeString(output.resolve(OutputClaim.FILE_NAME), killed);

    assertUsageError(run(output), "left by run killed-run", "no longer running", "--overwrite");
    Result cleared = run(output, "--overwrite");
    assertEquals(0, cleared.exit(), cleared.err());
    assertVerifies(output);

    // A run killed as it claimed leaves nothing but its claim.
    Path claimedOnly = Files.createDirectories(dir.resolve("claimed-only"));
    Files.writeString(claimedOnly.resolve(OutputClaim.FILE_NAME), killed);
    Result replaced = run(claimedOnly, "--overwrite");
    assertEquals(0, replaced.exit(), replaced.err());
    assertVerifies(claimedOnly);
  }

  /**
   * A claim that names a cluster job is held while the job may run: when its JobManager cannot
   * be asked, the claim is not stale, even with its client gone, and the refusal says how to
   * check.
   */
  @Test
  void aClaimOfAJobWhoseJobManagerDoesNotAnswerIsHeld() throws Exception {
    Path output = dir.resolve("out");
    assertEquals(0, run(output).exit());
    Files.writeString(output.resolve(OutputClaim.FILE_NAME), claimOfEndedProcess("detached-run",
        ", \"job\": \"0123456789abcdef0123456789abcdef\", "
            + "\"job_manager\": \"http://127.0.0.1:1\""));

    assertUsageError(run(output, "--overwrite"), "cluster job 0123456789abcdef0123456789abcdef",
        "does not answer", "curl http://127.0.0.1:1/jobs/0123456789abcdef0123456789abcdef");
    Result verify = molxform("verify", output.toString());
    assertEquals(1, verify.exit());
    assertTrue(verify.err().contains("in progress"), verify.err());
    assertTrue(Files.exists(output.resolve(Manifest.FILE_NAME)), "nothing was removed");
  }

  /**
   * Products dropped between the dedup and the writers (a test's injected fault) are caught by
   * the run's accounting: the run fails, and leaves no manifest that would call its output
   * finished.
   */
  @Test
  void aProductLostBetweenTheDedupAndTheWritersFailsTheRun() {
    Path output = dir.resolve("out");
    Result lost = run(output, "--limit=0", "--faultInjection=DROP_PRODUCTS");
    assertEquals(Main.FAILED, lost.exit(), lost.err());
    assertTrue(lost.err().contains("products went missing between the chemistry and the files"),
        lost.err());
    assertFalse(Files.exists(output.resolve(Manifest.FILE_NAME)));

    Result whole = run(output, "--limit=0", "--overwrite");
    assertEquals(0, whole.exit(), whole.err());
    assertVerifies(output);
  }

  /** A claim of {@code run} by a process of this host that has ended, with {@code more} fields. */
  private static String claimOfEndedProcess(String run, String more) throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    return "{\"run\": \"" + run + "\", \"pid\": " + gone.pid() + ", \"host\": \""
        + OutputClaim.thisHost() + "\"" + more + "}";
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
