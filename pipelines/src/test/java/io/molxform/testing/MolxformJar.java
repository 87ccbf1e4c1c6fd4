package io.molxform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The shaded jar in a process of its own, as a user runs it, with its runner log kept. */
public final class MolxformJar {
  public record Outcome(int exit, String output) {}

  private MolxformJar() {}

  /** Runs {@code java -jar target/molxform.jar ARGS}; its log and what it printed go to logs/. */
  public static Outcome run(Path logs, String... args) throws IOException, InterruptedException {
    Files.createDirectories(logs);
    Path log = Files.createTempFile(logs, "molxform", ".log");
    Path printed = Files.createTempFile(logs, "printed", ".txt");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dmolxform.log=" + log,
        "-jar", Path.of("target/molxform.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(printed.toFile()).start();
    if (!process.waitFor(600, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Outcome(-1, "timed out: " + Files.readString(printed));
    }
    return new Outcome(process.exitValue(), Files.readString(printed, StandardCharsets.UTF_8));
  }
}
