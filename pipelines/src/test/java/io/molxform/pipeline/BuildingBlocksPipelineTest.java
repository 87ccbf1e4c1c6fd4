package io.molxform.pipeline;

import static io.molxform.pipeline.TransformLibraryPipelineTest.productRows;
import static io.molxform.pipeline.TransformLibraryPipelineTest.rejectRows;
import static org.junit.Assert.assertEquals;

import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.ProductRow;
import io.molxform.beam.RecordKey;
import io.molxform.beam.RejectRow;
import io.molxform.beam.Tally;
import io.molxform.chem.MoleculeParser;
import io.molxform.testing.TestLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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

/**
 * A two-component transform (phenol + acid to aryl ester) through the whole pipeline on the
 * DirectRunner, on a library and a reagent list small enough to derive every row by hand.
 */
@RunWith(JUnit4.class)
public class BuildingBlocksPipelineTest {
  static final String ESTER = "FG_PHENOL_OH__OH__TO__OCOR";

  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();
  @Rule public final transient TestPipeline pipeline =
      TestPipeline.create().enableAbandonedNodeEnforcement(false);

  private MolxformOptions options(Path library, Path reagents, String... args) {
    List<String> all = new ArrayList<>(List.of("--runner=DirectRunner", "--input=" + library,
        "--reagents=" + reagents, "--transform=" + ESTER,
        "--output=" + temp.getRoot().toPath().resolve("out"), "--quiet=true"));
    all.addAll(List.of(args));
    PipelineOptionsFactory.register(MolxformOptions.class);
    return PipelineOptionsFactory.fromArgs(all.toArray(String[]::new)).as(MolxformOptions.class);
  }

  private Path library() throws IOException {
    return TestLibraries.write(temp.getRoot().toPath().resolve("lib.parquet"),
        List.of("id", "smiles"), List.of(
            new String[] {"m1", "Oc1ccccc1"},          // phenol: one site
            new String[] {"m2", "Oc1ccc(O)cc1"},       // hydroquinone: two equivalent sites
            new String[] {"m3", "CCCCC"},              // no site
            new String[] {"m4", "c1ccccc1O"},          // phenol again: the same products as m1
            new String[] {"m5", "C1CC"}));             // does not parse
  }

  private Path reagents() throws IOException {
    return Files.writeString(temp.getRoot().toPath().resolve("acids.csv"), """
        id,smiles,name
        a1,CC(=O)O,acetic acid
        a2,OC(=O)CCC(=O)O,"succinic acid, a diacid"
        a3,CCO,ethanol: no acid group
        a4,C1CC,does not parse
        """);
  }

  private static String canonical(String smiles) {
    return new MoleculeParser(150).parse(smiles).molecule().canonicalSmiles();
  }

  @Test
  public void everyMoleculeMeetsEveryReagentAndTheLibraryIsDeduplicated() throws Exception {
    RunPlan plan = RunPlan.prepare(options(library(), reagents()));
    TransformLibraryPipeline.Outputs outputs = plan.addTo(pipeline);
    PCollection<KV<RecordKey, ChemistryRecord>> records =
        outputs.records().apply("AllRecords", Flatten.pCollections());

    // Each row: product, representative parent, parents that made it, reagent.
    TreeSet<String> expected = new TreeSet<>(List.of(
        canonical("CC(=O)Oc1ccccc1") + " m1 2 a1",
        canonical("OC(=O)CCC(=O)Oc1ccccc1") + " m1 2 a2",
        canonical("CC(=O)Oc1ccc(O)cc1") + " m2 1 a1",
        canonical("OC(=O)CCC(=O)Oc1ccc(O)cc1") + " m2 1 a2"));
    PAssert.that(records).satisfies(all -> {
      TreeSet<String> rows = new TreeSet<>();
      for (ProductRow row : productRows(all, List.of(ESTER))) {
        rows.add(row.productSmiles() + " " + row.parentId() + " " + row.parentCount() + " "
            + row.reagentId());
      }
      assertEquals(expected, rows);
      TreeSet<String> rejects = new TreeSet<>();
      for (RejectRow row : rejectRows(all)) {
        rejects.add(row.stage() + " " + row.reasonCode() + " " + row.parentId() + " "
            + row.reagentId());
      }
      assertEquals(new TreeSet<>(List.of("parse INVALID_SMILES m5 null",
          "reagent REAGENT_NO_MATCH null a3", "reagent REAGENT_NOT_PARSED null a4")), rejects);
      return null;
    });
    PAssert.that(outputs.tallies()).satisfies(tallies -> {
      Map<String, Long> counts = new TreeMap<>();
      tallies.forEach(kv -> counts.put(kv.getKey(), kv.getValue()));
      assertEquals(5L, (long) counts.get(Tally.ROWS_READ));
      assertEquals(3L, (long) counts.get(Tally.key(ESTER, Tally.WITH_PRODUCTS)));
      assertEquals(1L, (long) counts.get(Tally.key(ESTER, Tally.NO_SITE)));
      assertEquals(4L, (long) counts.get(Tally.key(ESTER, Tally.REAGENTS_READ)));
      assertEquals(1L, (long) counts.get(
          Tally.key(ESTER, Tally.REAGENT_REJECTED, "REAGENT_NO_MATCH")));
      assertEquals(1L, (long) counts.get(
          Tally.key(ESTER, Tally.REAGENT_REJECTED, "REAGENT_NOT_PARSED")));
      // m1, m2 and m4 each meet the two accepted acids; m3 has no site, m5 no molecule.
      assertEquals(6L, (long) counts.get(Tally.key(ESTER, Tally.PAIRS_TRIED)));
      assertEquals(6L, (long) counts.get(Tally.key(ESTER, Tally.PAIRS_WITH_PRODUCTS)));
      assertEquals(6L, (long) counts.get(Tally.key(ESTER, Tally.CANDIDATES)));
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void aReagentSampleMeetsEachMoleculeWithTheSameFewReagents() throws Exception {
    StringBuilder acids = new StringBuilder("id,smiles\n");
    for (int i = 1; i <= 30; i++) {
      acids.append("acid").append(i).append(',').append("C".repeat(i)).append("C(=O)O\n");
    }
    Path list = Files.writeString(temp.getRoot().toPath().resolve("many.csv"), acids);
    RunPlan plan = RunPlan.prepare(options(library(), list, "--reagentSample=3"));
    TransformLibraryPipeline.Outputs outputs = plan.addTo(pipeline);
    PCollection<KV<RecordKey, ChemistryRecord>> records =
        outputs.records().apply("AllRecords", Flatten.pCollections());
    PAssert.that(records).satisfies(all -> {
      Map<String, TreeSet<String>> reagentsByParent = new TreeMap<>();
      for (ProductRow row : productRows(all, List.of(ESTER))) {
        reagentsByParent.computeIfAbsent(row.parentId(), p -> new TreeSet<>())
            .add(row.reagentId());
      }
      assertEquals(3, reagentsByParent.get("m2").size());
      return null;
    });
    PAssert.that(outputs.tallies()).satisfies(tallies -> {
      Map<String, Long> counts = new TreeMap<>();
      tallies.forEach(kv -> counts.put(kv.getKey(), kv.getValue()));
      assertEquals(9L, (long) counts.get(Tally.key(ESTER, Tally.PAIRS_TRIED)));
      return null;
    });
    pipeline.run().waitUntilFinish();
  }
}
