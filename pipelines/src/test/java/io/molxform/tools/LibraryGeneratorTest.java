package io.molxform.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.chem.MoleculeParser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

class LibraryGeneratorTest {
  static final int ROWS = 6000;

  @Test
  void moleculesAreValidUniqueAndPhenolRich() throws Exception {
    LibraryGenerator generator = new LibraryGenerator(7, 0.45, 0.02, ROWS);
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    Set<String> canonical = new HashSet<>();
    Map<String, Integer> scaffolds = new HashMap<>();
    int invalid = 0;
    long hydroxyls = 0;
    for (int i = 0; i < ROWS; i++) {
      LibraryGenerator.Row row = generator.next();
      MoleculeParser.Result parsed = parser.parse(row.smiles());
      if (row.scaffold().startsWith("broken")) {
        invalid++;
        assertTrue(!parsed.ok(), "a broken row must not parse: " + row.smiles());
        continue;
      }
      assertTrue(parsed.ok(), row.smiles() + " " + parsed.rejection());
      // Scaffolds and decorations have rings of five and six atoms: a larger ring means a
      // decoration's ring closure paired with a scaffold's.
      for (IAtomContainer ring : Cycles.sssr(new SmilesParser(
          SilentChemObjectBuilder.getInstance()).parseSmiles(row.smiles())).toRingSet()
          .atomContainers()) {
        assertTrue(ring.getAtomCount() <= 6, "a " + ring.getAtomCount() + "-ring in "
            + row.smiles());
      }
      assertTrue(canonical.add(parsed.molecule().canonicalSmiles()),
          "generated twice: " + row.smiles());
      scaffolds.merge(row.scaffold(), 1, Integer::sum);
      hydroxyls += row.hydroxyls();
    }
    // 2 % broken rows: 120 expected, binomial standard deviation about 11.
    assertTrue(invalid > 70 && invalid < 170, invalid + " broken rows");
    double meanOh = (double) hydroxyls / (ROWS - invalid);
    assertTrue(meanOh > 2 && meanOh < 8, meanOh + " phenolic OH per molecule");
    assertEquals(19, scaffolds.size(), "every scaffold appears: " + scaffolds);
  }

  @Test
  void theSameSeedGivesTheSameLibrary() {
    LibraryGenerator a = new LibraryGenerator(11, 0.45, 0.01, 100);
    LibraryGenerator b = new LibraryGenerator(11, 0.45, 0.01, 100);
    LibraryGenerator c = new LibraryGenerator(12, 0.45, 0.01, 100);
    boolean differs = false;
    for (int i = 0; i < 100; i++) {
      LibraryGenerator.Row row = a.next();
      assertEquals(row, b.next());
      differs |= !row.equals(c.next());
    }
    assertTrue(differs, "another seed, another library");
  }

  @Test
  void theHydroxylKnobMovesSitesPerMolecule() {
    assertTrue(meanHydroxyls(0.7) > meanHydroxyls(0.45) + 2);
  }

  private static double meanHydroxyls(double fraction) {
    LibraryGenerator generator = new LibraryGenerator(3, fraction, 0, 2000);
    long total = 0;
    for (int i = 0; i < 2000; i++) {
      total += generator.next().hydroxyls();
    }
    return total / 2000.0;
  }
}
