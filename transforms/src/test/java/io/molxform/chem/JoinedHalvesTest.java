package io.molxform.chem;

import static io.molxform.chem.ChemistryFixture.CATALOG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Products written from their halves ({@link JoinedHalves}) are the products the CDK's way
 * writes: every built-in two-component entry over the test libraries with its shipped reagent
 * list and the benchmark's 40 acids, once each way, the same products, rejects and outcomes in
 * the same order; and the halves write most of the products (else this would compare the CDK's
 * way with itself).
 */
class JoinedHalvesTest {
  @Test
  void productsFromHalvesAreTheProductsOfTheJoinedContainer() throws IOException {
    List<String> molecules = ChemistryFixture.testLibrarySmiles();
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    long allProducts = 0;
    long allFromHalves = 0;
    for (TransformSpec spec : CATALOG.entries()) {
      if (!spec.twoComponent()) {
        continue;
      }
      List<List<ReagentSet.Row>> lists = new ArrayList<>();
      lists.add(ChemistryFixture.shippedReagents(spec.reagents()));
      if (spec.name().equals("FG_PHENOL_OH__OH__TO__OCOR")) {
        lists.add(ChemistryFixture.benchmarkAcids());
      }
      for (List<ReagentSet.Row> rows : lists) {
        ReagentSet reagents = ReagentSet.prepare(spec, rows, 150);
        assertEquals(rows.size(), reagents.size() + reagents.rejected().size());
        assertTrue(reagents.size() > 0, spec.name() + ": every reagent rejected");
        ReactionTransformer cdk = new ReactionTransformer(spec, reagents, false);
        ReactionTransformer halves = new ReactionTransformer(spec, reagents, true);
        for (int i = 0; i < molecules.size(); i++) {
          MoleculeParser.Result parsed = parser.parse(molecules.get(i));
          if (!parsed.ok()) {
            continue;
          }
          String id = "M" + i;
          Record expected = new Record();
          Record actual = new Record();
          expected.outcome = cdk.apply(parsed.molecule(), id, 0, expected).toString();
          MoleculeParser.Result again = parser.parse(molecules.get(i));
          actual.outcome = halves.apply(again.molecule(), id, 0, actual).toString();
          if (!expected.lines.equals(actual.lines)) {
            int k = 0;
            while (k < Math.min(expected.lines.size(), actual.lines.size())
                && expected.lines.get(k).equals(actual.lines.get(k))) {
              k++;
            }
            assertEquals(k < expected.lines.size() ? expected.lines.get(k) : "(nothing)",
                k < actual.lines.size() ? actual.lines.get(k) : "(nothing)",
                spec.name() + " on " + molecules.get(i) + ", line " + k);
          }
          assertEquals(expected.outcome, actual.outcome, spec.name() + " on " + molecules.get(i));
        }
        assertEquals(0, cdk.productsFromHalves());
        long written = halves.productsFromHalves() + halves.productsFromContainers();
        assertEquals(cdk.productsFromContainers(), written, spec.name());
        allProducts += written;
        allFromHalves += halves.productsFromHalves();
        System.out.printf("%s, %d reagents: %d of %d products from halves%n", spec.name(),
            rows.size(), halves.productsFromHalves(), written);
        if (spec.name().equals("FG_PHENOL_OH__OH__TO__OCOR")) {
          assertTrue(halves.productsFromHalves() * 10 >= written * 7,
              spec.name() + ": " + halves.productsFromHalves() + " of " + written
                  + " products from halves");
        }
      }
    }
    assertTrue(allProducts > 10_000 && allFromHalves * 2 > allProducts,
        allFromHalves + " of " + allProducts + " products from halves");
  }

  /**
   * Products of two and more sites (one copy of the reagent per site) are the same both ways:
   * the aryl ester and the aryl ether with every site together ({@code all}) and with every set
   * of up to three ({@code combinatorial}), over the test libraries with their shipped lists;
   * most products come from halves.
   */
  @Test
  void productsOfSeveralSitesFromHalvesAreTheJoinedContainers() throws IOException {
    List<String> molecules = ChemistryFixture.testLibrarySmiles();
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    for (String name : List.of("FG_PHENOL_OH__OH__TO__OCOR", "FG_PHENOL_OH__OH__TO__OR")) {
      TransformSpec single = CATALOG.get(name);
      for (SiteMode mode : List.of(SiteMode.ALL, SiteMode.COMBINATORIAL)) {
        TransformSpec spec = new TransformSpec(name + "_" + mode, single.description(),
            single.smirks(), mode, 3, single.maxProductsPerMolecule(), single.keepFragment(),
            single.keepMapIndex(), single.reagents());
        ReagentSet reagents = ReagentSet.prepare(spec, ChemistryFixture.shippedReagents(spec.reagents()), 150);
        ReactionTransformer cdk = new ReactionTransformer(spec, reagents, false);
        ReactionTransformer halves = new ReactionTransformer(spec, reagents, true);
        int severalSites = 0;
        for (int i = 0; i < molecules.size(); i++) {
          MoleculeParser.Result parsed = parser.parse(molecules.get(i));
          if (!parsed.ok()) {
            continue;
          }
          Record expected = new Record();
          Record actual = new Record();
          expected.outcome = cdk.apply(parsed.molecule(), "M" + i, 0, expected).toString();
          actual.outcome = halves.apply(parser.parse(molecules.get(i)).molecule(), "M" + i, 0,
              actual).toString();
          assertEquals(expected.lines, actual.lines, spec.name() + " on " + molecules.get(i));
          assertEquals(expected.outcome, actual.outcome, spec.name() + " on " + molecules.get(i));
          severalSites += (int) expected.lines.stream().filter(line -> !line.endsWith(" 1"))
              .count();
        }
        long written = halves.productsFromHalves() + halves.productsFromContainers();
        System.out.printf("%s: %d of %d products from halves, %d distinct of several sites%n",
            spec.name(), halves.productsFromHalves(), written, severalSites);
        assertTrue(severalSites > 100, spec.name() + ": " + severalSites);
        assertTrue(halves.productsFromHalves() * 10 >= written * 6,
            spec.name() + ": " + halves.productsFromHalves() + " of " + written);
      }
    }
  }

  /**
   * Halves that must not be taken keep the CDK's way, and their products stay the same: an
   * isotope in the reagent, a stereocentre on the reagent's joining atom, and a molecule whose
   * site sits next to a stereocentre (taken: the centre's mark is the molecule's own).
   */
  @Test
  void whatHalvesCannotWriteStaysTheCdks() {
    TransformSpec ether = CATALOG.get("FG_PHENOL_OH__OH__TO__OR");
    assertArrayEquals(new long[] {0, 4},
        written(ether, List.of("Oc1ccc(O)cc1C"), "C[C@H](Br)CC", "C[C@@H](Br)CC"));
    assertArrayEquals(new long[] {0, 4},
        written(ether, List.of("Oc1ccc(O)cc1C"), "[13CH3]I", "[2H]C([2H])([2H])I"));
    // Each site's first pair and each reagent match's first pair show the halves; a later pair
    // of a known site and a known match is written from them: the cresol's second site with the
    // second bromide, and phenol's site with it (known from the cresol).
    assertArrayEquals(new long[] {2, 4},
        written(ether, List.of("Oc1ccc(O)cc1C", "Oc1ccccc1"), "CCBr", "CCCBr"));
    // A molecule that refuses its own half (an isotope) still shows the reagents' halves: its
    // two products go the CDK's way, and the cresol then writes one more product from halves
    // than above, both bromides being known already.
    assertArrayEquals(new long[] {3, 5}, written(ether,
        List.of("Oc1ccc(cc1)[13CH3]", "Oc1ccc(O)cc1C", "Oc1ccccc1"), "CCBr", "CCCBr"));
    TransformSpec alkylEster = CATALOG.get("FG_ALCOHOL_OH__OH__TO__OCOR");
    long[] centre = written(alkylEster,
        List.of("C[C@H](O)CC", "C[C@@H](O)CC", "OC[C@H](O)c1ccccc1"), "CC(=O)O", "OC(=O)CC");
    assertTrue(centre[0] >= 2, centre[0] + " products from halves");
  }

  /**
   * The molecules' products with the reagents, made both ways and compared; what the halves
   * wrote and what the CDK's way wrote.
   */
  private static long[] written(TransformSpec spec, List<String> molecules,
      String... reagentSmiles) {
    List<ReagentSet.Row> rows = new ArrayList<>();
    for (int i = 0; i < reagentSmiles.length; i++) {
      rows.add(new ReagentSet.Row("R" + i, reagentSmiles[i]));
    }
    ReagentSet reagents = ReagentSet.prepare(spec, rows, 150);
    assertEquals(reagentSmiles.length, reagents.size());
    ReactionTransformer cdk = new ReactionTransformer(spec, reagents, false);
    ReactionTransformer halves = new ReactionTransformer(spec, reagents, true);
    MoleculeParser parser = new MoleculeParser(150);
    for (String molecule : molecules) {
      Record expected = new Record();
      Record actual = new Record();
      expected.outcome = cdk.apply(parser.parse(molecule).molecule(), "M", 0, expected).toString();
      actual.outcome = halves.apply(parser.parse(molecule).molecule(), "M", 0, actual).toString();
      assertEquals(expected.lines, actual.lines, molecule);
      assertEquals(expected.outcome, actual.outcome, molecule);
    }
    return new long[] {halves.productsFromHalves(), halves.productsFromContainers()};
  }

  /** Everything a molecule sent to the sink, in order. */
  private static final class Record implements ReactionTransformer.Sink {
    final List<String> lines = new ArrayList<>();
    String outcome;

    @Override
    public void products(String reagentId, List<Product> products) {
      for (Product product : products) {
        lines.add(reagentId + " " + product.smiles() + " " + product.sites());
      }
    }

    @Override
    public void productRejected(String reagentId, Rejection rejection) {
      lines.add(reagentId + " rejected " + rejection);
    }
  }
}
