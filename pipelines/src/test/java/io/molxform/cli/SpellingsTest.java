package io.molxform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.Product;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformOutcome;
import io.molxform.chem.TransformSpec;
import io.molxform.tools.LibraryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.graph.invariant.Canon;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.ITetrahedralChirality.Stereo;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;
import org.openscience.cdk.stereo.TetrahedralChirality;
import uk.ac.ebi.beam.Graph;

/**
 * One molecule, one string, whatever the spelling: every molecule of the test library and of a
 * generated library is written several ways (atoms in random orders, Kekulé and aromatic forms,
 * a stereo mark that means nothing added where one can be), and every spelling must give the
 * same canonical parent and, for every catalog entry, the same products.
 *
 * <p>The spellings are made by the Beam SMILES toolkit and the CDK, not by molxform; a mark
 * means nothing where the molecule has no other mark and the atom has two neighbours in the same
 * symmetry class (the CDK's {@link Canon#symmetry}): both branches are then the same.
 */
class SpellingsTest {
  static final int GENERATED = 3000;
  static final int RANDOM_ORDERS = 2;

  @Test
  void everySpellingOfTheTestLibraryGivesOneParentAndOneProductSet() throws Exception {
    List<String> library = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("../testdata/polyphenols.tsv"))) {
      String[] fields = line.split("\t", -1);
      if (!fields[0].equals("id") && !fields[2].equals("deliberately invalid")) {
        library.add(fields[4]);
      }
    }
    assertTrue(library.size() > 100);
    assertSpellingsAgree(library);
  }

  @Test
  void everySpellingOfGeneratedMoleculesGivesOneParentAndOneProductSet() throws Exception {
    LibraryGenerator generator = new LibraryGenerator(5, 0.45, 0, GENERATED);
    List<String> library = new ArrayList<>();
    for (int i = 0; i < GENERATED; i++) {
      library.add(generator.next().smiles());
    }
    assertSpellingsAgree(library);
  }

  private static void assertSpellingsAgree(List<String> library) throws Exception {
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    List<MoleculeTransformer> transformers = new ArrayList<>();
    for (TransformSpec spec : TransformCatalog.builtIn().entries()) {
      transformers.add(new MoleculeTransformer(spec));
    }
    Random random = new Random(42);
    int spellingsTried = 0;
    int meaninglessMarksAdded = 0;
    for (String smiles : library) {
      Set<String> spellings = new LinkedHashSet<>(spellings(smiles, random));
      String withMark = withMeaninglessMark(smiles);
      if (withMark != null) {
        meaninglessMarksAdded++;
        spellings.add(withMark);
        spellings.add(inRandomOrder(Graph.fromSmiles(withMark), random));
      }
      String expectedParent = null;
      List<String> expectedProducts = null;
      String first = null;
      for (String spelling : spellings) {
        MoleculeParser.Result parsed = parser.parse(spelling);
        assertTrue(parsed.ok(), () -> spelling + " (a spelling of " + smiles + ") does not parse: "
            + parsed.rejection());
        String parent = parsed.molecule().canonicalSmiles();
        List<String> products = new ArrayList<>();
        for (MoleculeTransformer transformer : transformers) {
          products.add(transformer.spec().name() + ": "
              + describe(transformer.apply(parsed.molecule())));
        }
        spellingsTried++;
        if (first == null) {
          first = spelling;
          expectedParent = parent;
          expectedProducts = products;
          continue;
        }
        String reference = first;
        assertEquals(expectedParent, parent, () -> "the parent of " + spelling
            + " differs from the parent of " + reference);
        for (int t = 0; t < products.size(); t++) {
          int entry = t;
          assertEquals(expectedProducts.get(t), products.get(t), () -> "products of " + spelling
              + " differ from those of " + reference + " under " + transformers.get(entry).spec()
                  .name());
        }
      }
    }
    assertTrue(spellingsTried >= library.size() * 3L, "spellings tried: " + spellingsTried);
    assertTrue(meaninglessMarksAdded > 0, "no molecule took a meaningless mark");
  }

  private static String describe(TransformOutcome outcome) {
    Set<String> products = outcome.products().stream().map(Product::smiles)
        .collect(Collectors.toCollection(TreeSet::new));
    return outcome.status() + " " + products;
  }

  /** As written, in random atom orders, and in Kekulé and aromatic forms. */
  private static List<String> spellings(String smiles, Random random) throws IOException {
    List<String> spellings = new ArrayList<>();
    spellings.add(smiles);
    Graph graph = Graph.fromSmiles(smiles);
    for (int i = 0; i < RANDOM_ORDERS; i++) {
      spellings.add(inRandomOrder(graph, random));
    }
    try {
      spellings.add(inRandomOrder(graph.kekule(), random));
    } catch (IOException e) {
      // No Kekulé form (the input's aromaticity allows none): the other spellings stand.
    }
    spellings.add(inRandomOrder(graph.aromatic(), random));
    return spellings;
  }

  /** Seeded, so that a failing spelling comes back on the next run. */
  private static String inRandomOrder(Graph graph, Random random) throws IOException {
    int[] order = new int[graph.order()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return graph.permute(order).toSmiles();
  }

  /**
   * The molecule with one tetrahedral mark on an sp3 atom whose branches are the same, when it
   * has no mark yet and such an atom exists; else null.
   */
  private static String withMeaninglessMark(String smiles) throws CDKException {
    IAtomContainer molecule = new SmilesParser(SilentChemObjectBuilder.getInstance())
        .parseSmiles(smiles);
    if (molecule.stereoElements().iterator().hasNext()) {
      return null;
    }
    long[] symmetry = Canon.symmetry(molecule, GraphUtil.toAdjList(molecule));
    for (IAtom atom : molecule.atoms()) {
      List<IAtom> neighbours = molecule.getConnectedAtomsList(atom);
      int hydrogens = atom.getImplicitHydrogenCount() == null ? 0 : atom.getImplicitHydrogenCount();
      if (atom.getAtomicNumber() != 6 || neighbours.size() + hydrogens != 4 || hydrogens > 1) {
        continue;
      }
      boolean single = true;
      for (IBond bond : molecule.getConnectedBondsList(atom)) {
        single &= bond.getOrder() == IBond.Order.SINGLE && !bond.isAromatic();
      }
      if (!single || !twoEquivalent(neighbours, molecule, symmetry)) {
        continue;
      }
      IAtom fourth = hydrogens == 1 ? atom : neighbours.get(3);
      molecule.addStereoElement(new TetrahedralChirality(atom, new IAtom[] {
          neighbours.get(0), neighbours.get(1), neighbours.get(2), fourth}, Stereo.CLOCKWISE));
      return new SmilesGenerator(SmiFlavor.Isomeric).create(molecule);
    }
    return null;
  }

  private static boolean twoEquivalent(List<IAtom> neighbours, IAtomContainer molecule,
      long[] symmetry) {
    for (int i = 0; i < neighbours.size(); i++) {
      for (int j = i + 1; j < neighbours.size(); j++) {
        if (symmetry[molecule.indexOf(neighbours.get(i))]
            == symmetry[molecule.indexOf(neighbours.get(j))]) {
          return true;
        }
      }
    }
    return false;
  }
}
