package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;
import uk.ac.ebi.beam.Edge;
import uk.ac.ebi.beam.Functions;
import uk.ac.ebi.beam.Graph;
import uk.ac.ebi.beam.SmilesWriter;

/**
 * {@link SmilesWriter} writes what Beam's own generator writes, string and atom order, and reads
 * back the graph Beam's parser reads from that string (each atom's edges in the same order, from
 * the same end, with the same labels; the same stereo and flags), so that the double-bond
 * normalization gives the same string either way. For every graph the chemistry writes: the test
 * libraries, their products and the shipped reagent lists, as the CDK hands them over, in random
 * atom orders, and sorted the way the normalization sorts them; and for the corners of the SMILES
 * grammar (ring numbers past 9 and reused after a dot, several closures on a stereocentre,
 * bracket atoms of every kind). Re-run on every upgrade of beam-core.
 */
class SmilesWriterTest {
  @Test
  void writesWhatBeamWritesForTheTestLibrariesTheirProductsAndTheReagents() throws Exception {
    List<String> molecules = ChemistryFixture.testLibraryWithProducts();
    for (String list : new String[] {"acids.csv", "amines.csv", "halides.csv"}) {
      ChemistryFixture.shippedReagents(list).forEach(row -> molecules.add(row.smiles()));
    }
    ChemistryFixture.benchmarkAcids().forEach(row -> molecules.add(row.smiles()));
    Random random = new Random(11);
    int graphs = 0;
    for (String smiles : molecules) {
      for (int round = 0; round < 2; round++) {
        IAtomContainer molecule = ChemistryFixture.prepared(smiles, round, random);
        for (int flavour : new int[] {BeamGraphs.PLAIN, BeamGraphs.ISOMERIC}) {
          Graph graph = BeamGraphs.of(molecule, flavour);
          graphs += assertSameInEveryOrder(graph, random, smiles);
        }
      }
    }
    assertTrue(graphs > 10_000, graphs + " graphs compared");
  }

  @Test
  void writesWhatBeamWritesForTheCornersOfTheGrammar() throws Exception {
    String[] corners = {
      "[H][H]", "[H]", "[2H]C([2H])([2H])[2H]", "[NH4+].[Cl-]", "[Fe+3].[O-2].[O-2]",
      "C1CC1.C1CC1.C1CC1", "[CH3:1][OH:2]", "C[C@H]1CC[C@@H](C)CC1", "[C@@H](F)(Cl)Br",
      "F[C@]1(Cl)CC[C@@]2(Br)CCCC[C@H]12", "C[C@@]12CC[C@H]3[C@@H](CC=C4C[C@@H](O)CC[C@]34C)[C@@H]1CC[C@@H]2O",
      "[C@]12(CC1)CC2", "[C@@]123CC1C2C3", "C12C3C4C1C5C2C3C45",
      "C1CC2CC3CC4CC5CC6CC7CC8CC9CC%10CC%11CC1C2C3C4C5C6C7C8C9%10%11",
      "F/C=C/F", "F/C=C\\F", "C/1=C/CCCCCC1", "C\\1CCCCCC/C=C1", "OC(=O)/C=C/C=C\\c1ccccc1",
      "c1ccc2[nH]ccc2c1", "O=[N+]([O-])c1ccccc1", "[13CH3]C(=O)O", "C#N", "C$C",
      "[Pt@SP1](Cl)(Cl)(N)N", "[Pt@SP3](Cl)(N)(Cl)N", "S[As@TB1](F)(Cl)(Br)N",
      "C[Co@OH1](F)(Cl)(Br)(I)N", "[se]1cccc1", "[Na+].[O-]c1ccccc1", "[CH2-][N+]#N",
      "C=[C@]=CF", "OC[C@@H](O)[C@@H](O)[C@H](O)[C@H](O)C=O",
    };
    Random random = new Random(3);
    for (String smiles : corners) {
      Graph graph = Graph.fromSmiles(smiles);
      assertSameInEveryOrder(graph, random, smiles);
      assertSameInEveryOrder(graph.kekule(), random, smiles + " kekule");
    }
  }

  /** The graph as it is, in random orders, and sorted as the double-bond round trip sorts. */
  private static int assertSameInEveryOrder(Graph graph, Random random, String what)
      throws Exception {
    int compared = 0;
    assertSame(graph, what);
    compared++;
    for (int k = 0; k < 3; k++) {
      Graph permuted = graph.permute(randomPermutation(graph.order(), random));
      assertSame(permuted, what + " permuted");
      compared++;
    }
    Graph sorted = Graph.fromSmiles(graph.toSmiles());
    sorted.sort(new Graph.VisitHighOrderFirst());
    sorted = Functions.normaliseDirectionalLabels(sorted);
    sorted.sort(new Graph.VisitHighOrderFirst()).sort(new Graph.VisitHydrogenFirst());
    assertSame(sorted, what + " normalized");
    return compared + 1;
  }

  private static void assertSame(Graph graph, String what) throws Exception {
    int[] beamOrder = new int[graph.order()];
    int[] ourOrder = new int[graph.order()];
    String beam = graph.toSmiles(beamOrder);
    SmilesWriter writer = SmilesWriter.of(graph, ourOrder);
    assertEquals(beam, writer.smiles(), what);
    assertArrayEquals(beamOrder, ourOrder, what);
    assertSameGraph(Graph.fromSmiles(beam), writer.readBack(), what + " read back");
    int[] normalizedOrder = ourOrder.clone();
    assertEquals(CanonicalSmilesTest.doubleBondMarksNormalizedFromTheString(beam, beamOrder),
        CanonicalSmiles.withDoubleBondMarksNormalized(writer, normalizedOrder),
        what + " normalized");
    assertArrayEquals(beamOrder, normalizedOrder, what + " normalized");
  }

  /**
   * The same atoms, flags, stereo, and edges in the same order at every atom, each from the same
   * end with the same label: all the normalization and the generator read of a graph.
   */
  private static void assertSameGraph(Graph parsed, Graph readBack, String what) {
    assertEquals(parsed.order(), readBack.order(), what);
    assertEquals(parsed.size(), readBack.size(), what);
    assertEquals(parsed.getFlags(), readBack.getFlags(), what + " flags");
    int[] reversed = new int[parsed.order()];
    for (int u = 0; u < reversed.length; u++) {
      reversed[u] = reversed.length - 1 - u;
    }
    for (int u = 0; u < parsed.order(); u++) {
      assertEquals(parsed.atom(u), readBack.atom(u), what + " atom " + u);
      assertEquals(parsed.configurationOf(u), readBack.configurationOf(u), what + " atom " + u);
      assertEquals(parsed.degree(u), readBack.degree(u), what + " atom " + u);
      for (int j = 0; j < parsed.degree(u); j++) {
        Edge expected = parsed.edgeAt(u, j);
        Edge actual = readBack.edgeAt(u, j);
        assertEquals(expected.either(), actual.either(), what + " edge " + u + "," + j);
        assertEquals(expected.other(expected.either()), actual.other(actual.either()),
            what + " edge " + u + "," + j);
        assertEquals(expected.bond(), actual.bond(), what + " edge " + u + "," + j);
      }
    }
  }

  private static int[] randomPermutation(int n, Random random) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, random);
    int[] permutation = new int[n];
    for (int i = 0; i < n; i++) {
      permutation[i] = order.get(i);
    }
    return permutation;
  }
}
