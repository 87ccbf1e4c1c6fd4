package io.molxform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The shaded jar in a process of its own, as a user runs it, with its runner log kept. */
public final class MolxformJar {
  public record Outcome(int exit, String output) {}

  private MolxformJar() {}

  /** Runs {@code java -jar target/molxform.jar ARGS}; its log and what it printed go to logs/. */
  public static Outcome run(Path logs, String... args) throws IOException, InterruptedException {
    return start(logs, args).finish(600);
  }

  /** A command started and not yet waited for. */
  public record Started(Process process, Path printed) {
    /** What it has printed so far. */
    public String printedSoFar() throws IOException {
      return Files.readString(printed, StandardCharsets.UTF_8);
    }

    /** Waits at most {@code seconds} for its end. */
    public Outcome finish(long seconds) throws IOException, InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Outcome(-1, "timed out: " + printedSoFar());
      }
      return new Outcome(process.exitValue(), printedSoFar());
    }

    /**
     * Waits until it has printed a match of {@code pattern}, at most {@code seconds}; false if it
     * ended first.
     */
    public boolean awaitPrinted(String pattern, long seconds)
        throws IOException, InterruptedException {
      Pattern wanted = Pattern.compile(pattern);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        if (wanted.matcher(printedSoFar()).find()) {
          return true;
        }
        if (!process.isAlive()) {
          return false;
        }
        Thread.sleep(100);
      }
      return false;
    }
  }

  /** Starts {@code java -jar target/molxform.jar ARGS} in the background. */
  public static Started start(Path logs, String... args) throws IOException {
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
    return new Started(process, printed);
  }
}
