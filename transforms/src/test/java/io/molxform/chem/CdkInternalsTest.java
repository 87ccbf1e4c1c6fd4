package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.graph.invariant.Canon;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.isomorphism.DfPattern;
import org.openscience.cdk.isomorphism.Transform;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;
import org.openscience.cdk.smirks.Smirks;

/**
 * Pins each piece of the CDK's private code that {@link CdkInternals} reaches against the CDK's
 * public API on the test libraries, so that a CDK upgrade that changes one fails here, by name.
 */
class CdkInternalsTest {
  private static final SmilesParser PARSER =
      new SmilesParser(SilentChemObjectBuilder.getInstance());

  private static List<String> molecules() throws Exception {
    List<String> molecules = new ArrayList<>(ChemistryFixture.testLibrarySmiles());
    molecules.addAll(List.of("[H]C([H])([H])C([H])([H])O", "[H][C@@](C)(O)C(=O)O", "[2H]C"));
    return molecules;
  }

  @Test
  void theBeamGraphIsWhatTheCdksSmilesWriterWrites() throws Exception {
    int compared = 0;
    for (String smiles : molecules()) {
      IAtomContainer molecule = PARSER.parseSmiles(smiles);
      String cdk = new SmilesGenerator(SmiFlavor.Isomeric).create(molecule);
      assertEquals(cdk, CdkInternals.beamGraph(molecule, SmiFlavor.Isomeric).toSmiles(), smiles);
      compared++;
    }
    assertTrue(compared > 100, compared + " molecules");
  }

  /**
   * The labels and symmetry classes of one refinement are the CDK's own, for every molecule of
   * the test libraries (and with explicit hydrogens, which the refinement treats apart).
   */
  @Test
  void oneRefinementGivesTheCdksLabelsAndSymmetryClasses() throws Exception {
    for (String smiles : molecules()) {
      IAtomContainer molecule = PARSER.parseSmiles(smiles);
      int[][] graph = GraphUtil.toAdjList(molecule);
      CdkInternals.CanonResult refined = CdkInternals.canon(molecule, graph);
      assertEquals(Arrays.toString(Canon.label(molecule, graph)),
          Arrays.toString(refined.labels()), smiles);
      assertEquals(Arrays.toString(Canon.symmetry(molecule, graph)),
          Arrays.toString(refined.symmetry()), smiles);
    }
  }

  /**
   * The compiled plan applied to a match found from outside makes what {@code Transform.apply}
   * makes after its own match: the same SMILES for every molecule of the test libraries with
   * exactly one site of each SMIRKS.
   */
  @Test
  void thePlanAppliedToAMatchGivenFromOutsideIsTransformApply() throws Exception {
    int compared = 0;
    for (String smirks : List.of("[c:1][OX2H1:2]>>[c:1][OH0:2]C",
        "[CX3:1](=[O:2])[OX2H1:3]>>[CX3:1](=[O:2])[OH0:3]CC",
        "[c:1][OX2:2][CH3]>>[c:1][OH1:2]")) {
      Transform transform = new Transform();
      assertTrue(Smirks.parse(transform, smirks), transform.message());
      CdkInternals.CompiledSmirks compiled = CdkInternals.compiled(transform);
      DfPattern query = DfPattern.findSubstructure(compiled.query());
      SmilesGenerator writer = new SmilesGenerator(SmiFlavor.Absolute);
      for (String smiles : molecules()) {
        IAtomContainer molecule = PARSER.parseSmiles(smiles);
        int[][] matches = query.matchAll(molecule).uniqueAtoms().toArray();
        if (matches.length != 1) {
          continue;
        }
        IAtomContainer byCdk = molecule.clone();
        assertTrue(transform.apply(byCdk), smirks + " on " + smiles);
        IAtom[] atomMap = new IAtom[CdkInternals.planAtomMapSize(compiled.plan(), molecule)];
        for (int i = 0; i < matches[0].length; i++) {
          atomMap[i + 1] = molecule.getAtom(matches[0][i]);
        }
        assertTrue(CdkInternals.applyPlan(compiled.plan(), molecule, atomMap), smiles);
        assertEquals(writer.create(byCdk), writer.create(molecule), smirks + " on " + smiles);
        compared++;
      }
    }
    assertTrue(compared >= 20, compared + " molecules with one site");
  }
}
