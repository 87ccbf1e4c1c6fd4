package io.molxform.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What embedded Flink is told about spilling: the run's folder and the merge fan-in. */
class SpillPlaceTest {
  @TempDir Path dir;

  private static MolxformOptions options(String... args) {
    PipelineOptionsFactory.register(MolxformOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(MolxformOptions.class);
  }

  @Test
  void embeddedFlinkSpillsIntoAFolderOfTheRunInsideTheChosenPlace() throws Exception {
    MolxformOptions options = options("--runner=FlinkRunner", "--spillDirectory=" + dir,
        "--spillMergeFanIn=64");
    SpillPlace place = SpillPlace.configure(options, RunnerProfile.of(options));
    assertEquals(dir, place.directory());
    assertEquals(dir, place.runFolder().getParent());
    assertTrue(place.runFolder().getFileName().toString().startsWith("molxform-run-"),
        place.runFolder().toString());
    Path conf = Path.of(options.as(FlinkPipelineOptions.class).getFlinkConfDir());
    assertTrue(conf.startsWith(place.runFolder()), conf + " inside the run folder");
    assertEquals(List.of("io.tmp.dirs: '" + place.runFolder().resolve("flink") + "'",
        "taskmanager.runtime.max-fan: 64"), Files.readAllLines(conf.resolve("config.yaml")));
    assertTrue(place.description().contains(place.runFolder().toString()), place.description());
  }

  @Test
  void aFolderLeftByAKilledRunOnThisHostGoesAndOthersStay() throws Exception {
    String host = InetAddress.getLocalHost().getHostName();
    long alive = ProcessHandle.current().pid();
    // A process that has ended: its pid is free until the system reuses it.
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Path killed = Files.createDirectories(dir.resolve("molxform-run-" + host + "-"
        + ended.pid() + "-123").resolve("flink"));
    Path running = Files.createDirectories(dir.resolve("molxform-run-" + host + "-" + alive
        + "-456"));
    Path otherHost = Files.createDirectories(dir.resolve("molxform-run-elsewhere-"
        + ended.pid() + "-789"));
    Path notOurs = Files.createDirectories(dir.resolve("molxform-runs-kept"));

    MolxformOptions flink = options("--runner=FlinkRunner", "--spillDirectory=" + dir);
    SpillPlace.configure(flink, RunnerProfile.of(flink));
    assertFalse(Files.exists(killed.getParent()), "the killed run's folder is removed");
    assertTrue(Files.exists(running), "a live run's folder stays");
    assertTrue(Files.exists(otherHost), "another host's folder stays");
    assertTrue(Files.exists(notOurs));
  }

  @Test
  void aFlinkConfigurationOfTheUsersOwnIsLeftAlone() {
    MolxformOptions options = options("--runner=FlinkRunner", "--flinkConfDir=" + dir);
    SpillPlace place = SpillPlace.configure(options, RunnerProfile.of(options));
    assertNull(place.directory());
    assertNull(place.runFolder());
    assertEquals(dir.toString(), options.as(FlinkPipelineOptions.class).getFlinkConfDir());
  }
}
