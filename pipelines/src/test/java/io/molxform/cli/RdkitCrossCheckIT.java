package io.molxform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the RDKit cross-check (testdata/tools/crosscheck_rdkit.py) with the built jar on the test
 * library and on the stereo cases (marks that describe no stereocentre, centres a transform makes
 * symmetric, pseudo-asymmetric centres): every transform must agree with RDKit on every molecule,
 * stereo marks compared as molxform writes them. Needs Debian's
 * python3-rdkit and python3-yaml; CI installs them and sets MOLXFORM_REQUIRE_RDKIT=1, so there a
 * missing RDKit fails instead of skipping.
 */
class RdkitCrossCheckIT {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  @Test
  void everyTransformAgreesWithRdkitOnTheTestLibrary() throws IOException, InterruptedException {
    crossCheck("../testdata/polyphenols.tsv", "target/crosscheck-rdkit.tsv");
  }

  @Test
  void everyTransformAgreesWithRdkitOnTheStereoCases() throws IOException, InterruptedException {
    crossCheck("../testdata/stereo-cases.tsv", "target/crosscheck-rdkit-stereo.tsv");
  }

  @Test
  void everyBuildingBlockTransformAgreesWithRdkitOnTheTestLibrary()
      throws IOException, InterruptedException {
    crossCheck("crosscheck_reagents_rdkit.py", "../testdata/polyphenols.tsv",
        "target/crosscheck-reagents.tsv");
  }

  @Test
  void everyBuildingBlockTransformAgreesWithRdkitOnTheStereoCases()
      throws IOException, InterruptedException {
    crossCheck("crosscheck_reagents_rdkit.py", "../testdata/stereo-cases.tsv",
        "target/crosscheck-reagents-stereo.tsv");
  }

  private static void crossCheck(String library, String report)
      throws IOException, InterruptedException {
    crossCheck("crosscheck_rdkit.py", library, report);
  }

  private static void crossCheck(String script, String library, String report)
      throws IOException, InterruptedException {
    boolean required = "1".equals(System.getenv("MOLXFORM_REQUIRE_RDKIT"));
    boolean available = Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c",
        "import rdkit, yaml")).exit() == 0;
    if (required) {
      assertEquals(true, available, "MOLXFORM_REQUIRE_RDKIT=1 but /usr/bin/python3 cannot "
          + "import rdkit and yaml: apt-get install python3-rdkit python3-yaml");
    }
    assumeTrue(available, "RDKit not installed (apt-get install python3-rdkit python3-yaml)");
    Outcome check = run(List.of(PYTHON.toString(), "../testdata/tools/" + script,
        "--jar", "target/molxform.jar", "--library", library, "--report", report,
        "--min-agreement", "1.0"));
    System.out.println(check.output());
    assertEquals(0, check.exit(), "disagreements with RDKit (see pipelines/" + report + "):\n"
        + check.output());
  }

  record Outcome(int exit, String output) {}

  static Outcome run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("crosscheck", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Outcome(-1, "timed out");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Outcome(process.exitValue(), output);
  }
}
