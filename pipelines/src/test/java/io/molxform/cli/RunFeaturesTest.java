package io.molxform.cli;

import static io.molxform.testing.Molxform.molxform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.Product;
import io.molxform.chem.SiteMode;
import io.molxform.chem.TransformCatalog;
import io.molxform.output.format.Manifest;
import io.molxform.testing.Molxform.Result;
import io.molxform.testing.TestLibraries;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --limit, --keepColumns, chaining runs, derived ids and --version, end to end. */
class RunFeaturesTest {
  static final String METHYLATION = "FG_PHENOL_OH__OH__TO__OMe";
  @TempDir Path dir;

  private static void ok(Result result) {
    assertEquals(0, result.exit(), result.err());
  }

  @Test
  void limitKeepColumnsAndChainingARunOnItsOwnProducts() throws Exception {
    Path first = dir.resolve("first");
    ok(molxform("run", "--runner=DirectRunner", "--quiet=true",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + first, "--limit=20",
        "--keepColumns=name,class", "--transform=" + METHYLATION));
    Manifest manifest = Manifest.read(first.toString());
    assertEquals(20, manifest.counts().rowsRead());

    Map<String, String> names = new TreeMap<>();
    for (var row : TestLibraries.duckdb("SELECT * FROM read_parquet('" + first
        + "/products/*/*.parquet')")) {
      assertEquals(List.of("product_smiles", "transform", "parent_id", "parent_smiles", "sites",
          "parent_count", "reagent_id", "name", "class"), List.copyOf(row.keySet()));
      String id = (String) row.get("parent_id");
      assertTrue(id.compareTo("NP0020") <= 0, id + " is among the first 20 rows");
      names.put(id, (String) row.get("name"));
    }
    assertEquals("quercetin", names.get("NP0001"));
    assertEquals("apigenin", names.get("NP0010"));

    // The products of the first run are the input of the second: methylating a mono-methyl
    // ether once more gives exactly the di-methyl ethers of the original molecules.
    Path second = dir.resolve("second");
    ok(molxform("run", "--runner=DirectRunner", "--quiet=true",
        "--input=" + first + "/products/*/*.parquet", "--smilesColumn=product_smiles",
        "--idColumn=parent_id", "--output=" + second, "--transform=" + METHYLATION));
    Set<String> chained = new TreeSet<>();
    TestLibraries.duckdb("SELECT product_smiles FROM read_parquet('" + second
        + "/products/*/*.parquet')").forEach(r -> chained.add((String) r.get("product_smiles")));
    assertEquals(twoSiteProducts(TestLibraries.polyphenolSmiles().values().stream()
        .limit(20).toList()), chained);
  }

  private static Set<String> twoSiteProducts(List<String> molecules) {
    MoleculeTransformer pairs = new MoleculeTransformer(TransformCatalog.builtIn()
        .get(METHYLATION + "_COMBINATORIAL").withSites(SiteMode.COMBINATORIAL, 2));
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    Set<String> products = new TreeSet<>();
    for (String smiles : molecules) {
      MoleculeParser.Result parsed = parser.parse(smiles);
      if (parsed.ok()) {
        for (Product p : pairs.apply(parsed.molecule()).products()) {
          if (p.sites() == 2) {
            products.add(p.smiles());
          }
        }
      }
    }
    return products;
  }

  @Test
  void withoutAnIdColumnIdsAreFileNameAndRowIndex() throws Exception {
    Path library = TestLibraries.write(dir.resolve("no-ids.parquet"), List.of("smiles"),
        List.of(new String[] {"Oc1ccccc1"}, new String[] {"CCCC"}, new String[] {"Oc1ccc(O)cc1"},
            new String[] {"C1CC"}));
    Path out = dir.resolve("out");
    ok(molxform("run", "--runner=DirectRunner", "--quiet=true", "--input=" + library,
        "--output=" + out));
    Set<String> parents = new TreeSet<>();
    TestLibraries.duckdb("SELECT parent_id FROM read_parquet('" + out + "/products/*/*.parquet')")
        .forEach(r -> parents.add((String) r.get("parent_id")));
    assertEquals(Set.of("no-ids.parquet:0", "no-ids.parquet:2"), parents);
    assertEquals("no-ids.parquet:3", TestLibraries.duckdb("SELECT parent_id FROM read_parquet('"
        + out + "/rejects/*.parquet')").get(0).get("parent_id"));
  }

  /**
   * Phenol gives anisole and catechol gives guaiacol, both molecules of the input (spelled
   * otherwise there); guaiacol gives veratrole and p-cresol 4-methylanisole, which are new.
   */
  @Test
  void excludeInputMoleculesWritesOnlyNewMolecules() throws Exception {
    Path library = TestLibraries.write(dir.resolve("small.parquet"), List.of("id", "smiles"),
        List.of(new String[] {"phenol", "Oc1ccccc1"}, new String[] {"anisole", "c1ccc(OC)cc1"},
            new String[] {"catechol", "Oc1ccccc1O"}, new String[] {"guaiacol", "Oc1c(OC)cccc1"},
            new String[] {"p-cresol", "Cc1ccc(O)cc1"}));
    String anisole = "O(c1ccccc1)C";
    String veratrole = "O(c1ccccc1OC)C";
    String methylanisole = "O(c1ccc(cc1)C)C";
    String guaiacol = "Oc1ccccc1OC";

    Path all = dir.resolve("all");
    ok(molxform("run", "--runner=DirectRunner", "--quiet=true", "--input=" + library,
        "--output=" + all));
    assertEquals(Set.of(anisole, guaiacol, veratrole, methylanisole), productSmiles(all));

    Path onlyNew = dir.resolve("only-new");
    Result run = molxform("run", "--runner=DirectRunner", "--input=" + library,
        "--output=" + onlyNew, "--excludeInputMolecules=true", "--progressSeconds=600");
    ok(run);
    assertEquals(Set.of(veratrole, methylanisole), productSmiles(onlyNew));
    Manifest.TransformCounts counts =
        Manifest.read(onlyNew.toString()).counts().transforms().get(METHYLATION);
    assertEquals(4, counts.candidates());
    assertEquals(0, counts.duplicatesRemoved());
    assertEquals(2, counts.productsInInput());
    assertEquals(2, counts.productsWritten());
    assertTrue(run.out().contains("2 already in the input, 2 written"), run.out());
    ok(molxform("verify", onlyNew.toString()));
  }

  private static Set<String> productSmiles(Path output) throws Exception {
    Set<String> smiles = new TreeSet<>();
    TestLibraries.duckdb("SELECT product_smiles FROM read_parquet('" + output
        + "/products/*/*.parquet')").forEach(r -> smiles.add((String) r.get("product_smiles")));
    return smiles;
  }

  @Test
  void versionNamesTheLibraries() {
    Result version = molxform("--version");
    assertEquals(0, version.exit());
    assertTrue(version.out().matches("molxform \\S+ \\(Apache Beam 2\\.62\\.0, CDK 2\\.12, .*\\n"),
        version.out());
  }

  @Test
  void inspectShowsALibraryAndAnOutput() throws Exception {
    Result library = molxform("inspect", TestLibraries.POLYPHENOLS.toString(), "--rows=1");
    assertEquals(0, library.exit(), library.err());
    assertTrue(library.out().contains("144 rows"), library.out());
    assertTrue(library.out().contains("smiles string?"), library.out());
    assertTrue(library.out().contains("quercetin"), library.out());

    Path out = dir.resolve("out");
    ok(molxform("run", "--runner=DirectRunner", "--quiet=true", "--limit=5",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + out));
    Result output = molxform("inspect", out.toString());
    assertEquals(0, output.exit(), output.err());
    assertTrue(output.out().contains("rows read           5"), output.out());
    assertTrue(output.out().contains("products: product_smiles string"), output.out());
  }
}
