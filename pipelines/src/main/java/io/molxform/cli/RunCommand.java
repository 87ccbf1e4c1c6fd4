package io.molxform.cli;

import io.molxform.UsageException;
import io.molxform.beam.RunTimeline;
import io.molxform.beam.write.ShardFiles;
import io.molxform.chem.Messages;
import io.molxform.output.format.Manifest;
import io.molxform.pipeline.MolxformOptions;
import io.molxform.pipeline.ObjectStoreOptions;
import io.molxform.pipeline.RunPlan;
import io.molxform.pipeline.SpillPlace;
import io.molxform.storage.StoreErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * {@code molxform run}: checks everything it can, runs the pipeline, prints the summary. Its
 * options are the pipeline's ({@code MolxformOptions}) and the runner's, which Beam reads; picocli
 * hands them over untouched.
 */
@Command(name = "run", description = "Apply transforms to a library (options: run --help).")
final class RunCommand implements Callable<Integer> {
  /** What a finished run leaves: where, and its manifest (null when the run was detached). */
  record Outcome(String output, Manifest manifest) {}

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @ParentCommand private MolxformCommand molxform;

  @Unmatched private List<String> pipelineArgs = new ArrayList<>();

  @Override
  public Integer call() {
    RunTimeline.mark("command");
    if (pipelineArgs.contains("--help") || pipelineArgs.contains("-h")) {
      RunHelp.print(molxform.out);
      return Main.OK;
    }
    MolxformOptions options = parseOptions(pipelineArgs.toArray(String[]::new));
    RunTimeline.mark("options");
    Outcome outcome = run(options, runnerGiven(pipelineArgs), molxform.err);
    if (outcome.manifest() == null) {
      return Main.OK;
    }
    if (!options.getQuiet()) {
      Summary.print(outcome.manifest(), outcome.output(), molxform.out);
    }
    return Main.OK;
  }

  /**
   * Parses {@code run}'s arguments. With no {@code --runner}, the job runs on Flink embedded in
   * this process, the runner that serves any library size on one machine (or, decided once the
   * library's size is known, a small run on the DirectRunner: {@code --directRunnerBelow}).
   */
  static MolxformOptions parseOptions(String[] args) {
    List<String> list = ObjectStoreOptions.sparingRegionLookup(Arrays.asList(args));
    if (!runnerGiven(list)) {
      list.add("--runner=FlinkRunner");
    }
    PipelineOptionsFactory.register(MolxformOptions.class);
    PipelineOptionsFactory.register(ObjectStoreOptions.class);
    MolxformOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(list.toArray(String[]::new))
          .as(MolxformOptions.class);
    } catch (IllegalArgumentException e) {
      throw new UsageException(explained(list, e));
    }
    return options;
  }

  private static boolean runnerGiven(List<String> args) {
    return args.stream().anyMatch(a -> a.startsWith("--runner=") || a.equals("--runner"));
  }

  /**
   * Names the argument Beam refused, which its own messages leave out: one that Beam refuses on
   * its own, or an option given twice that takes one value (Beam joins the values of a list
   * option given twice, and refuses any other with "expected one element").
   */
  private static String explained(List<String> args, IllegalArgumentException refusal) {
    for (String arg : args) {
      try {
        PipelineOptionsFactory.fromArgs(arg).as(MolxformOptions.class);
      } catch (IllegalArgumentException e) {
        return "bad option " + arg + ": " + Messages.firstLine(refusal.getMessage());
      }
    }
    Map<String, String> given = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        continue;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String earlier = given.putIfAbsent(name, arg);
      if (earlier == null) {
        continue;
      }
      try {
        PipelineOptionsFactory.fromArgs(earlier, arg).as(MolxformOptions.class);
      } catch (IllegalArgumentException e) {
        return name + " is given twice (" + valueOf(earlier) + " and " + valueOf(arg)
            + "); give it once";
      }
    }
    return Messages.firstLine(refusal.getMessage());
  }

  private static String valueOf(String arg) {
    return arg.contains("=") ? "'" + arg.substring(arg.indexOf('=') + 1) + "'" : "as a flag";
  }

  /**
   * Runs the job to its end; throws on any failure, with the output left without manifest and
   * without the run's temporary folder. The output's claim ends either way.
   *
   * @param runnerGiven whether the command line named the runner (else the plan may choose)
   */
  static Outcome run(MolxformOptions options, boolean runnerGiven, PrintStream err) {
    RunPlan plan = RunPlan.prepare(options, runnerGiven);
    RunTimeline.mark("plan");
    ClusterSubmission cluster = null;
    boolean detached = false;
    boolean failed = false;
    try {
      cluster = ClusterSubmission.forRun(plan, err);
      Outcome outcome = runPlanned(plan, cluster, err);
      detached = outcome.manifest() == null;
      return outcome;
    } catch (RuntimeException e) {
      failed = true;
      LOG.info("the run failed; removing its temporary folder {}", plan.tempDirectory());
      try {
        ShardFiles.removeTemporaryFolder(plan.tempDirectory());
      } catch (IOException | RuntimeException cleanup) {
        LOG.warn("could not remove the temporary folder {}", plan.tempDirectory(), cleanup);
        // A store that is down fails the run and its cleanup alike: the failure's one line says
        // so, and the next --overwrite removes the folder.
        if (!options.getQuiet()
            && !(StoreErrors.isTransient(e) && StoreErrors.isTransient(cleanup))) {
          err.println("[molxform] could not remove the temporary folder " + plan.tempDirectory()
              + ": " + Messages.firstLine(cleanup.getMessage()));
        }
      }
      throw e;
    } finally {
      if (!detached) {
        // A detached run's job holds the output and ends the claim when it commits.
        if (cluster != null) {
          cluster.stopRecording();
        }
        plan.claim().release();
      }
      plan.spill().release();
      RunTimeline.mark("end");
      LOG.info(RunTimeline.line());
      // A process that runs again (a test's JVM) starts the next timeline afresh.
      RunTimeline.reset();
      if (cluster != null) {
        cluster.runEnded();
        if (failed && cluster.stopping()) {
          // Stopped by the user: the stop hook says so once, now that this cleanup is done.
          parkUntilExit();
        }
      }
    }
  }

  /** Waits for the JVM's exit, which the stop hook is finishing. */
  private static void parkUntilExit() {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // Keep waiting: the process is exiting.
      }
    }
  }

  private static Outcome runPlanned(RunPlan plan, ClusterSubmission cluster, PrintStream err) {
    MolxformOptions options = plan.options();
    if (options.getDetached() && cluster == null) {
      throw new UsageException("--detached submits to a cluster (--flinkMaster=HOST:PORT); "
          + "a run in this process ends with it");
    }
    Pipeline pipeline = Pipeline.create(options);
    plan.addTo(pipeline);
    RunTimeline.mark("pipeline");
    PipelineResult.State state;
    if (!options.getQuiet()) {
      err.println("[molxform] " + plan.spill().description());
      err.println("[molxform] log (the run's plan and decisions, the runner's warnings and "
          + "errors): " + RunnerLog.path());
    }
    if (options.getDetached()) {
      pipeline.run();
      cluster.submitted();
      try {
        cluster.printDetached(err);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the job was being submitted", e);
      }
      return new Outcome(plan.output(), null);
    }
    try (Progress progress = options.getQuiet() ? null : Progress.start(err,
        plan.library().rowsToRead(), options.getProgressSeconds(),
        cluster == null ? null : cluster.job(), plan.spill())) {
      try {
        state = pipeline.run().waitUntilFinish();
        RunTimeline.mark("job");
      } finally {
        if (cluster != null) {
          cluster.submitted();
        }
      }
    } catch (RuntimeException e) {
      if (SpillPlace.isDiskFull(e)) {
        throw new IllegalStateException("a disk filled up (No space left on device): "
            + (plan.spill().directory() == null ? "" : "the spill folder "
                + plan.spill().directory() + " or ") + "the output " + plan.output()
            + "; free space there, or choose another disk with --spillDirectory", e);
      }
      throw e;
    }
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the pipeline ended in state " + state
          + "; the output has no manifest and is not a finished output");
    }
    return new Outcome(plan.output(), readManifest(plan.output()));
  }

  static Manifest readManifest(String output) {
    try {
      Manifest manifest = Manifest.read(output);
      if (manifest == null) {
        throw new IllegalStateException("the pipeline finished but wrote no manifest in "
            + output);
      }
      return manifest;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the manifest in " + output + ": " + e, e);
    }
  }

}
