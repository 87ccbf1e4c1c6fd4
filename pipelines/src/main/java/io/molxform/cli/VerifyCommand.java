package io.molxform.cli;

import io.molxform.output.OutputVerifier;
import io.molxform.storage.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/** {@code molxform verify OUT [--quick]}: exit 0 when the output is valid, 1 with the problems. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check a finished output: the manifest, every shard's footer, rows and schema, "
        + "no unlisted file, the accounting, and no duplicate product.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand private MolxformCommand molxform;

  @Parameters(paramLabel = "OUT",
      description = "The output directory: a local folder, s3://BUCKET/PATH or hdfs://HOST/PATH.")
  private String output;

  @Option(names = "--quick", description = "Footers, counts and files only: no duplicate scan.")
  private boolean quick;

  @Unmatched private List<String> storageArgs = new ArrayList<>();

  @Override
  public Integer call() {
    PrintStream out = molxform.out;
    PrintStream err = molxform.err;
    StorageOptions.register(storageArgs, output);
    String dir = Storage.folder(output);
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
