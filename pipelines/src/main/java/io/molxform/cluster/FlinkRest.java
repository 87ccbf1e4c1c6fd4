package io.molxform.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A Flink JobManager's REST API, the little of it molxform asks: the jobs, a job's state and
 * details, cancelling a job. One HTTP client per JobManager, reused for every call.
 */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Flink's states of a job that has ended for good; any other state may still write. */
  private static final Set<String> ENDED = Set.of("FINISHED", "FAILED", "CANCELED");

  private final String address;
  private final HttpClient http;

  /** @param address the REST endpoint and web UI, {@code http://host:port} */
  public FlinkRest(String address) {
    this.address = address;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  }

  public String address() {
    return address;
  }

  /** Whether a job in {@code state} has ended and can no longer touch its output. */
  public static boolean ended(String state) {
    return ENDED.contains(state);
  }

  /** The JSON at {@code path}; an {@link IOException} when the JobManager does not answer. */
  public JsonNode get(String path) throws IOException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(address + path))
        .timeout(Duration.ofSeconds(5)).GET().build());
    if (response.statusCode() == 404) {
      throw new NotFound(address + path);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + response.statusCode() + " from " + address + path);
    }
    return JSON.readTree(response.body());
  }

  /** The job's state; empty when the JobManager knows no such job (ended and forgotten). */
  public Optional<String> state(String jobId) throws IOException {
    try {
      return Optional.of(get("/jobs/" + jobId).path("state").asText());
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  /** The id of the newest job named {@code name}, if the JobManager has one. */
  public Optional<String> jobNamed(String name) throws IOException {
    JsonNode newest = null;
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      if (job.path("name").asText().equals(name) && (newest == null
          || job.path("start-time").asLong() > newest.path("start-time").asLong())) {
        newest = job;
      }
    }
    return newest == null ? Optional.empty() : Optional.of(newest.path("jid").asText());
  }

  /** Asks the JobManager to cancel the job; it ends as CANCELED a little later. */
  public void cancel(String jobId) throws IOException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(
            URI.create(address + "/jobs/" + jobId + "?mode=cancel"))
        .timeout(Duration.ofSeconds(10))
        .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + response.statusCode() + " cancelling job " + jobId + " at "
          + address + ": " + response.body());
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + address, e);
    }
  }

  /** The JobManager answered that it knows no such thing. */
  static final class NotFound extends IOException {
    private static final long serialVersionUID = 1L;

    NotFound(String what) {
      super("not found: " + what);
    }
  }
}
