package io.molxform.cli;

import io.molxform.beam.write.ShardFiles;
import io.molxform.chem.Messages;
import io.molxform.cluster.ClusterJob;
import io.molxform.cluster.FlinkRest;
import io.molxform.pipeline.RunPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a run's job on a Flink cluster, which must never outlive the run that owns its
 * output unless the user asked for that ({@code --detached}).
 *
 * <ul>
 *   <li>The job gets a name unique to the run, by which the JobManager tells its id; the id then
 *       goes into the output's claim, so the claim lasts as long as the job, whatever becomes of
 *       this process.
 *   <li>Stopping this process (Ctrl-C, SIGTERM) cancels the job, waits until the cluster says it
 *       has ended, lets the run remove its temporary folder and release the output, and says so
 *       in one line.
 *   <li>A detached run submits, records the job in the claim, prints how to follow the job and
 *       returns; the job commits the output and ends the claim itself.
 * </ul>
 */
final class ClusterSubmission {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSubmission.class);
  /** How long a stopped run waits for its own thread to clean up after the cancelled job. */
  private static final Duration CLEANUP_WAIT = Duration.ofSeconds(30);

  private final RunPlan plan;
  private final PrintStream err;
  private final ClusterJob job;
  private final Duration cancelWait;
  private final CountDownLatch cleanedUp = new CountDownLatch(1);
  private final Thread stopHook;
  private final Thread recorder;
  private volatile boolean submitting = true;
  private volatile boolean stopping;

  private ClusterSubmission(RunPlan plan, PrintStream err) {
    this.plan = plan;
    this.err = err;
    FlinkPipelineOptions flink = plan.options().as(FlinkPipelineOptions.class);
    String name = "molxform-" + plan.runId();
    flink.setJobName(name);
    // Detached, Beam's Flink runner submits and returns; attached, it waits for the job's end
    // and hands its failure on as it happened (the cause's own exception).
    flink.setAttachedMode(!plan.options().getDetached());
    this.job = new ClusterJob(new FlinkRest(plan.runner().clusterUi()), name);
    this.cancelWait = Duration.ofSeconds(plan.options().getCancelWaitSeconds());
    this.stopHook = new Thread(this::stop, "molxform-cancel-cluster-job");
    this.recorder = new Thread(this::recordJob, "molxform-record-cluster-job");
    this.recorder.setDaemon(true);
  }

  /** Names the job and arms the stop hook; null for a run that does not go to a cluster. */
  static ClusterSubmission forRun(RunPlan plan, PrintStream err) {
    if (plan.runner().clusterUi() == null) {
      return null;
    }
    ClusterSubmission submission = new ClusterSubmission(plan, err);
    Runtime.getRuntime().addShutdownHook(submission.stopHook);
    submission.recorder.start();
    return submission;
  }

  ClusterJob job() {
    return job;
  }

  /** Waits for the JobManager to list the job, then hands the output's claim to it. */
  private void recordJob() {
    try {
      Optional<String> id = job.awaitId(Duration.ofDays(365), () -> submitting);
      if (id.isPresent()) {
        plan.claim().heldByJob(id.get(), job.rest().address());
        LOG.info("cluster job {} ({}) holds the output {}", id.get(), job.name(), plan.output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("could not record the cluster job in the claim on {}", plan.output(), e);
    }
  }

  /**
   * Stops handing the claim to the job, and waits for a hand-over under way: the run is about to
   * release the claim, which a late hand-over would write again.
   */
  void stopRecording() {
    recorder.interrupt();
    try {
      recorder.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The submission returned (detached) or the job ended (attached). */
  void submitted() {
    submitting = false;
  }

  /**
   * After a detached submission: waits until the job is known and in the claim, and tells the
   * user how to follow it.
   */
  void printDetached(PrintStream out) throws InterruptedException {
    recorder.join(TimeUnit.SECONDS.toMillis(60));
    String ui = job.rest().address();
    if (job.id().isEmpty()) {
      // Submitted all the same: failing here would remove the folder the job writes.
      out.println("[molxform] submitted cluster job " + job.name() + " (run " + plan.runId()
          + "), but the JobManager at " + ui + " did not list it within 60 s, so the claim on "
          + plan.output() + " names this process rather than the job; follow it in " + ui);
      return;
    }
    String id = job.id().get();
    out.println("[molxform] submitted cluster job " + id + " (run " + plan.runId() + "); it "
        + "writes " + plan.output() + " and holds it until it ends");
    out.println("[molxform] follow it: " + ui + "/#/job/" + id + "/overview, or curl "
        + ui + "/jobs/" + id);
    out.println("[molxform] when it has finished: java -jar pipelines/target/molxform.jar "
        + "verify " + plan.output());
    out.println("[molxform] to stop it: curl -X PATCH '" + ui + "/jobs/" + id + "?mode=cancel'");
  }

  /** Whether this process is being stopped: the run's failure is the stop, not news. */
  boolean stopping() {
    return stopping;
  }

  /** The run has removed its temporary folder and released its claim, or left them to the job. */
  void runEnded() {
    submitting = false;
    cleanedUp.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(stopHook);
    } catch (IllegalStateException alreadyStopping) {
      // The hook is running: it waits for this very call.
    }
  }

  /** The shutdown hook: cancel the job, wait for it, let the run clean up, say so once. */
  private void stop() {
    stopping = true;
    try {
      err.println("[molxform] stopping: cancelling the cluster job "
          + job.id().orElse(job.name()) + " (at most " + cancelWait.toSeconds() + " s)");
      Optional<String> id = job.awaitId(cancelWait, () -> submitting);
      String state = id.isPresent() ? job.cancelAndWait(cancelWait) : "never reached the cluster";
      boolean cleaned = cleanedUp.await(CLEANUP_WAIT.toSeconds(), TimeUnit.SECONDS);
      if (!cleaned) {
        // The run's thread did not get there (still submitting, or stuck): clean up here.
        ShardFiles.removeTemporaryFolder(plan.tempDirectory());
        plan.claim().release();
      }
      err.println(state.equals("FINISHED")
          ? "[molxform] stopped after cluster job " + id.orElse(job.name()) + " had FINISHED;"
              + " its output is committed"
          : "[molxform] stopped: cluster job " + id.orElse(job.name()) + " " + state
              + "; the temporary folder is removed and the output released, without a manifest");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      err.println("[molxform] stopped, but could not clean up " + plan.tempDirectory() + ": "
          + Messages.firstLine(e.getMessage()));
    }
  }
}
