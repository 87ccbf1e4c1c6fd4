package io.molxform.cli;

import static io.molxform.testing.Molxform.molxform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.molxform.output.format.Manifest;
import io.molxform.testing.Molxform.Result;
import io.molxform.testing.TestLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a run (the whole JVM, SIGKILL) while it writes shards: nothing is under a final name,
 * there is no manifest, verify calls the output incomplete, a run without --overwrite is told
 * the killed run's claim is stale, and a run with --overwrite then succeeds and clears the
 * killed run's temporary folder.
 */
class KilledRunTest {
  @TempDir Path dir;

  @Test
  void killedWhileWritingLeavesNoFinishedLookingOutput() throws Exception {
    Path library = TestLibraries.dialkylResorcinols(dir.resolve("library.parquet"));
    Path output = dir.resolve("out");
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
        "--runner=FlinkRunner", "--input=" + library, "--output=" + output,
        "--maxRowsPerShard=25", "--quiet=true");
    Process run = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("run.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (countTempShards(output) == 0) {
        if (!run.isAlive()) {
          fail("the run ended before it wrote a shard: " + Files.readString(dir.resolve("run.log")));
        }
        if (System.nanoTime() > deadline) {
          fail("no shard was written within 300 s");
        }
        Thread.sleep(5);
      }
      assertTrue(run.isAlive(), "killed while running");
    } finally {
      run.destroyForcibly(); // SIGKILL on Linux
      run.waitFor(30, TimeUnit.SECONDS);
    }

    assertFalse(Files.exists(output.resolve("_MANIFEST.json")), "no manifest after a kill");
    // Shards reach their final names only once every shard is complete, so a run killed while
    // writing leaves none under a final name, and every file it wrote inside its temporary folder.
    assertEquals(List.of(), finalNamedShards(output), "nothing under a final name");
    try (Stream<Path> walk = Files.walk(output)) {
      List<Path> outside = walk.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !output.relativize(p).getName(0).toString()
              .startsWith(Manifest.TEMP_PREFIX)).toList();
      assertEquals(List.of(), outside, "shards outside the temporary folder");
    }
    Result verify = molxform("verify", output.toString());
    assertEquals(1, verify.exit());
    assertTrue(verify.err().contains("incomplete"), verify.err());

    Result refused = molxform("run", "--runner=FlinkRunner", "--input=" + library,
        "--output=" + output, "--quiet=true");
    assertEquals(2, refused.exit(), "a partial output is not silently reused");
    assertTrue(refused.err().contains("no longer running"), "the killed run's claim is stale: "
        + refused.err());
    Result rerun = molxform("run", "--runner=FlinkRunner", "--input=" + library,
        "--output=" + output, "--maxRowsPerShard=25", "--quiet=true", "--overwrite");
    assertEquals(0, rerun.exit(), rerun.err());
    Result verified = molxform("verify", output.toString());
    assertEquals(0, verified.exit(), verified.err());
    try (Stream<Path> entries = Files.list(output)) {
      assertEquals(List.of(), entries.filter(p -> p.getFileName().toString()
          .startsWith(Manifest.TEMP_PREFIX)).toList(), "the killed run's temporary folder is gone");
    }
  }

  private static long countTempShards(Path output) throws IOException {
    if (!Files.isDirectory(output)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(output)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
    } catch (java.io.UncheckedIOException e) {
      return 0; // files move while the run writes
    }
  }

  private static List<Path> finalNamedShards(Path output) throws IOException {
    try (Stream<Path> walk = Files.walk(output)) {
      return walk.filter(p -> p.getFileName().toString().matches("part-\\d{5}-of-\\d{5}\\.parquet"))
          .toList();
    }
  }
}
