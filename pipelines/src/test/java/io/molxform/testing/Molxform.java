package io.molxform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The command line run in this process, its exit code and what it printed. */
public final class Molxform {
  public record Result(int exit, String out, String err) {}

  private Molxform() {}

  /** A usage error: exit code 2 and one line on standard error holding every fragment. */
  public static void assertUsageError(Result result, String... fragments) {
    assertEquals(2, result.exit(), result.err());
    assertEquals(1, result.err().strip().lines().count(), "one line: " + result.err());
    for (String fragment : fragments) {
      assertTrue(result.err().contains(fragment), "'" + fragment + "' in: " + result.err());
    }
  }

  public static Result molxform(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(exit, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}
