package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openscience.cdk.AtomRef;
import org.openscience.cdk.BondRef;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.graph.invariant.Canon;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.interfaces.ITetrahedralChirality;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smarts.SmartsPattern;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;

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
      assertEquals(expected, canonical.of(shuffled(PARSER.parseSmiles(smiles), random)),
          "round " + round);
    }
  }

  /**
   * The fast path writes a molecule with only tetrahedral centres by permuting its Beam graph
   * instead of copying it in label order: both must write the same string, atoms in the same
   * places, for every such molecule of the test libraries.
   */
  @Test
  void permutingTheGraphWritesWhatTheCopyInLabelOrderWrites() throws Exception {
    CanonicalSmiles canonical = new CanonicalSmiles();
    int compared = 0;
    for (String smiles : ChemistryFixture.testLibrarySmiles()) {
      IAtomContainer molecule = PARSER.parseSmiles(smiles);
      SmartsPattern.prepare(molecule);
      List<IStereoElement> elements = new ArrayList<>();
      molecule.stereoElements().forEach(elements::add);
      if (elements.isEmpty()
          || !elements.stream().allMatch(e -> e instanceof ITetrahedralChirality)) {
        continue;
      }
      long[] labels = Canon.label(molecule, GraphUtil.toAdjList(molecule));
      int[] byCopy = new int[molecule.getAtomCount()];
      int[] byPermutation = new int[molecule.getAtomCount()];
      assertEquals(canonical.inLabelOrderByCopy(molecule, labels, byCopy),
          CanonicalSmiles.inLabelOrderByPermutation(molecule, labels, byPermutation), smiles);
      assertEquals(Arrays.toString(byCopy), Arrays.toString(byPermutation), smiles);
      compared++;
    }
    assertTrue(compared >= 20, "only " + compared + " molecules with tetrahedral centres");
  }

  /**
   * The copy in label order hands its atoms and bonds over by position; it must hold what the
   * CDK's own {@code addAtom}, {@code addBond} and {@code addStereoElement} give, for every
   * molecule of the test libraries with stereo elements: the same atoms and bonds in the same
   * places, the same ends, the same stereo elements on the same atoms, the same string written.
   */
  @Test
  void theCopyInLabelOrderHoldsWhatTheCdksAddMethodsGive() throws Exception {
    int compared = 0;
    int withDoubleBondMarks = 0;
    for (String smiles : ChemistryFixture.testLibrarySmiles()) {
      IAtomContainer molecule = PARSER.parseSmiles(smiles);
      if (!molecule.stereoElements().iterator().hasNext()) {
        continue;
      }
      long[] labels = Canon.label(molecule, GraphUtil.toAdjList(molecule));
      Integer[] byLabel = new Integer[labels.length];
      for (int i = 0; i < byLabel.length; i++) {
        byLabel[i] = i;
      }
      Arrays.sort(byLabel, Comparator.comparingLong(i -> labels[i]));
      int[] order = Arrays.stream(byLabel).mapToInt(Integer::intValue).toArray();
      IAtomContainer copy = CanonicalSmiles.copyInOrder(molecule, labels, order);

      IAtomContainer expected = molecule.getBuilder().newAtomContainer();
      for (int i : order) {
        expected.addAtom(molecule.getAtom(i));
      }
      List<IBond> bonds = new ArrayList<>();
      molecule.bonds().forEach(bonds::add);
      bonds.sort(Comparator.comparingLong((IBond b) -> Math.min(labelOf(b.getBegin(), molecule,
              labels), labelOf(b.getEnd(), molecule, labels)))
          .thenComparingLong(b -> Math.max(labelOf(b.getBegin(), molecule, labels),
              labelOf(b.getEnd(), molecule, labels))));
      bonds.forEach(expected::addBond);
      molecule.stereoElements().forEach(expected::addStereoElement);

      assertEquals(describe(expected), describe(copy), smiles);
      SmilesGenerator inGivenOrder = new SmilesGenerator(
          SmiFlavor.Isomeric | SmiFlavor.UseAromaticSymbols);
      assertEquals(inGivenOrder.create(expected), inGivenOrder.create(copy), smiles);
      compared++;
      if (smiles.contains("/") || smiles.contains("\\")) {
        withDoubleBondMarks++;
      }
    }
    assertTrue(compared >= 20 && withDoubleBondMarks >= 5,
        compared + " stereo molecules, " + withDoubleBondMarks + " with double-bond marks");
  }

  private static long labelOf(IAtom atom, IAtomContainer molecule, long[] labels) {
    return labels[molecule.indexOf(atom)];
  }

  /**
   * A container's atoms (by identity of what they wrap), bonds (what they wrap, their ends by
   * position, their order) and stereo elements (kind, configuration, focus and carriers by
   * position), and that every bond and stereo element names the container's own atoms.
   */
  private static String describe(IAtomContainer container) {
    StringBuilder text = new StringBuilder();
    for (IAtom atom : container.atoms()) {
      text.append(System.identityHashCode(AtomRef.deref(atom))).append(atom.getSymbol())
          .append(' ');
    }
    for (IBond bond : container.bonds()) {
      assertTrue(bond.getBegin().getContainer() == container
          && bond.getEnd().getContainer() == container);
      text.append(System.identityHashCode(BondRef.deref(bond))).append(':')
          .append(container.indexOf(bond.getBegin())).append('-')
          .append(container.indexOf(bond.getEnd())).append(bond.getOrder()).append(' ');
    }
    text.append(ChemistryFixture.stereoByPosition(container));
    return text.toString();
  }


  /**
   * The labels and symmetry classes of one refinement are the CDK's own, for every molecule of
   * the test libraries (and with explicit hydrogens, which the refinement treats apart).
   */
  @Test
  void oneRefinementGivesTheCdksLabelsAndSymmetryClasses() throws Exception {
    List<String> molecules = new ArrayList<>(ChemistryFixture.testLibrarySmiles());
    molecules.addAll(List.of("[H]C([H])([H])C([H])([H])O", "[H][C@@](C)(O)C(=O)O", "[2H]C"));
    for (String smiles : molecules) {
      IAtomContainer molecule = PARSER.parseSmiles(smiles);
      int[][] graph = GraphUtil.toAdjList(molecule);
      CanonRefinement.Result refined = CanonRefinement.of(molecule, graph);
      assertEquals(Arrays.toString(Canon.label(molecule, graph)),
          Arrays.toString(refined.labels()), smiles);
      assertEquals(Arrays.toString(Canon.symmetry(molecule, graph)),
          Arrays.toString(refined.symmetry()), smiles);
    }
    assertTrue(molecules.size() > 100, molecules.size() + " molecules");
  }

  /** The valid molecules of testdata/polyphenols.tsv and testdata/stereo-cases.tsv. */


  /** The same molecule with its atoms and bonds in a random order, stereo kept. */
  private static IAtomContainer shuffled(IAtomContainer molecule, Random random) {
    List<IAtom> atoms = new ArrayList<>();
    molecule.atoms().forEach(atoms::add);
    List<IBond> bonds = new ArrayList<>();
    molecule.bonds().forEach(bonds::add);
    Collections.shuffle(atoms, random);
    Collections.shuffle(bonds, random);
    IAtomContainer copy = molecule.getBuilder().newAtomContainer();
    atoms.forEach(copy::addAtom);
    bonds.forEach(copy::addBond);
    for (IStereoElement<?, ?> element : molecule.stereoElements()) {
      copy.addStereoElement(element);
    }
    return copy;
  }
}
