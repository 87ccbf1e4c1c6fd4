package io.molxform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local S3 server of runners-config/object-store, started and stopped by its own scripts in
 * a folder of the test's: the bucket, the options file every command takes as {@code @FILE}, and
 * where the server keeps the objects (its filesystem backend: one file per object), so a test can
 * read what went through the S3 API with DuckDB.
 */
public record ObjectStore(Path folder, String bucket, Path args) {
  static final Path SCRIPTS = Path.of("../runners-config/object-store").toAbsolutePath();

  public static ObjectStore start(Path folder) throws IOException, InterruptedException {
    String output = script(folder, "start.sh", "--port=9400");
    return new ObjectStore(folder, line(output, "bucket"), Path.of(line(output, "args")));
  }

  public void stop() throws IOException, InterruptedException {
    script(folder, "stop.sh", "--clean");
  }

  /** Stops the server and keeps what it stores: an outage. */
  public void pause() throws IOException, InterruptedException {
    script(folder, "stop.sh");
  }

  /** Starts the server paused again, at the same address with the same credential and data. */
  public void resume() throws IOException, InterruptedException {
    script(folder, "start.sh", "--restart");
  }

  /** {@code s3://BUCKET/PATH}. */
  public String uri(String path) {
    return "s3://" + bucket + "/" + path;
  }

  /** {@code @FILE}: the options that reach the store. */
  public String argsOption() {
    return "@" + args;
  }

  /** The file behind an object written through the S3 API. */
  public Path objectFile(String path) {
    return folder.resolve("data").resolve(bucket).resolve(path);
  }

  /** Puts ({@code PUT}) or deletes ({@code DELETE}) an object through the S3 API, as curl does. */
  public void request(String method, String path, String content)
      throws IOException, InterruptedException {
    String endpoint = Files.readAllLines(args).stream().filter(l -> l.startsWith("--endpoint="))
        .findFirst().orElseThrow().substring("--endpoint=".length());
    Path body = Files.createTempFile(folder.getParent(), "object", ".txt");
    Files.writeString(body, content);
    Process curl = new ProcessBuilder("curl", "-sS", "-f", "-X", method,
        "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "--aws-sigv4", "aws:amz:us-east-1:s3",
        "--user", "molxform:" + credential(), "--data-binary", "@" + body,
        endpoint + "/" + bucket + "/" + path).redirectErrorStream(true).start();
    String said = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    curl.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, curl.exitValue(), method + " " + path + ": " + said);
  }

  /** The store's credential, to check that nothing molxform writes or prints holds it. */
  public String credential() throws IOException {
    Matcher m = Pattern.compile("\"secretAccessKey\":\"([^\"]+)\"").matcher(Files.readString(args));
    if (!m.find()) {
      throw new IllegalStateException("no credential in " + args);
    }
    return m.group(1);
  }

  private static String line(String output, String name) {
    return output.lines().filter(l -> l.startsWith(name + ": ")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no '" + name + ":' line in " + output))
        .substring(name.length() + 2).strip();
  }

  private static String script(Path folder, String name, String... args)
      throws IOException, InterruptedException {
    Files.createDirectories(folder);
    Path log = Files.createTempFile(folder.getParent(), "object-store", ".log");
    ProcessBuilder builder = new ProcessBuilder(
        concat(List.of("bash", SCRIPTS.resolve(name).toString()), args))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("MOLXFORM_STORE_DIR", folder.toString());
    Process process = builder.start();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), name + ": " + output);
    return output;
  }

  private static List<String> concat(List<String> first, String... rest) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(rest));
    return all;
  }
}
