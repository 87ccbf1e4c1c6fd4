package io.molxform.pipeline;

import io.molxform.UsageException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.beam.runners.flink.FlinkPipelineOptions;

/**
 * Where a run's pipeline executes, decided once from the options: in this process on a runner
 * that holds its data in memory (the DirectRunner), on Flink embedded in this process, or on a
 * Flink cluster. The spill place, the dedup's key placement, the cluster check and the progress
 * line all read it here rather than each deciding again.
 *
 * @param runner the runner's name, as the user wrote it in {@code --runner}
 * @param workers the tasks Flink runs each step on: {@code --parallelism}, or for embedded Flink
 *     its default of one per core; 0 where this process cannot know (a cluster's own default),
 *     and 1 for in-memory runners
 * @param clusterHost a cluster's JobManager; null for runs in this process
 * @param clusterPort its REST port (0 for runs in this process)
 */
public record RunnerProfile(Kind kind, String runner, int workers, String clusterHost,
    int clusterPort) {
  /** The three ways a run executes. */
  public enum Kind { IN_MEMORY, EMBEDDED_FLINK, FLINK_CLUSTER }

  private static final int FLINK_REST_PORT = 8081;

  /** Reads the runner, {@code --flinkMaster} and {@code --parallelism}. */
  public static RunnerProfile of(MolxformOptions options) {
    String runner = options.getRunner().getSimpleName();
    if (!runner.equals("FlinkRunner")) {
      return new RunnerProfile(Kind.IN_MEMORY, runner, 1, null, 0);
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    int parallelism = Math.max(0, flink.getParallelism());
    String master = flink.getFlinkMaster();
    // Beam's Flink runner starts Flink in this process for "[local]", "[auto]" (its default)
    // and "[collection]"; any other value is a JobManager's address.
    if (master == null || master.startsWith("[")) {
      return new RunnerProfile(Kind.EMBEDDED_FLINK, runner,
          parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors(), null, 0);
    }
    String hostPort = master.replaceFirst("^https?://", "");
    int colon = hostPort.lastIndexOf(':');
    return new RunnerProfile(Kind.FLINK_CLUSTER, runner, parallelism,
        colon < 0 ? hostPort : hostPort.substring(0, colon),
        colon < 0 ? FLINK_REST_PORT : portOf(hostPort.substring(colon + 1)));
  }

  public boolean onFlink() {
    return kind != Kind.IN_MEMORY;
  }

  public boolean embeddedFlink() {
    return kind == Kind.EMBEDDED_FLINK;
  }

  /** The cluster's web UI and REST API, {@code http://host:port}; null for runs in this process. */
  public String clusterUi() {
    return clusterHost == null ? null : "http://" + clusterHost + ":" + clusterPort;
  }

  /** For a cluster run, checks that its JobManager answers before anything is built. */
  void checkClusterAnswers() {
    if (clusterHost == null) {
      return;
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(clusterHost, clusterPort), 3000);
    } catch (IOException e) {
      throw new UsageException("cannot reach the Flink master at " + clusterHost + ":"
          + clusterPort + " ("
          + e.getMessage() + "); start a cluster with runners-config/flink-cluster/start.sh, "
          + "or leave out --flinkMaster to run on Flink embedded in this process");
    }
  }

  private static int portOf(String port) {
    try {
      return Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new UsageException("bad value for --flinkMaster: the port '" + port
          + "' is not a number");
    }
  }
}
