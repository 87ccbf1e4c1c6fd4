package io.molxform.pipeline;

import static io.molxform.testing.Outputs.productRows;
import static io.molxform.testing.Outputs.products;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.molxform.testing.Molxform;
import io.molxform.testing.ObjectStore;
import io.molxform.testing.TestLibraries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pipeline on a real standalone Flink session cluster, started and stopped by the project's
 * scripts (runners-config/flink-cluster): exact and Bloom dedup against the DirectRunner; then a
 * rehearsal of a cluster of many hosts, whose TaskManagers share no folder with the client or
 * each other (each its own working directory and io.tmp.dirs) and whose only shared place is an
 * object store (runners-config/object-store): exact and Bloom jobs read and write {@code s3://},
 * and a TaskManager killed with SIGKILL in the middle of a run is replaced; the outputs equal the
 * same library run on local disk.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {
  static final Path SCRIPTS = Path.of("../runners-config/flink-cluster").toAbsolutePath();
  static final Path WORK = Path.of("target/flink-it").toAbsolutePath();
  static final Path CLUSTER = WORK.resolve("cluster");
  static int restPort;
  static ObjectStore store;

  @BeforeAll
  static void startCluster() throws Exception {
    Files.createDirectories(WORK);
    store = ObjectStore.start(WORK.resolve("store"));
    Outcome started = script("start.sh", "--taskmanagers=1");
    assertEquals(0, started.exit(), started.output());
    restPort = Integer.parseInt(Files.readAllLines(CLUSTER.resolve("cluster.env")).stream()
        .filter(l -> l.startsWith("REST_PORT=")).findFirst().get().substring(10));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Outcome stopped = script("stop.sh");
    store.stop();
    assertEquals(0, stopped.exit(), stopped.output());
  }

  @Test
  @Order(1)
  void exactAndBloomOnTheClusterAgreeWithTheDirectRunner() throws Exception {
    Path direct = WORK.resolve("direct");
    Molxform.Result local = Molxform.molxform("run",
        "--runner=DirectRunner", "--quiet=true", "--input=" + TestLibraries.POLYPHENOLS,
        "--output=" + direct, "--overwrite");
    assertEquals(0, local.exit(), local.err());

    Path exact = WORK.resolve("cluster-exact");
    Outcome cluster = molxformJar("run", "--input=" + TestLibraries.POLYPHENOLS.toAbsolutePath(),
        "--output=" + exact, "--overwrite");
    assertEquals(0, cluster.exit(), cluster.output());
    assertTrue(cluster.output().contains("web UI at http://127.0.0.1:" + restPort),
        cluster.output());
    assertEquals(productRows(direct), productRows(exact),
        "the cluster's products equal the DirectRunner's: same set, same representatives");
    assertVerified(exact);

    Path bloom = WORK.resolve("cluster-bloom");
    Outcome bloomRun = molxformJar("run", "--input=" + TestLibraries.POLYPHENOLS.toAbsolutePath(),
        "--output=" + bloom, "--overwrite", "--dedup=bloom", "--expectedProducts=1000",
        "--bloomFpp=0.001", "--bloomShards=4");
    assertEquals(0, bloomRun.exit(), bloomRun.output());
    Set<String> exactProducts = products(exact);
    Set<String> bloomProducts = products(bloom);
    assertTrue(exactProducts.containsAll(bloomProducts), "Bloom keeps only real products");
    // At 0.1 % per lookup about 0.3 of 258 candidates are expected to be lost; 3 is far out.
    assertTrue(exactProducts.size() - bloomProducts.size() <= 3,
        (exactProducts.size() - bloomProducts.size()) + " products lost");
    assertVerified(bloom);
  }

  @Test
  @Order(2)
  void exactAndBloomOnWorkersThatShareOnlyTheObjectStore() throws Exception {
    Path local = WORK.resolve("store-local");
    ok(Molxform.molxform("generate", "--rows=3000", "--seed=3", "--output=" + local + "/library",
        "--overwrite"));
    Molxform.Result embedded = Molxform.molxform("run", "--quiet=true",
        "--input=" + local + "/library/*.parquet", "--output=" + local + "/products",
        "--overwrite");
    assertEquals(0, embedded.exit(), embedded.err());

    Outcome generated = molxformJarHere("generate", store.argsOption(), "--rows=3000",
        "--seed=3", "--output=" + store.uri("library"), "--overwrite");
    assertEquals(0, generated.exit(), generated.output());
    Outcome exact = molxformJar("run", store.argsOption(),
        "--input=" + store.uri("library/*.parquet"), "--output=" + store.uri("exact"));
    assertEquals(0, exact.exit(), exact.output());
    assertTrue(exact.output().contains("transforming: "), "progress shows rows and products: "
        + exact.output());
    assertEquals(productRows(local.resolve("products")), productRows(store.objectFile("exact")),
        "the cluster's products through S3 equal the local run's");
    assertVerifiedInStore("exact");

    Outcome bloom = molxformJar("run", store.argsOption(),
        "--input=" + store.uri("library/*.parquet"), "--output=" + store.uri("bloom"),
        "--dedup=bloom", "--expectedProducts=20000", "--bloomFpp=0.001");
    assertEquals(0, bloom.exit(), bloom.output());
    Set<String> exactProducts = products(store.objectFile("exact"));
    Set<String> bloomProducts = products(store.objectFile("bloom"));
    assertTrue(exactProducts.containsAll(bloomProducts), "Bloom keeps only real products");
    assertTrue(exactProducts.size() - bloomProducts.size() <= 5,
        (exactProducts.size() - bloomProducts.size()) + " products lost");
    assertVerifiedInStore("bloom");

    // Each TaskManager spills and works in its own folder, as on a host of its own.
    Path taskManagerLog = CLUSTER.resolve("log/taskmanager-1.log");
    assertTrue(Files.readString(taskManagerLog).contains("io.tmp.dirs, "
        + CLUSTER.resolve("hosts/taskmanager-1/tmp")), "own io.tmp.dirs in " + taskManagerLog);
    // The credential travels to the workers inside the job, and is written nowhere on the way.
    String credential = store.credential();
    for (String printed : List.of(generated.output(), exact.output(), bloom.output())) {
      assertFalse(printed.contains(credential), "the credential was printed");
    }
    try (Stream<Path> logs = Files.list(CLUSTER.resolve("log"))) {
      for (Path log : logs.toList()) {
        assertFalse(Files.readString(log, StandardCharsets.ISO_8859_1).contains(credential),
            "the credential is in " + log);
      }
    }
  }

  @Test
  @Order(3)
  void aKilledTaskManagerIsReplacedAndTheOutputInTheStoreIsTheSame() throws Exception {
    Path library = WORK.resolve("library");
    Molxform.Result generated = Molxform.molxform("generate",
        "--rows=60000", "--output=" + library, "--seed=5", "--overwrite");
    assertEquals(0, generated.exit(), generated.err());
    Outcome inStore = molxformJarHere("generate", store.argsOption(), "--rows=60000",
        "--seed=5", "--output=" + store.uri("library60k"), "--overwrite");
    assertEquals(0, inStore.exit(), inStore.output());

    Path undisturbed = WORK.resolve("undisturbed");
    long t0 = System.nanoTime();
    Outcome baseline = molxformJar("run", "--input=" + library + "/*.parquet",
        "--output=" + undisturbed, "--overwrite");
    double baselineSeconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(0, baseline.exit(), baseline.output());

    Path disturbed = store.objectFile("disturbed");
    Path log = WORK.resolve("disturbed.log");
    long started = System.nanoTime();
    Process run = startJar(log, "run", store.argsOption(),
        "--input=" + store.uri("library60k/*.parquet"), "--output=" + store.uri("disturbed"));
    String jobId = waitForRunningJob(run);
    Thread.sleep((long) (baselineSeconds * 1000 * 0.4));
    assertTrue(run.isAlive(), "the run is still going when the TaskManager is killed");
    Outcome killed = script("taskmanager.sh", "kill");
    assertEquals(0, killed.exit(), killed.output());
    long killedAt = System.nanoTime();
    Outcome added = script("taskmanager.sh", "add");
    assertEquals(0, added.exit(), added.output());

    long runningAgainAt = 0;
    boolean restarted = false;
    while (run.isAlive()) {
      String state = jobState(jobId);
      restarted |= state.equals("RESTARTING") || state.equals("FAILING");
      if (restarted && runningAgainAt == 0 && state.equals("RUNNING")) {
        runningAgainAt = System.nanoTime();
      }
      Thread.sleep(200);
    }
    long finished = System.nanoTime();
    assertEquals(0, run.exitValue(), Files.readString(log));
    // A batch job whose lost tasks form a region of their own restarts that region only, and
    // the job's state stays RUNNING; the job's exception history records the loss either way.
    restarted |= taskFailures(jobId) > 0;
    assertTrue(restarted, "the job restarted after the TaskManager was lost");
    assertEquals(productRows(undisturbed), productRows(disturbed),
        "the recovered run, through S3, wrote exactly the undisturbed local run's products");
    assertVerifiedInStore("disturbed");

    String report = String.format(java.util.Locale.ROOT,
        "failover: undisturbed run %.1f s; disturbed run %.1f s; TaskManager killed %.1f s in;"
            + " job running again %.1f s after the kill (new TaskManager started by the test);"
            + " finished %.1f s after the kill",
        baselineSeconds, (finished - started) / 1e9, (killedAt - started) / 1e9,
        runningAgainAt == 0 ? Double.NaN : (runningAgainAt - killedAt) / 1e9,
        (finished - killedAt) / 1e9);
    System.out.println(report);
    Files.writeString(WORK.resolve("failover-report.txt"), report + "\n");
  }

  // ---- helpers

  record Outcome(int exit, String output) {}

  static Outcome script(String name, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(name).toString()));
    command.addAll(List.of(args));
    return run(command, Map.of("MOLXFORM_FLINK_DIR", CLUSTER.toString()), 300);
  }

  private List<String> jarCommand(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target/molxform.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:" + restPort,
        "--parallelism=2", "--progressSeconds=5"));
    return command;
  }

  @Test
  @Order(4)
  void aBuildingBlockJobOnTheClusterAgreesWithTheDirectRunner() throws Exception {
    StringBuilder acids = new StringBuilder("id,smiles\n");
    for (int i = 1; i <= 40; i++) {
      acids.append("acid-").append(i).append(',').append("C".repeat(i % 10 + 1))
          .append(i % 3 == 0 ? "(C)C(=O)O" : "C(=O)O").append('\n');
    }
    Path list = Files.writeString(WORK.resolve("acids.csv"), acids);
    String[] job = {"--input=" + TestLibraries.POLYPHENOLS.toAbsolutePath(),
        "--transform=FG_PHENOL_OH__OH__TO__OCOR,FG_PHENOL_OH__OH__TO__OMe",
        "--reagents=" + list.toAbsolutePath(), "--reagentSample=8", "--overwrite"};
    Path direct = WORK.resolve("direct-reagents");
    List<String> local = new ArrayList<>(List.of("run", "--runner=DirectRunner", "--quiet=true",
        "--output=" + direct));
    local.addAll(List.of(job));
    Molxform.Result directRun = Molxform.molxform(local.toArray(String[]::new));
    assertEquals(0, directRun.exit(), directRun.err());

    Path cluster = WORK.resolve("cluster-reagents");
    List<String> remote = new ArrayList<>(List.of("run", "--output=" + cluster));
    remote.addAll(List.of(job));
    Outcome clusterRun = molxformJar(remote.toArray(String[]::new));
    assertEquals(0, clusterRun.exit(), clusterRun.output());
    Set<String> rows = productRows(direct);
    assertTrue(rows.stream().anyMatch(row -> row.contains("acid-")), "rows carry reagent ids");
    assertEquals(rows, productRows(cluster),
        "the cluster's building-block products equal the DirectRunner's, reagent ids included");
    assertVerified(cluster);
  }

  /**
   * A cluster job lives as long as the run that owns its output, or as the claim says:
   * <ul>
   *   <li>a client stopped with SIGTERM cancels its job, waits for it, and leaves the output
   *       released and without its temporary folder;
   *   <li>a client killed with SIGKILL leaves its job running and holding the output: a second
   *       run with --overwrite is refused naming the job, verify says the output is in progress,
   *       and when the job ends the output it committed verifies and has the undisturbed rows;
   *   <li>a detached run returns at once and its job commits the output and ends the claim;
   *   <li>a merge-and-write task that fails after merging a bucket (a fault the test injects)
   *       is retried from the same files, with the same rows.
   * </ul>
   */
  @Test
  @Order(5)
  void aClusterJobLivesAsLongAsItsRunOrItsClaim() throws Exception {
    Path library = WORK.resolve("library");
    if (!Files.exists(library)) {
      ok(Molxform.molxform("generate", "--rows=60000", "--output=" + library, "--seed=5"));
    }
    String input = "--input=" + library + "/*.parquet";
    Path undisturbed = WORK.resolve("lifecycle-undisturbed");
    Outcome baseline = molxformJar("run", input, "--output=" + undisturbed, "--overwrite");
    assertEquals(0, baseline.exit(), baseline.output());

    // A library large enough that its job is still running while the test acts on it: the
    // 60,000 rows take about 10 s of chemistry on a warm cluster, which a progress line every
    // 5 s, from counts the REST API refreshes every 3 s, can miss altogether.
    Path larger = WORK.resolve("library-200k");
    if (!Files.exists(larger)) {
      ok(Molxform.molxform("generate", "--rows=200000", "--output=" + larger, "--seed=6"));
    }
    String largerInput = "--input=" + larger + "/*.parquet";

    // SIGTERM: the job is cancelled and the output released.
    Path stopped = WORK.resolve("stopped");
    Path stoppedLog = WORK.resolve("stopped.log");
    Process stoppedRun = startJar(stoppedLog, "run", largerInput, "--output=" + stopped,
        "--overwrite");
    String stoppedJob = awaitRows(stoppedRun, stoppedLog);
    stoppedRun.destroy();
    assertTrue(stoppedRun.waitFor(120, TimeUnit.SECONDS), "the stopped run exits");
    String said = Files.readString(stoppedLog);
    assertEquals(143, stoppedRun.exitValue(), said);
    assertTrue(said.contains("stopped: cluster job " + stoppedJob + " CANCELED"), said);
    assertEquals("CANCELED", jobState(stoppedJob));
    try (Stream<Path> left = Files.list(stopped)) {
      assertEquals(List.of(), left.toList(), "no claim and no temporary folder are left");
    }

    // SIGKILL: the job goes on and holds the output until it ends.
    Path orphaned = WORK.resolve("orphaned");
    Path orphanedLog = WORK.resolve("orphaned.log");
    Process orphanedRun = startJar(orphanedLog, "run", largerInput, "--output=" + orphaned,
        "--overwrite");
    String orphanedJob = awaitRows(orphanedRun, orphanedLog);
    orphanedRun.destroyForcibly();
    assertTrue(orphanedRun.waitFor(60, TimeUnit.SECONDS));
    Molxform.Result inProgress = Molxform.molxform("verify", orphaned.toString());
    assertEquals(1, inProgress.exit(), inProgress.err());
    assertTrue(inProgress.err().contains("in progress") && inProgress.err().contains(orphanedJob),
        inProgress.err());
    Outcome second = molxformJar("run", input, "--output=" + orphaned, "--overwrite");
    assertEquals(2, second.exit(), second.output());
    assertTrue(second.output().contains("is in use by run")
        && second.output().contains("cluster job " + orphanedJob), second.output());
    assertEquals("RUNNING", jobState(orphanedJob), "the test asked while the job ran");
    assertEquals("FINISHED", awaitEnd(orphanedJob));
    assertVerified(orphaned);
    assertFalse(Files.exists(orphaned.resolve(".molxform-claim")), "the job ended its claim");
    Outcome third = molxformJar("run", input, "--output=" + orphaned, "--overwrite");
    assertEquals(0, third.exit(), "the output is free once its job has ended: " + third.output());
    assertEquals(productRows(undisturbed), productRows(orphaned));

    // --detached: the run returns, the job commits.
    Path detached = WORK.resolve("detached");
    Outcome submitted = molxformJar("run", input, "--output=" + detached, "--overwrite",
        "--detached");
    assertEquals(0, submitted.exit(), submitted.output());
    java.util.regex.Matcher id = java.util.regex.Pattern
        .compile("submitted cluster job ([0-9a-f]{32})").matcher(submitted.output());
    assertTrue(id.find(), submitted.output());
    assertEquals("FINISHED", awaitEnd(id.group(1)));
    assertVerified(detached);
    assertEquals(productRows(undisturbed), productRows(detached));

    // A merge-and-write task that fails after its first bucket is retried from the same files.
    Path retried = WORK.resolve("merge-retried");
    Path retriedLog = WORK.resolve("merge-retried.log");
    Process retriedRun = startJar(retriedLog, "run", input, "--output=" + retried,
        "--overwrite", "--faultInjection=FAIL_AFTER_FIRST_MERGE");
    String retriedJob = waitForRunningJob(retriedRun);
    assertTrue(retriedRun.waitFor(600, TimeUnit.SECONDS));
    assertEquals(0, retriedRun.exitValue(), Files.readString(retriedLog));
    assertTrue(taskFailures(retriedJob) > 0, "the injected failure happened");
    assertEquals(productRows(undisturbed), productRows(retried),
        "the retried merge wrote the undisturbed rows");
    assertVerified(retried);
  }

  /** Waits until the run's job has read rows; returns the job's id. */
  private static String awaitRows(Process run, Path log) throws Exception {
    java.util.regex.Pattern reading = java.util.regex.Pattern.compile(
        "cluster job ([0-9a-f]{8}) RUNNING: transforming: [1-9]");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      java.util.regex.Matcher found = reading.matcher(Files.readString(log));
      if (found.find()) {
        for (JsonNode job : rest("/jobs/overview").path("jobs")) {
          if (job.path("jid").asText().startsWith(found.group(1))) {
            return job.path("jid").asText();
          }
        }
      }
      assertTrue(run.isAlive(), () -> "the run ended early: " + readQuietly(log));
      Thread.sleep(200);
    }
    throw new AssertionError("the job read no rows within 180 s: " + readQuietly(log));
  }

  private static String awaitEnd(String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
    String state = jobState(jobId);
    while (!Set.of("FINISHED", "FAILED", "CANCELED").contains(state)
        && System.nanoTime() < deadline) {
      Thread.sleep(500);
      state = jobState(jobId);
    }
    return state;
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private Outcome molxformJar(String... args) throws IOException, InterruptedException {
    return run(jarCommand(args), Map.of(), 600);
  }

  /** The jar's commands that run no job, in this machine's process. */
  private static Outcome molxformJarHere(String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target/molxform.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return run(command, Map.of(), 600);
  }

  private static void ok(Molxform.Result result) {
    assertEquals(0, result.exit(), result.err());
  }

  static void assertVerifiedInStore(String path) throws Exception {
    Outcome verify = molxformJarHere("verify", store.argsOption(), store.uri(path));
    assertEquals(0, verify.exit(), verify.output());
  }

  private Process startJar(Path log, String... args) throws IOException {
    return new ProcessBuilder(jarCommand(args)).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  static Outcome run(List<String> command, Map<String, String> env, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(WORK, "process", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Outcome(-1, "timed out: " + Files.readString(log));
    }
    return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static JsonNode rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
            .timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }

  private static String waitForRunningJob(Process run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      for (JsonNode job : rest("/jobs/overview").path("jobs")) {
        if (job.path("state").asText().equals("RUNNING")) {
          return job.path("jid").asText();
        }
      }
      if (!run.isAlive()) {
        fail("the run ended before its job was seen running");
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no running job within 120 s");
  }

  /** Failures the cluster recorded for the job (its exception history). */
  private static int taskFailures(String jobId) {
    try {
      return rest("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")
          .size();
    } catch (Exception e) {
      return 0;
    }
  }

  private static String jobState(String jobId) {
    try {
      return rest("/jobs/" + jobId).path("state").asText();
    } catch (Exception e) {
      return "UNKNOWN";
    }
  }

  static void assertVerified(Path output) {
    Molxform.Result verify = Molxform.molxform("verify",
        output.toString());
    assertEquals(0, verify.exit(), verify.err());
  }
}
