package io.molxform.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A run's job on a Flink cluster, known by the unique name the run gave it until the
 * JobManager has told its id: the id is what a claim on the output records, what the progress
 * line follows and what a stopped run cancels.
 */
public final class ClusterJob {
  private final FlinkRest rest;
  private final String name;
  private volatile String id;

  public ClusterJob(FlinkRest rest, String name) {
    this.rest = rest;
    this.name = name;
  }

  public FlinkRest rest() {
    return rest;
  }

  public String name() {
    return name;
  }

  /** The job's id once known. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /**
   * Waits until the JobManager lists the job (a submission uploads the jar first), at most
   * {@code wait}, or until {@code stillSubmitting} says the submission has ended.
   */
  public Optional<String> awaitId(Duration wait, java.util.function.BooleanSupplier stillSubmitting)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (id == null && System.nanoTime() < deadline) {
      // Read before asking: a submission that had ended by then is listed in the answer.
      boolean submitting = stillSubmitting.getAsBoolean();
      try {
        rest.jobNamed(name).ifPresent(found -> id = found);
      } catch (IOException e) {
        // Not answering for a moment; ask again.
      }
      if (id == null) {
        if (!submitting) {
          break;
        }
        Thread.sleep(200);
      }
    }
    return id();
  }

  /**
   * Cancels the job and waits until it has ended, at most {@code wait}; returns its last state
   * (or why it is unknown).
   */
  public String cancelAndWait(Duration wait) throws InterruptedException {
    String jobId = id;
    if (jobId == null) {
      return "not submitted";
    }
    try {
      Optional<String> state = rest.state(jobId);
      if (state.isEmpty() || FlinkRest.ended(state.get())) {
        return state.orElse("ended");
      }
      rest.cancel(jobId);
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    long deadline = System.nanoTime() + wait.toNanos();
    String last = "CANCELLING";
    while (System.nanoTime() < deadline) {
      try {
        Optional<String> state = rest.state(jobId);
        last = state.orElse("CANCELED");
        if (state.isEmpty() || FlinkRest.ended(last)) {
          return last;
        }
      } catch (IOException e) {
        last = "unknown (" + e.getMessage() + ")";
      }
      Thread.sleep(200);
    }
    return last + " after " + wait.toSeconds() + " s";
  }
}
