package io.molxform.pipelines;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** {@code molxform verify OUT [--quick]}: exit 0 when the output is valid, 1 with the problems. */
final class VerifyCommand {
  private VerifyCommand() {}

  static int main(String[] args, PrintStream out, PrintStream err) {
    String output = null;
    boolean quick = false;
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
      } else if (!arg.startsWith("--") && output == null) {
        output = arg;
      } else {
        throw new UsageException("verify takes an output directory and optionally --quick, got '"
            + arg + "'");
      }
    }
    if (output == null) {
      throw new UsageException("verify needs the output directory: verify OUT [--quick]");
    }
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    Path dir = Path.of(output).toAbsolutePath().normalize();
    OutputVerifier verifier = new OutputVerifier(dir, quick);
    List<String> problems;
    try {
      problems = verifier.verify();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    if (problems.isEmpty()) {
      out.println("OK: " + dir + " is a complete, valid molxform output"
          + (quick ? " (quick: footers, counts and files; no duplicate scan)" : ""));
      verifier.notes().forEach(note -> out.println("  note: " + note));
      return Main.OK;
    }
    err.println("INVALID: " + dir + " (" + problems.size() + " problem"
        + (problems.size() == 1 ? "" : "s") + ")");
    problems.forEach(problem -> err.println("  - " + problem));
    return Main.FAILED;
  }
}
