package io.molxform.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.output.format.Manifest;
import io.molxform.testing.MolxformJar;
import io.molxform.testing.MolxformJar.Outcome;
import io.molxform.testing.Outputs;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every command and every runner in this process, through the bundled jar as a user runs it.
 * The jar keeps only what molxform loads (pipelines/pom.xml leaves the rest out), so each path a
 * user can take must run from the jar itself, not only from the test classpath; the cluster, S3
 * and HDFS paths have ITs of their own.
 */
class BundledJarIT {
  static final Path WORK = Path.of("target/bundled-jar-it").toAbsolutePath();
  static final Path TESTDATA = Path.of("../testdata").toAbsolutePath().normalize();

  @BeforeAll
  static void clean() throws Exception {
    if (Files.exists(WORK)) {
      try (var walk = Files.walk(WORK)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(WORK);
  }

  @Test
  void theJarCarriesBeamPatchesInPlaceOfBeamsClasses() throws Exception {
    for (String patched : new String[] {
        "org/apache/beam/sdk/options/PipelineOptionsFactory$MethodComparator.class",
        "org/apache/beam/runners/direct/ExecutorServiceParallelExecutor$2.class"}) {
      try (JarFile jar = new JarFile("target/molxform.jar")) {
        byte[] inJar = jar.getInputStream(jar.getJarEntry(patched)).readAllBytes();
        byte[] patch = Files.readAllBytes(Path.of("../beam-patches/target/classes", patched));
        assertArrayEquals(patch, inJar, patched);
      }
    }
  }

  @Test
  void theDirectRunnerAndEmbeddedFlinkWriteTheSameRows() throws Exception {
    Path library = TESTDATA.resolve("polyphenols.parquet");
    String transforms = "--transform=FG_PHENOL_OH__OH__TO__OMe,FG_PHENOL_OH__OH__TO__OAc";
    // No runner named: a library this small goes to the DirectRunner (--directRunnerBelow).
    ok(jar("run", "--input=" + library, "--output=" + WORK.resolve("direct"), transforms,
        "--dedup=exact"));
    assertEquals("DirectRunner", Manifest.read(WORK.resolve("direct").toString())
        .options().get("runner"));
    ok(jar("run", "--input=" + library, "--output=" + WORK.resolve("flink"), transforms,
        "--runner=FlinkRunner", "--compression=SNAPPY"));
    ok(jar("run", "--input=" + library, "--output=" + WORK.resolve("bloom"), transforms,
        "--runner=FlinkRunner", "--dedup=bloom", "--compression=GZIP"));
    for (String output : new String[] {"direct", "flink", "bloom"}) {
      Outcome verify = ok(jar("verify", WORK.resolve(output).toString()));
      assertTrue(verify.output().contains("is a complete, valid molxform output"),
          verify.output());
    }
    Set<String> direct = Outputs.productRows(WORK.resolve("direct"));
    assertTrue(direct.size() > 400, direct.size() + " product rows");
    assertEquals(direct, Outputs.productRows(WORK.resolve("flink")));
    assertEquals(Outputs.products(WORK.resolve("direct")),
        Outputs.products(WORK.resolve("bloom")));
  }

  @Test
  void textLibrariesAndBuildingBlocksRunFromTheJar() throws Exception {
    Outcome sdf = ok(jar("run", "--input=" + TESTDATA.resolve("polyphenols.sdf.gz"),
        "--output=" + WORK.resolve("sdf"), "--transform=FG_PHENOL_OH__OH__TO__OMe"));
    assertTrue(sdf.output().contains("rows read"), sdf.output());
    ok(jar("verify", WORK.resolve("sdf").toString()));
    assertTrue(Outputs.products(WORK.resolve("sdf")).size() > 100);
    Outcome acids = ok(jar("run", "--input=" + TESTDATA.resolve("polyphenols.smi"),
        "--output=" + WORK.resolve("esters"), "--transform=FG_PHENOL_OH__OH__TO__OCOR",
        "--reagentSample=3"));
    assertTrue(acids.output().contains("pairs"), acids.output());
    ok(jar("verify", WORK.resolve("esters").toString()));
    assertTrue(Outputs.products(WORK.resolve("esters")).size() > 100);
  }

  @Test
  void theOtherCommandsRunFromTheJar() throws Exception {
    assertTrue(ok(jar("version")).output().contains("CDK"));
    assertTrue(ok(jar("transforms")).output().contains("FG_PHENOL_OH__OH__TO__OMe"));
    Path drawing = WORK.resolve("apply.pdf");
    Outcome apply = ok(jar("apply", "--transform=FG_PHENOL_OH__OH__TO__OCOR",
        "--reagent=CC(=O)O", "--depict=" + drawing, "Oc1ccc(O)cc1"));
    assertTrue(apply.output().contains("O=C(Oc1ccc(O)cc1)C"), apply.output());
    assertTrue(Files.readString(drawing, java.nio.charset.StandardCharsets.ISO_8859_1)
        .startsWith("%PDF"), "a PDF in " + drawing);
    Path png = WORK.resolve("apply.png");
    ok(jar("apply", "--transform=FG_PHENOL_OH__OH__TO__OMe", "--depict=" + png, "Oc1ccccc1"));
    assertTrue(Files.size(png) > 1000, png + " holds a drawing");
    Outcome inspect = ok(jar("inspect", TESTDATA.resolve("polyphenols.parquet").toString(),
        "--transform=FG_PHENOL_OH__OH__TO__OCOR", "--sample=50"));
    assertTrue(inspect.output().contains("pairs tried"), inspect.output());
    Path generated = WORK.resolve("generated");
    ok(jar("generate", "--rows=300", "--format=tsv", "--output=" + generated));
    Outcome bench = ok(jar("bench-chemistry", "--file=" + generated.resolve("part-00000.tsv"),
        "--rounds=2", "--transform=FG_PHENOL_OH__OH__TO__OMe"));
    assertTrue(bench.output().contains("products_per_s="), bench.output());
  }

  /**
   * bin/molxform makes the class-data archive once per build and runs with it: -Xshare:on makes
   * a Java that cannot map the archive fail rather than run without it.
   */
  @Test
  void theLauncherMakesItsArchiveOncePerBuildAndRunsWithIt() throws Exception {
    Path copy = Files.createDirectories(WORK.resolve("launcher")).resolve("molxform.jar");
    Files.copy(Path.of("target/molxform.jar"), copy);
    Outcome first = ok(launcher(copy, "", "version"));
    assertTrue(first.output().contains("making this build's class-data archive"), first.output());
    try (var archives = Files.list(copy.getParent())) {
      assertEquals(1, archives.filter(p -> p.toString().endsWith(".jsa")).count());
    }
    Outcome demo = ok(launcher(copy, "-Xshare:on", "run",
        "--input=" + TESTDATA.resolve("polyphenols.parquet"),
        "--output=" + WORK.resolve("launched"), "--quiet=true"));
    assertTrue(demo.output().isEmpty(), "no archive made again, nothing printed: " + demo.output());
    ok(jar("verify", WORK.resolve("launched").toString()));
    assertTrue(Outputs.productRows(WORK.resolve("launched")).size() > 100);

    Files.setLastModifiedTime(copy, FileTime.fromMillis(
        System.currentTimeMillis() + 2000));
    Outcome rebuilt = ok(launcher(copy, "-Xshare:on", "version"));
    assertTrue(rebuilt.output().contains("making this build's class-data archive"),
        "a newer jar gets a new archive: " + rebuilt.output());
  }

  private static Outcome launcher(Path jar, String javaOptions, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of("../bin/molxform").toAbsolutePath().normalize().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("MOLXFORM_JAR", jar.toString());
    builder.environment().put("MOLXFORM_JAVA_OPTIONS", javaOptions);
    builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin")
        + File.pathSeparator + System.getenv("PATH"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Outcome(process.waitFor(), output);
  }

  private static Outcome jar(String... args) throws Exception {
    return MolxformJar.run(WORK.resolve("logs"), args);
  }

  private static Outcome ok(Outcome outcome) {
    assertEquals(0, outcome.exit(), outcome.output());
    return outcome;
  }
}
