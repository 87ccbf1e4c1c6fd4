package io.molxform.cli;

import io.molxform.Version;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;

/** The commands, and the streams they print to (the process's, or a test's). */
@Command(name = "molxform", mixinStandardHelpOptions = true,
    versionProvider = MolxformCommand.Versions.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Applies named chemical transforms (to each molecule, or to each molecule "
        + "with each building block of a list) to a library of molecules (Parquet, SMILES, CSV or "
        + "SD files), deduplicates the products library-wide and writes them as Parquet.",
    subcommands = {RunCommand.class, TransformsCommand.class, ApplyCommand.class,
        InspectCommand.class, VerifyCommand.class, GenerateCommand.class,
        BenchChemistryCommand.class, VersionCommand.class, HelpCommand.class},
    footer = {"", "Options may also come from a file: run @runners-config/flink-local.args",
        "Exit codes: 0 success, 1 failure, 2 usage error (bad option, input or output)."})
final class MolxformCommand {
  final PrintStream out;
  final PrintStream err;

  MolxformCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static final class Versions implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {Version.describe()};
    }
  }
}
