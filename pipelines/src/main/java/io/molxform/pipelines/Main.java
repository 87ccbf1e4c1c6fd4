package io.molxform.pipelines;

import io.molxform.beam.UnreadableInputException;
import io.molxform.chem.Messages;
import java.io.PrintStream;
import java.util.Arrays;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code java -jar molxform.jar COMMAND [--option=value ...]}.
 *
 * <p>Exit codes: 0 success; 1 the run or check failed; 2 a usage error (bad option, bad input,
 * unknown transform, output not usable), reported in one line.
 */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    RunnerLog.choose();
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      Help.commands(out);
      return args.length == 0 ? USAGE : OK;
    }
    String command = args[0];
    try {
      String[] rest = Arguments.mergeRepeated(
          ArgumentFiles.expand(Arrays.copyOfRange(args, 1, args.length)));
      if (Arrays.asList(rest).contains("--help")) {
        return Help.command(command, out);
      }
      return switch (command) {
        case "run" -> RunCommand.main(rest, out, err);
        case "transforms" -> TransformsCommand.main(rest, out);
        case "verify" -> VerifyCommand.main(rest, out, err);
        case "apply" -> ApplyCommand.main(rest, out);
        case "generate" -> GenerateCommand.main(rest, out, err);
        case "inspect" -> InspectCommand.main(rest, out);
        case "bench-chemistry" -> ChemistryBenchmark.main(rest, out);
        case "--version", "version" -> {
          out.println(Version.describe());
          yield OK;
        }
        default -> throw new UsageException("unknown command '" + command
            + "'; commands: " + String.join(", ", Help.COMMANDS));
      };
    } catch (UsageException e) {
      err.println("molxform: " + e.getMessage());
      return USAGE;
    } catch (RuntimeException e) {
      // Not a static logger: logging must start after RunnerLog has named this process's file.
      LoggerFactory.getLogger(Main.class).error("{} failed", command, e);
      err.println("molxform: " + command + " failed: " + userMessage(e));
      if (System.getenv("MOLXFORM_DEBUG") != null) {
        e.printStackTrace(err);
      } else {
        err.println("  (the stack trace and the runner's messages: " + RunnerLog.path()
            + "; MOLXFORM_DEBUG=1 prints the trace here)");
      }
      return FAILED;
    }
  }

  /**
   * What the user needs from a failure, in one line: an unreadable input names its file and row
   * group however deep the runner wrapped it; anything else, its message and root cause.
   */
  static String userMessage(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnreadableInputException unreadable) {
        return unreadable.getMessage() + "; --skipUnreadableRowGroups=true skips it, its rows "
            + "counted as rejects and listed in the manifest";
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return rootMessage(e);
  }

  static String rootMessage(Throwable e) {
    Throwable root = Messages.rootCause(e);
    String message = root == e ? String.valueOf(e.getMessage())
        : e.getMessage() + " (cause: " + root.getClass().getSimpleName() + ": "
            + root.getMessage() + ")";
    return Messages.firstLine(message);
  }
}
