package io.molxform.cli;

import static io.molxform.testing.Outputs.productRows;
import static io.molxform.testing.Outputs.products;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.testing.MolxformJar;
import io.molxform.testing.MolxformJar.Outcome;
import io.molxform.testing.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commands on {@code s3://} paths, against the local S3 server of runners-config/object-store
 * started by its own scripts, run from the shaded jar as a user runs them: a library generated
 * into the store, inspected, transformed there (on the DirectRunner, as a run that small goes;
 * embedded Flink reads the store in the outage test), verified there, and the same products as
 * the same library on local disk through embedded Flink. The store's credential appears nowhere
 * molxform writes or prints.
 */
class ObjectStoreIT {
  static final Path WORK = Path.of("target/object-store-it").toAbsolutePath();
  static final String TRANSFORMS = "--transform=FG_PHENOL_OH__OH__TO__OMe,FG_ARYL_OMe__OMe__TO__OH";
  static ObjectStore store;

  @BeforeAll
  static void startStore() throws Exception {
    if (Files.exists(WORK)) {
      try (Stream<Path> walk = Files.walk(WORK)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(WORK);
    store = ObjectStore.start(WORK.resolve("store"));
  }

  @AfterAll
  static void stopStore() throws Exception {
    store.stop();
  }

  @Test
  void aLibraryGeneratedTransformedAndVerifiedInTheStoreMatchesLocalDisk() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    Path local = WORK.resolve("local");
    outcomes.add(ok(jar("generate", "--rows=3000", "--files=2", "--seed=3",
        "--output=" + local.resolve("library"))));
    Path spill = WORK.resolve("spill");
    outcomes.add(ok(jar("run", "--input=" + local.resolve("library") + "/*.parquet",
        "--output=" + local.resolve("products"), TRANSFORMS, "--spillDirectory=" + spill)));
    try (var left = Files.list(spill)) {
      assertEquals(List.of(), left.toList(), "embedded Flink's run folder is gone after the run");
    }

    outcomes.add(ok(jar("generate", store.argsOption(), "--rows=3000", "--files=2", "--seed=3",
        "--output=" + store.uri("library"))));
    Outcome library = ok(jar("inspect", store.argsOption(), store.uri("library")));
    outcomes.add(library);
    assertTrue(library.output().contains("2 file(s), 3,000 rows in all"), library.output());
    Outcome run = ok(jar("run", store.argsOption(),
        "--input=" + store.uri("library/*.parquet"), "--output=" + store.uri("products"),
        TRANSFORMS));
    outcomes.add(run);
    assertTrue(run.output().contains("manifest            " + store.uri("products/")
        + "_MANIFEST.json"), run.output());
    Outcome verify = ok(jar("verify", store.argsOption(), store.uri("products")));
    outcomes.add(verify);
    assertTrue(verify.output().contains("is a complete, valid molxform output"),
        verify.output());
    Outcome inspect = ok(jar("inspect", store.argsOption(), store.uri("products"), "--rows=2"));
    outcomes.add(inspect);
    assertTrue(inspect.output().contains("input: " + store.uri("library/*.parquet")),
        inspect.output());
    assertTrue(inspect.output().contains("products: product_smiles string"), inspect.output());

    Set<String> inStore = productRows(store.objectFile("products"));
    assertEquals(productRows(local.resolve("products")), inStore,
        "the same products, representatives and counts as on local disk");
    assertTrue(inStore.size() > 5000, inStore.size() + " product rows");

    // The commit marker is the manifest: an object it does not list is a problem, and
    // --overwrite refuses to remove what molxform did not write.
    store.request("PUT", "products/products/notes.txt", "mine");
    Outcome stray = jar("verify", store.argsOption(), store.uri("products"));
    outcomes.add(stray);
    assertEquals(1, stray.exit(), stray.output());
    assertTrue(stray.output().contains("products/notes.txt: present but not listed"),
        stray.output());
    Outcome refused = jar("run", store.argsOption(), "--input=" + store.uri("library/*.parquet"),
        "--output=" + store.uri("products"), TRANSFORMS, "--overwrite");
    outcomes.add(refused);
    assertEquals(2, refused.exit(), refused.output());
    assertTrue(refused.output().contains("holds what molxform did not write (products/notes.txt)"),
        refused.output());
    store.request("DELETE", "products/products/notes.txt", "");
    outcomes.add(ok(jar("run", store.argsOption(), "--input=" + store.uri("library/*.parquet"),
        "--output=" + store.uri("products"), TRANSFORMS, "--overwrite", "--dedup=bloom",
        "--expectedProducts=20000")));
    outcomes.add(ok(jar("verify", store.argsOption(), store.uri("products"))));
    Set<String> bloom = products(store.objectFile("products"));
    Set<String> exact = products(local.resolve("products"));
    assertTrue(exact.containsAll(bloom), "Bloom keeps only real products");
    assertTrue(exact.size() - bloom.size() <= 5, (exact.size() - bloom.size()) + " lost");
    assertTrue(Files.exists(store.objectFile("products/report.html")), "the report is there");

    String credential = store.credential();
    for (Outcome outcome : outcomes) {
      assertFalse(outcome.output().contains(credential), "the credential was printed");
    }
    for (Path file : filesUnder(WORK.resolve("logs"))) {
      assertFalse(Files.readString(file).contains(credential), "the credential is in " + file);
    }
    for (Path file : filesUnder(store.objectFile("products"))) {
      assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
          .contains(credential), "the credential is in " + file);
    }
  }

  @Test
  void aSmilesFileAndAReagentListInTheStoreGiveTheRowsOfLocalDisk() throws Exception {
    Path local = WORK.resolve("text-local");
    ok(jar("generate", "--rows=3000", "--seed=4", "--format=smi",
        "--output=" + local.resolve("library")));
    ok(jar("generate", store.argsOption(), "--rows=3000", "--seed=4", "--format=smi",
        "--output=" + store.uri("text-library")));
    Path acids = Files.writeString(WORK.resolve("acids.csv"),
        "id,smiles\na1,CC(=O)O\na2,OC(=O)c1ccccc1\n");
    store.request("PUT", "text-library/acids.csv", Files.readString(acids));
    String transforms = "--transform=FG_PHENOL_OH__OH__TO__OMe,FG_PHENOL_OH__OH__TO__OCOR";
    ok(jar("run", "--input=" + local.resolve("library/part-00000.smi"),
        "--output=" + local.resolve("products"), transforms, "--reagents=" + acids));
    Outcome run = ok(jar("run", store.argsOption(),
        "--input=" + store.uri("text-library/part-00000.smi"),
        "--output=" + store.uri("text-products"), transforms,
        "--reagents=" + store.uri("text-library/acids.csv")));
    assertTrue(run.output().contains("3,000"), run.output());
    ok(jar("verify", store.argsOption(), store.uri("text-products")));
    Set<String> inStore = productRows(store.objectFile("text-products"));
    assertEquals(productRows(local.resolve("products")), inStore,
        "a SMILES file and a reagent list read from the store give the rows of local disk");
    assertTrue(inStore.stream().anyMatch(row -> row.endsWith("\ta2")), "reagent rows present");
  }

  // ---- helpers

  /**
   * An outage of the store in the middle of a run on embedded Flink: stopped for 10 s, the
   * store's retries (and the reader's reopening of a connection broken mid-read) cover it, and
   * the run writes the rows of an undisturbed one; stopped for good, the run fails in bounded
   * time, in one line that names what it was reading, with no advice to skip data.
   */
  @Test
  void aStoreStoppedForTenSecondsIsWaitedForAndOneStoppedForGoodFailsInBoundedTime()
      throws Exception {
    ok(jar("generate", store.argsOption(), "--rows=60000", "--seed=7",
        "--output=" + store.uri("outage/library")));
    String input = "--input=" + store.uri("outage/library/*.parquet");
    ok(jar("run", store.argsOption(), input, "--output=" + store.uri("outage/undisturbed"),
        "--quiet=true"));

    MolxformJar.Started disturbed = MolxformJar.start(WORK.resolve("logs"), "run",
        store.argsOption(), input, "--output=" + store.uri("outage/disturbed"),
        "--progressSeconds=1");
    assertTrue(disturbed.awaitPrinted("transforming: [1-9]", 300), disturbed.printedSoFar());
    store.pause();
    Thread.sleep(10_000);
    store.resume();
    Outcome survived = disturbed.finish(600);
    assertEquals(0, survived.exit(), survived.output());
    assertEquals(productRows(store.objectFile("outage/undisturbed")),
        productRows(store.objectFile("outage/disturbed")),
        "the run through the outage wrote the undisturbed run's rows");
    ok(jar("verify", store.argsOption(), store.uri("outage/disturbed")));

    MolxformJar.Started doomed = MolxformJar.start(WORK.resolve("logs"), "run",
        store.argsOption(), input, "--output=" + store.uri("outage/doomed"),
        "--progressSeconds=1", "--storeRetrySeconds=10");
    assertTrue(doomed.awaitPrinted("transforming: [1-9]", 300), doomed.printedSoFar());
    store.pause();
    long stopped = System.nanoTime();
    Outcome failed;
    try {
      failed = doomed.finish(600);
    } finally {
      store.resume();
    }
    double seconds = (System.nanoTime() - stopped) / 1e9;
    assertEquals(1, failed.exit(), failed.output());
    assertTrue(failed.output().contains("the store did not answer within its retries"),
        failed.output());
    assertFalse(failed.output().contains("skipUnreadableRowGroups"), failed.output());
    assertEquals(1, failed.output().lines().filter(l -> l.startsWith("molxform: ")
        || l.startsWith("[molxform] could not")).count(), "one line: " + failed.output());
    assertTrue(seconds < 240, "failed " + seconds + " s after the store stopped");
    System.out.printf(java.util.Locale.ROOT,
        "store outage: a run with --storeRetrySeconds=10 failed %.0f s after the store "
            + "stopped for good%n", seconds);
  }

  private static Outcome ok(Outcome outcome) {
    assertEquals(0, outcome.exit(), outcome.output());
    return outcome;
  }

  private static Outcome jar(String... args) throws IOException, InterruptedException {
    return MolxformJar.run(WORK.resolve("logs"), args);
  }

  private static List<Path> filesUnder(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
