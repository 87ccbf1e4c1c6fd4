package io.molxform.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What embedded Flink is told about spilling: the folder and the merge fan-in. */
class SpillPlaceTest {
  @TempDir Path dir;

  private static MolxformOptions options(String... args) {
    PipelineOptionsFactory.register(MolxformOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(MolxformOptions.class);
  }

  @Test
  void embeddedFlinkGetsTheSpillFolderAndTheMergeFanIn() throws Exception {
    MolxformOptions options = options("--runner=FlinkRunner", "--spillDirectory=" + dir,
        "--spillMergeFanIn=64");
    SpillPlace place = SpillPlace.configure(options);
    assertEquals(dir, place.directory());
    List<String> config = Files.readAllLines(Path.of(
        options.as(FlinkPipelineOptions.class).getFlinkConfDir(), "config.yaml"));
    assertEquals(List.of("io.tmp.dirs: '" + dir + "'", "taskmanager.runtime.max-fan: 64"),
        config);
    assertTrue(place.description().contains(dir.toString()), place.description());
  }

  @Test
  void aFlinkConfigurationOfTheUsersOwnIsLeftAlone() {
    MolxformOptions options = options("--runner=FlinkRunner", "--flinkConfDir=" + dir);
    SpillPlace place = SpillPlace.configure(options);
    assertNull(place.directory());
    assertEquals(dir.toString(), options.as(FlinkPipelineOptions.class).getFlinkConfDir());
  }
}
