package io.molxform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.molxform.output.OutputClaim;
import io.molxform.output.format.Manifest;
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
 * The output disk fills up: the run fails in one line that says so and names the output, and
 * leaves neither its temporary shards (which would hold the disk full) nor its claim. The small
 * disk is a 512 KB tmpfs, which needs root (CI runs as root); elsewhere the test is skipped.
 */
class DiskFullTest {
  @TempDir Path dir;

  @Test
  void aFullOutputDiskFailsInOneLineAndFreesTheTemporaryShards() throws Exception {
    Path library = TestLibraries.dialkylResorcinols(dir.resolve("library.parquet"));
    Path disk = Files.createDirectories(dir.resolve("small-disk"));
    assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", disk.toString()) == 0,
        "mounting a small tmpfs needs root");
    try {
      Path output = disk.resolve("out");
      // In its own process, as a user runs it: when it ends, nothing holds a file on the disk.
      Path errors = dir.resolve("run.err");
      Process run = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
          "--runner=FlinkRunner", "--quiet=true", "--input=" + library, "--output=" + output,
          "--dedup=none", "--compression=UNCOMPRESSED", "--maxRowsPerShard=2000")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
      assertTrue(run.waitFor(300, TimeUnit.SECONDS), "the run ends");
      String err = Files.readString(errors);

      assertEquals(1, run.exitValue(), err);
      List<String> lines = err.strip().lines().toList();
      assertTrue(lines.size() <= 2, "one line and a pointer to the log: " + err);
      assertTrue(lines.get(0).contains("No space left on device"), lines.get(0));
      assertTrue(lines.get(0).contains("the output " + output), lines.get(0));
      assertFalse(Files.exists(output.resolve(Manifest.FILE_NAME)));
      assertFalse(Files.exists(output.resolve(OutputClaim.FILE_NAME)));
      try (Stream<Path> entries = Files.list(output)) {
        assertEquals(List.of(), entries.filter(p -> p.getFileName().toString()
            .startsWith(Manifest.TEMP_PREFIX)).toList(), "the temporary shards are gone");
      }
    } finally {
      if (command("umount", disk.toString()) != 0) {
        command("umount", "-l", disk.toString());
      }
    }
  }

  private static int command(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }
}
