package io.molxform.cli;

import io.molxform.UsageException;
import io.molxform.beam.RunTimeline;
import io.molxform.beam.read.UnreadableInputException;
import io.molxform.chem.Messages;
import io.molxform.storage.StoreErrors;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The command line: {@code java -jar molxform.jar COMMAND [--option=value ...]}, parsed by
 * picocli ({@link MolxformCommand} lists the commands). {@code run}'s options are the pipeline's
 * options, which Beam's {@code PipelineOptionsFactory} reads (see {@link RunCommand}).
 *
 * <p>Before any command reads its arguments, {@code @FILE} profiles are expanded and repeated
 * options merged or refused ({@link ArgumentFiles}, {@link Arguments}), the same for every
 * command.
 *
 * <p>Exit codes: 0 success; 1 the run or check failed; 2 a usage error (bad option, bad input,
 * unknown transform, output not usable), reported in one line.
 */
public final class Main {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    RunnerLog.choose();
    RunTimeline.mark("main");
    WarmUp.startFor(args);
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = commandLine(out, err);
    if (args.length == 0) {
      cli.usage(out);
      return USAGE;
    }
    String command = args[0];
    try {
      if (!command.startsWith("-") && !cli.getSubcommands().containsKey(command)) {
        throw new UsageException("unknown command '" + command + "'; commands: "
            + String.join(", ", cli.getSubcommands().keySet()));
      }
      String[] rest = ArgumentFiles.expand(Arrays.copyOfRange(args, 1, args.length));
      Secrets.remember(rest);
      String[] expanded = new String[rest.length + 1];
      expanded[0] = command;
      System.arraycopy(rest, 0, expanded, 1, rest.length);
      return cli.execute(expanded);
    } catch (UsageException e) {
      err.println("molxform: " + Secrets.hide(e.getMessage()));
      return USAGE;
    }
  }

  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new MolxformCommand(out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExpandAtFiles(false);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    NumberConverters.register(cli);
    cli.setParameterExceptionHandler(Main::usageError);
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failure(e, parsed, err));
    return cli;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command.getErr().println("molxform: " + Secrets.hide(Messages.firstLine(e.getMessage()))
        + "; see "
        + command.getCommandSpec().qualifiedName(" ").replaceFirst("^molxform ", "")
        + " --help");
    return USAGE;
  }

  private static int failure(Exception e, ParseResult parsed, PrintStream err) {
    if (e instanceof UsageException) {
      err.println("molxform: " + Secrets.hide(e.getMessage()));
      return USAGE;
    }
    List<CommandLine> commands = parsed.asCommandLineList();
    String command = commands.get(commands.size() - 1).getCommandName();
    // Not a static logger: logging must start after RunnerLog has named this process's file.
    LoggerFactory.getLogger(Main.class).error("{} failed", command, e);
    err.println("molxform: " + command + " failed: " + Secrets.hide(userMessage(e)));
    if (System.getenv("MOLXFORM_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("  (the stack trace and the runner's messages: " + RunnerLog.path()
          + "; MOLXFORM_DEBUG=1 prints the trace here)");
    }
    return FAILED;
  }

  /**
   * What the user needs from a failure, in one line: an unreadable input names its file and row
   * group however deep the runner wrapped it; anything else, its message and root cause.
   */
  static String userMessage(Throwable e) {
    if (StoreErrors.isTransient(e)) {
      // The store did not answer through all its retries: say so, and never advise skipping.
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof StoreErrors.StoreUnavailableException unavailable) {
          return unavailable.getMessage();
        }
        if (cause.getCause() == cause) {
          break;
        }
      }
      return "a store did not answer within its retries (--storeRetrySeconds): "
          + Messages.firstLine(Messages.rootCause(e).toString());
    }
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
