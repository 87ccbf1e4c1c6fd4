package io.molxform.chem;

import static io.molxform.chem.ChemistryFixture.CATALOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
      lists.add(shippedList(spec.reagents()));
      if (spec.name().equals("FG_PHENOL_OH__OH__TO__OCOR")) {
        lists.add(rows(Files.readString(Path.of("../runners-config/bench/acids-40.csv"))));
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

  private static List<ReagentSet.Row> shippedList(String list) throws IOException {
    String file = list.substring(list.lastIndexOf('/') + 1);
    try (InputStream in = TransformCatalog.class.getResourceAsStream("reagents/" + file)) {
      return rows(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static List<ReagentSet.Row> rows(String csv) {
    List<ReagentSet.Row> rows = new ArrayList<>();
    csv.lines().skip(1).filter(line -> !line.isBlank()).forEach(line -> {
      String[] fields = line.split(",");
      rows.add(new ReagentSet.Row(fields[0], fields[1]));
    });
    return rows;
  }
}
