package io.molxform.cli;

import io.molxform.output.OutputVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code molxform verify OUT [--quick]}: exit 0 when the output is valid, 1 with the problems. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check a finished output: the manifest, every shard's footer, rows and schema, "
        + "no unlisted file, the accounting, and no duplicate product.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand private MolxformCommand molxform;

  @Parameters(paramLabel = "OUT", description = "The output directory.")
  private String output;

  @Option(names = "--quick", description = "Footers, counts and files only: no duplicate scan.")
  private boolean quick;

  @Override
  public Integer call() {
    PrintStream out = molxform.out;
    PrintStream err = molxform.err;
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
