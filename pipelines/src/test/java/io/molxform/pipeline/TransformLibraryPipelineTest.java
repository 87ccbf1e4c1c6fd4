package io.molxform.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.ProductRow;
import io.molxform.beam.RecordKey;
import io.molxform.beam.RejectRow;
import io.molxform.beam.Tally;
import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.Product;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformOutcome;
import io.molxform.output.format.Manifest;
import io.molxform.testing.TestLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The whole pipeline on the DirectRunner over the test library. */
@RunWith(JUnit4.class)
public class TransformLibraryPipelineTest {
  static final String METHYLATION = "FG_PHENOL_OH__OH__TO__OMe";

  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();
  @Rule public final transient TestPipeline pipeline =
      TestPipeline.create().enableAbandonedNodeEnforcement(false);

  private MolxformOptions options(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("--runner=DirectRunner",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + temp.getRoot().toPath().resolve("out"),
        "--quiet=true"));
    all.addAll(List.of(args));
    PipelineOptionsFactory.register(MolxformOptions.class);
    return PipelineOptionsFactory.fromArgs(all.toArray(String[]::new)).as(MolxformOptions.class);
  }

  @Test
  public void methylatesTheTestLibraryAndAccountsForEveryRow() throws Exception {
    RunPlan plan = RunPlan.prepare(options());
    TransformLibraryPipeline.Outputs outputs = plan.addTo(pipeline);
    PCollection<KV<RecordKey, ChemistryRecord>> deduplicated =
        outputs.records().apply("AllRecords", Flatten.pCollections());

    Map<String, String> library = TestLibraries.polyphenolSmiles();
    Set<String> expected = engineProducts(METHYLATION, library.values());
    PAssert.that(deduplicated).satisfies(records -> {
      Set<String> seen = new HashSet<>();
      for (ProductRow row : productRows(records, List.of(METHYLATION))) {
        assertTrue("duplicate product " + row.productSmiles(), seen.add(row.productSmiles()));
        assertEquals(METHYLATION, row.transform());
      }
      assertEquals("the pipeline's products are the engine's, deduplicated", expected, seen);
      return null;
    });
    PAssert.that(deduplicated).satisfies(records -> {
      List<ProductRow> rows = productRows(records, List.of(METHYLATION));
      // Apigenin (NP0010): its three phenol methyl ethers, derived by hand; no other parent has
      // a smaller id and makes them.
      Set<String> apigenin = new TreeSet<>();
      ProductRow dimethyl = null;
      for (ProductRow row : rows) {
        if (row.parentId().equals("NP0010")) {
          apigenin.add(row.productSmiles());
        }
        if (row.productSmiles().equals(canon("COc1ccc(cc1OC)-c1oc2cc(O)cc(O)c2c(=O)c1O"))) {
          dimethyl = row;
        }
      }
      assertEquals(Set.of(
              canon("COc1cc(O)c2c(c1)oc(-c1ccc(O)cc1)cc2=O"),
              canon("COc1cc(O)cc2oc(-c3ccc(O)cc3)cc(=O)c12"),
              canon("COc1ccc(cc1)-c1cc(=O)c2c(O)cc(O)cc2o1")),
          apigenin);
      // 3',4'-di-O-methylquercetin comes from isorhamnetin (NP0004, 3'-OMe) and tamarixetin
      // (NP0008, 4'-OMe): one row, the smaller id, two parents.
      assertTrue("3',4'-dimethylquercetin is made", dimethyl != null);
      assertEquals("NP0004", dimethyl.parentId());
      assertEquals(2, dimethyl.parentCount());
      return null;
    });
    PAssert.that(deduplicated).satisfies(records -> {
      Map<String, String> codes = new TreeMap<>();
      for (RejectRow row : rejectRows(records)) {
        codes.put(row.parentId(), row.reasonCode());
        assertEquals("parse", row.stage());
      }
      assertEquals(Map.of(
          "NP0135", "INVALID_SMILES", "NP0136", "INVALID_SMILES", "NP0137", "INVALID_SMILES",
          "NP0138", "INVALID_SMILES", "NP0139", "EMPTY_SMILES", "NP0140", "INVALID_VALENCE",
          "NP0141", "MISSING_SMILES"), codes);
      return null;
    });
    PAssert.that(outputs.tallies()).satisfies(tallies -> {
      Map<String, Long> t = new HashMap<>();
      for (KV<String, Long> kv : tallies) {
        t.put(kv.getKey(), kv.getValue());
      }
      assertEquals(Long.valueOf(library.size()), t.get(Tally.ROWS_READ));
      return null;
    });
    pipeline.run().waitUntilFinish();
    plan.claim().release();

    Manifest manifest = Manifest.read(plan.output().toString());
    Manifest.TransformCounts counts = manifest.counts().transforms().get(METHYLATION);
    assertEquals(library.size(), manifest.counts().rowsRead());
    assertEquals(library.size(), counts.rowsWithProducts() + counts.rowsNoSite()
        + counts.rowsNoChange() + counts.rowsRejected());
    assertTrue(counts.accountingBalances());
    assertEquals(expected.size(), counts.productsWritten());

    // An independent reader (DuckDB) sees the documented columns and the Hive partition.
    String glob = plan.output() + "/products/*/*.parquet";
    List<Map<String, Object>> rows = TestLibraries.duckdb("SELECT * FROM read_parquet('" + glob
        + "', hive_partitioning = true) ORDER BY product_smiles");
    assertEquals(expected.size(), rows.size());
    assertEquals(List.of("product_smiles", "transform", "parent_id", "parent_smiles", "sites",
        "parent_count", "reagent_id"), new ArrayList<>(rows.get(0).keySet()));
    assertEquals("a one-molecule transform has no reagent", null, rows.get(0).get("reagent_id"));
    assertEquals(7, TestLibraries.duckdb("SELECT count(*) AS n FROM read_parquet('"
        + plan.output() + "/rejects/*.parquet')").get(0).get("n") instanceof Number n
            ? n.intValue() : -1);
    try (Stream<Path> files = Files.list(Path.of(plan.output()))) {
      assertFalse("the temporary folder is gone",
          files.anyMatch(p -> p.getFileName().toString().startsWith(".molxform-temp")));
    }
  }

  @Test
  public void shardsNeverExceedTheBoundAndTheManifestListsThemAll() throws Exception {
    RunPlan plan = RunPlan.prepare(options("--maxRowsPerShard=10",
        "--transform=" + METHYLATION + ",FG_ARENE_CH__H__TO__F"));
    plan.addTo(pipeline);
    pipeline.run().waitUntilFinish();
    plan.claim().release();

    Manifest manifest = Manifest.read(plan.output().toString());
    Set<String> listed = new TreeSet<>();
    Map<String, Long> rowsPerTransform = new TreeMap<>();
    for (Manifest.FileEntry file : manifest.files()) {
      Path path = Path.of(plan.output()).resolve(file.path());
      listed.add(file.path());
      if (file.isReport()) {
        continue;
      }
      long rows = ((Number) TestLibraries.duckdb("SELECT count(*) AS n FROM read_parquet('"
          + path + "')").get(0).get("n")).longValue();
      assertEquals("row count of " + path, file.rows(), rows);
      assertTrue(path + " has " + rows + " rows", rows >= 1 && rows <= 10);
      assertEquals(Files.size(path), file.bytes());
      if (file.isProducts()) {
        rowsPerTransform.merge(file.transform(), rows, Long::sum);
      }
    }
    Set<String> present = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(Path.of(plan.output()))) {
      walk.filter(Files::isRegularFile)
          .map(p -> Path.of(plan.output()).relativize(p).toString())
          .filter(p -> !p.equals("_MANIFEST.json"))
          .forEach(present::add);
    }
    assertEquals("the manifest lists exactly the files present", present, listed);
    assertTrue("many shards", listed.size() > 20);
    for (String transform : List.of(METHYLATION, "FG_ARENE_CH__H__TO__F")) {
      assertEquals(manifest.counts().transforms().get(transform).productsWritten(),
          (long) rowsPerTransform.get(transform));
      long files = listed.stream()
          .filter(p -> p.startsWith("products/transform=" + transform + "/")).count();
      String first = listed.stream()
          .filter(p -> p.startsWith("products/transform=" + transform + "/")).findFirst().get();
      assertTrue(first, first.endsWith(String.format("part-00000-of-%05d.parquet", files)));
    }
  }

  /** The products among records after dedup, as the writer makes their rows. */
  static List<ProductRow> productRows(Iterable<KV<RecordKey, ChemistryRecord>> records,
      List<String> transforms) {
    List<ProductRow> rows = new ArrayList<>();
    for (KV<RecordKey, ChemistryRecord> record : records) {
      if (record.getValue() instanceof ChemistryRecord.Product product && !product.inInput()
          && record.getKey() instanceof RecordKey.Product key) {
        rows.add(product.toRow(transforms.get(key.transform()), key.smiles()));
      }
    }
    return rows;
  }

  static List<RejectRow> rejectRows(Iterable<KV<RecordKey, ChemistryRecord>> records) {
    List<RejectRow> rows = new ArrayList<>();
    for (KV<RecordKey, ChemistryRecord> record : records) {
      if (record.getValue() instanceof ChemistryRecord.Reject reject) {
        rows.add(reject.row());
      }
    }
    return rows;
  }

  /** The products the chemistry engine makes from these molecules, without Beam. */
  static Set<String> engineProducts(String transform, Iterable<String> molecules) {
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    MoleculeTransformer transformer =
        new MoleculeTransformer(TransformCatalog.builtIn().get(transform));
    Set<String> products = new TreeSet<>();
    for (String smiles : molecules) {
      MoleculeParser.Result parsed = parser.parse(smiles);
      if (parsed.ok()) {
        TransformOutcome outcome = transformer.apply(parsed.molecule());
        for (Product product : outcome.products()) {
          products.add(product.smiles());
        }
      }
    }
    return products;
  }

  static String canon(String smiles) {
    return new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS).parse(smiles).molecule()
        .canonicalSmiles();
  }
}
