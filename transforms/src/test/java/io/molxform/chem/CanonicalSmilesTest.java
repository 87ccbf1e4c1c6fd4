package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.graph.invariant.Canon;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smarts.SmartsPattern;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;
import uk.ac.ebi.beam.Functions;
import uk.ac.ebi.beam.Graph;

/**
 * Pins the CDK behaviour that {@link CanonicalSmiles}' fast path relies on, so that a CDK upgrade
 * that changes it fails here rather than silently changing molxform's identities: the isomeric
 * writer keeps the container's atom order, {@code Canon.label} orders atoms as the canonical
 * writer does, and the CDK's canonical writer normalizes double-bond marks the way the fast path
 * copies from it. Every route must give one string whatever the atom order. Re-run on every CDK
 * upgrade (the CDK version is pinned in the parent pom).
 */
class CanonicalSmilesTest {
  private static final SmilesParser PARSER =
      new SmilesParser(SilentChemObjectBuilder.getInstance());

  /**
   * Stereo molecules whose stereo atoms are each alone in their class: the fast path writes them
   * in the plain canonical labels' order and normalizes double-bond marks as the CDK's canonical
   * writer does, so it must put every atom where the CDK's plain canonical writer does.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "C[C@H](O)C(=O)O",
      "C[C@@H](N)C(=O)O",
      "CC[C@H](C)[C@H](N)C(=O)O",
      "OC[C@H]1O[C@@H](O)[C@H](O)[C@@H](O)[C@@H]1O",
      "C/C=C/C(=O)O",
      "OC(=O)/C=C/c1ccc(O)cc1",
      "OC(=O)/C=C\\c1ccc(O)c(OC)c1",
      "OC(=O)/C=C/C=C/c1ccccc1",
      "[13CH3]C(=O)O",
  })
  void theFastPathWritesAtomsInTheCdksCanonicalOrder(String smiles) throws Exception {
    IAtomContainer molecule = PARSER.parseSmiles(smiles);
    int[] fastPath = new int[molecule.getAtomCount()];
    String written = new CanonicalSmiles().of(molecule, fastPath, true);
    IAtomContainer plain = PARSER.parseSmiles(smiles);
    int[] cdk = new int[plain.getAtomCount()];
    String unmarked = new SmilesGenerator(SmiFlavor.Canonical | SmiFlavor.UseAromaticSymbols)
        .create(plain, cdk);
    assertEquals(Arrays.toString(cdk), Arrays.toString(fastPath), written + " vs " + unmarked);
    // Without its marks (and the brackets they needed), the plain canonical string.
    assertEquals(unmarked, written.replaceAll("[@/\\\\]", "")
        .replaceAll("\\[[0-9]*([Cc])H?[0-9]?\\]", "$1"));
  }

  /** Both routes, including molecules whose stereo atoms have symmetric twins. */
  @ParameterizedTest
  @ValueSource(strings = {
      "C[C@H](O)C(=O)O",
      "OC[C@H]1O[C@@H](O)[C@H](O)[C@@H](O)[C@@H]1O",
      "OC(=O)/C=C/C=C/c1ccccc1",
      "C/C=C\\C",
      "C[C@H]1CC[C@@H](C)CC1",
      "O[C@H]1CC[C@H](O)CC1",
      "O[C@@H](C(=O)O)[C@H](O)C(=O)O",
  })
  void oneStringWhateverTheAtomOrder(String smiles) throws Exception {
    CanonicalSmiles canonical = new CanonicalSmiles();
    String expected = canonical.of(PARSER.parseSmiles(smiles));
    Random random = new Random(7);
    for (int round = 0; round < 25; round++) {
      assertEquals(expected,
          canonical.of(ChemistryFixture.shuffled(PARSER.parseSmiles(smiles), random)),
          "round " + round);
    }
  }

  /**
   * One string for one molecule however its double-bond marks were written: on which single
   * bonds, pointing which way, from which end the SMILES starts (each group checked to be one
   * molecule by RDKit's canonical SMILES).
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "OC(=O)/C=C/c1ccc(O)cc1 OC(=O)\\C=C\\c1ccc(O)cc1 c1cc(O)ccc1/C=C/C(=O)O"
          + " O=C(O)/C=C/c1ccc(O)cc1 Oc1ccc(cc1)/C=C/C(O)=O",
      "C/C(O)=C/CC OC(\\C)=C/CC OC(/C)=C\\CC CC/C=C(/C)O CC/C=C(\\O)C C\\C(O)=C\\CC",
      "OC(=O)/C=C/C=C/c1ccccc1 c1ccccc1/C=C/C=C/C(=O)O OC(=O)\\C=C\\C=C\\c1ccccc1",
      "O=C1/C(=C/c2ccc(O)cc2)Oc2ccccc12 O=C1C(=C/c2ccc(O)cc2)/Oc2ccccc12"
          + " c1ccc2c(c1)C(=O)/C(=C/c1ccc(O)cc1)O2",
  })
  void oneStringWhateverTheDoubleBondMarks(String spellings) throws Exception {
    CanonicalSmiles canonical = new CanonicalSmiles();
    String[] each = spellings.split(" ");
    String expected = canonical.of(PARSER.parseSmiles(each[0]));
    assertTrue(expected.contains("/") || expected.contains("\\"), expected);
    for (String spelling : each) {
      assertEquals(expected, canonical.of(PARSER.parseSmiles(spelling)), spelling);
    }
  }

  /**
   * The fast path writes the molecule's Beam graph permuted into label order. For every stereo
   * molecule of the test libraries it must write what the CDK's isomeric writer writes of a copy
   * of the molecule in label order (atoms by label, bonds by their ends' labels, made with the
   * CDK's own add methods), with double-bond marks normalized as the CDK's canonical writer
   * does, and put every atom in the same place.
   */
  @Test
  void permutingTheGraphWritesWhatTheCopyInLabelOrderWrites() throws Exception {
    int compared = 0;
    int withDoubleBondMarks = 0;
    for (String smiles : ChemistryFixture.testLibrarySmiles()) {
      IAtomContainer molecule = PARSER.parseSmiles(smiles);
      if (!molecule.stereoElements().iterator().hasNext()) {
        continue;
      }
      SmartsPattern.prepare(molecule);
      long[] labels = Canon.label(molecule, GraphUtil.toAdjList(molecule));
      int[] byCopy = new int[molecule.getAtomCount()];
      String expected = copyInLabelOrderWritten(molecule, labels, byCopy);
      int[] byPermutation = new int[molecule.getAtomCount()];
      assertEquals(expected, CanonicalSmiles.inLabelOrder(molecule, labels, byPermutation),
          smiles);
      assertEquals(Arrays.toString(byCopy), Arrays.toString(byPermutation), smiles);
      compared++;
      if (expected.contains("/") || expected.contains("\\")) {
        withDoubleBondMarks++;
      }
    }
    assertTrue(compared >= 30 && withDoubleBondMarks >= 5,
        compared + " stereo molecules, " + withDoubleBondMarks + " with double-bond marks");
  }

  /**
   * The plain route writes what the CDK's plain canonical writer writes, atom for atom: for every
   * molecule of the test libraries, each of their O-methyl products, and molecules with charges,
   * explicit hydrogens, a pseudo atom and several pieces; each also with its atoms shuffled.
   */
  @Test
  void thePlainRouteWritesWhatTheCdksPlainWriterWrites() throws Exception {
    List<String> molecules = ChemistryFixture.testLibraryWithProducts("[NH3+]CC([O-])=O",
        "C[N+](C)(C)C.[Cl-]", "[H]C([H])([H])O", "[H][H]", "O=[N+]([O-])c1ccccc1",
        "[Fe+3].[O-2]", "*C(=O)O", "[2H]C([2H])O", "[Na+].[Cl-]", "C1CC1.C1CC1",
        "[O-]C(=O)C([O-])=O.[Ca+2]", "c1ccc2[nH]ccc2c1");
    SmilesGenerator cdk = new SmilesGenerator(SmiFlavor.Canonical | SmiFlavor.UseAromaticSymbols);
    CanonicalSmiles canonical = new CanonicalSmiles();
    Random random = new Random(11);
    int compared = 0;
    for (String smiles : molecules) {
      for (int round = 0; round < 3; round++) {
        IAtomContainer molecule = ChemistryFixture.prepared(smiles, round, random);
        assertNotNull(CanonicalSmiles.comparatorKeys(molecule), "not the fast route: " + smiles);
        int[] expectedOrder = new int[molecule.getAtomCount()];
        String expected = cdk.create(molecule, expectedOrder);
        int[] order = new int[molecule.getAtomCount()];
        assertEquals(expected, canonical.plainCanonical(molecule, order), smiles);
        assertEquals(Arrays.toString(expectedOrder), Arrays.toString(order), smiles);
        compared++;
      }
    }
    assertTrue(compared > 600, compared + " molecules compared");
  }

  /**
   * The reference for {@link CanonicalSmiles#inLabelOrder}: a copy of the molecule in label
   * order written by the CDK's isomeric writer, its double-bond marks normalized as the fast
   * path normalizes them.
   */
  private static String copyInLabelOrderWritten(IAtomContainer molecule, long[] labels,
      int[] rank) throws Exception {
    Integer[] byLabel = new Integer[labels.length];
    for (int i = 0; i < byLabel.length; i++) {
      byLabel[i] = i;
    }
    Arrays.sort(byLabel, Comparator.comparingLong(i -> labels[i]));
    IAtomContainer copy = molecule.getBuilder().newAtomContainer();
    for (int i : byLabel) {
      copy.addAtom(molecule.getAtom(i));
    }
    List<IBond> bonds = new ArrayList<>();
    molecule.bonds().forEach(bonds::add);
    bonds.sort(Comparator.comparingLong((IBond b) -> Math.min(labelOf(b.getBegin(), molecule,
            labels), labelOf(b.getEnd(), molecule, labels)))
        .thenComparingLong(b -> Math.max(labelOf(b.getBegin(), molecule, labels),
            labelOf(b.getEnd(), molecule, labels))));
    bonds.forEach(copy::addBond);
    molecule.stereoElements().forEach(copy::addStereoElement);
    int[] written = new int[labels.length];
    String smiles = new SmilesGenerator(SmiFlavor.Isomeric | SmiFlavor.UseAromaticSymbols)
        .create(copy, written);
    smiles = doubleBondMarksNormalizedFromTheString(smiles, written);
    for (int k = 0; k < byLabel.length; k++) {
      rank[byLabel[k]] = written[k];
    }
    return smiles;
  }

  /**
   * The CDK canonical writer's normalization of double-bond marks applied to a string by Beam's
   * own parser and generator, the definition {@code CanonicalSmiles} keeps without parsing.
   */
  static String doubleBondMarksNormalizedFromTheString(String smiles, int[] written)
      throws Exception {
    if (smiles.indexOf('/') < 0 && smiles.indexOf('\\') < 0) {
      return smiles;
    }
    Graph read = Graph.fromSmiles(smiles);
    read.sort(new Graph.VisitHighOrderFirst());
    read = Functions.normaliseDirectionalLabels(read);
    read.sort(new Graph.VisitHighOrderFirst()).sort(new Graph.VisitHydrogenFirst());
    int[] rewritten = new int[read.order()];
    String normalized = read.toSmiles(rewritten);
    for (int k = 0; k < written.length; k++) {
      written[k] = rewritten[written[k]];
    }
    return normalized;
  }

  private static long labelOf(IAtom atom, IAtomContainer molecule, long[] labels) {
    return labels[molecule.indexOf(atom)];
  }
}
