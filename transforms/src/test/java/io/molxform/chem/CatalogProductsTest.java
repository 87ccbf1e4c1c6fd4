package io.molxform.chem;

import static io.molxform.chem.ChemistryFixture.CATALOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openscience.cdk.interfaces.IAtom;

/**
 * Runs every catalog entry over the whole test library: each entry must find sites in real
 * molecules, and each product must parse back to itself and differ from its parent by exactly
 * the atoms its SMIRKS adds and removes, once per changed site.
 */
class CatalogProductsTest {
  /** Formula change per site, written by hand from each SMIRKS; absent: fragments are dropped. */
  static final Map<String, String> DELTA_PER_SITE = Map.ofEntries(
      Map.entry("FG_PHENOL_OH__OH__TO__OMe", "C+1 H+2"),
      Map.entry("FG_PHENOL_OH__OH__TO__OMe_COMBINATORIAL", "C+1 H+2"),
      Map.entry("FG_ARYL_OMe__OMe__TO__OH", "C-1 H-2"),
      Map.entry("FG_PHENOL_OH__OH__TO__OAc", "C+2 H+2 O+1"),
      Map.entry("FG_ALCOHOL_OH__OH__TO__OAc", "C+2 H+2 O+1"),
      Map.entry("FG_PHENOL_OH__OH__TO__F", "O-1 H-1 F+1"),
      Map.entry("FG_ALCOHOL_OH__OH__TO__F", "O-1 H-1 F+1"),
      Map.entry("FG_CARBOXYLIC_ACID__COOH__TO__COOMe", "C+1 H+2"),
      Map.entry("FG_CARBOXYLIC_ACID__COOH__TO__CONH2", "O-1 N+1 H+1"),
      Map.entry("FG_KETONE__C=O__TO__CHOH", "H+2"),
      Map.entry("FG_ALDEHYDE__CHO__TO__CH2OH", "H+2"),
      Map.entry("FG_ALKENE__C=C__TO__CC", "H+2"),
      Map.entry("FG_NITRO__NO2__TO__NH2", "O-2 H+2"),
      Map.entry("FG_ARENE_CH__H__TO__F", "H-1 F+1"),
      Map.entry("FG_ARENE_CH__H__TO__Cl", "H-1 Cl+1"),
      Map.entry("FG_CATECHOL__OH_OH__TO__OCH2O", "C+1"),
      Map.entry("FG_PRIMARY_ALCOHOL__CH2OH__TO__COOH", "H-2 O+1"),
      Map.entry("FG_AMINE__NH2__TO__NHAc", "C+2 H+2 O+1"));

  static List<String> library;

  @BeforeAll
  static void readLibrary() throws IOException {
    library = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("../testdata/polyphenols.tsv"))) {
      String[] fields = line.split("\t", -1);
      if (!fields[0].equals("id") && !fields[2].equals("deliberately invalid")) {
        library.add(fields[4]);
      }
    }
    assertTrue(library.size() > 100, "test library read");
  }

  @TestFactory
  List<DynamicTest> everyEntryOnTheTestLibrary() {
    List<DynamicTest> tests = new ArrayList<>();
    for (TransformSpec spec : CATALOG.entries()) {
      // Two-component entries: ReactionTransformerTest and the RDKit cross-check of reagents.
      if (!spec.twoComponent()) {
        tests.add(DynamicTest.dynamicTest(spec.name(), () -> checkEntry(spec)));
      }
    }
    return tests;
  }

  private void checkEntry(TransformSpec spec) {
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    MoleculeTransformer transformer = new MoleculeTransformer(spec);
    String delta = DELTA_PER_SITE.get(spec.name());
    int products = 0;
    for (String smiles : library) {
      ParsedMolecule parent = parser.parse(smiles).molecule();
      TransformOutcome outcome = transformer.apply(parent);
      assertTrue(outcome.status() != TransformOutcome.Status.REJECTED,
          () -> spec.name() + " rejected " + smiles + ": " + outcome.rowRejection());
      assertTrue(outcome.productRejects().isEmpty(),
          () -> spec.name() + " made invalid products of " + smiles + ": "
              + outcome.productRejects());
      for (Product product : outcome.products()) {
        products++;
        MoleculeParser.Result back = parser.parse(product.smiles());
        assertTrue(back.ok(), () -> product + " does not parse back: " + back.rejection());
        assertEquals(product.smiles(), back.molecule().canonicalSmiles(),
            "canonical SMILES is a fixed point");
        if (delta != null) {
          Map<String, Integer> expected = elements(parent);
          for (String change : delta.split(" ")) {
            String element = change.replaceAll("[+-].*", "");
            int by = Integer.parseInt(change.substring(element.length()));
            expected.merge(element, by * product.sites(), Integer::sum);
          }
          expected.values().removeIf(count -> count == 0);
          assertEquals(expected, elements(back.molecule()),
              () -> spec.name() + ": formula of " + product + " made from " + smiles);
        }
      }
    }
    assertTrue(products > 0, spec.name() + " finds no site in the test library");
  }

  private static Map<String, Integer> elements(ParsedMolecule molecule) {
    Map<String, Integer> counts = new TreeMap<>();
    for (IAtom atom : molecule.molecule().atoms()) {
      counts.merge(atom.getSymbol(), 1, Integer::sum);
      Integer hydrogens = atom.getImplicitHydrogenCount();
      if (hydrogens != null && hydrogens > 0) {
        counts.merge("H", hydrogens, Integer::sum);
      }
    }
    return counts;
  }
}
