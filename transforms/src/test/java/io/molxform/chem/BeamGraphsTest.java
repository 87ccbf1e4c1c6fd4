package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smarts.SmartsPattern;
import org.openscience.cdk.smiles.SmilesParser;
import uk.ac.ebi.beam.Graph;

/**
 * {@link BeamGraphs} makes the graph the CDK's {@code CDKToBeam} makes: both written in atom
 * order (every atom, bond, hydrogen count, charge, isotope and stereo mark where the graph has
 * it) must read the same. Re-run on every CDK upgrade.
 */
class BeamGraphsTest {
  private static final SmilesParser PARSER =
      new SmilesParser(SilentChemObjectBuilder.getInstance());

  @Test
  void theGraphIsTheCdksForTheTestLibrariesAndTheirProducts() throws Exception {
    List<String> molecules = ChemistryFixture.testLibraryWithProducts("[NH3+]CC([O-])=O",
        "C[N+](C)(C)C.[Cl-]", "[H]C([H])([H])O", "[13CH3]C(=O)O", "[2H]/C=C/[2H]", "F/C=C\\Cl",
        "C[C@H]1CC[C@@H](C)CC1", "[C@@H](F)(Cl)Br", "N[C@@H](C)C(=O)O", "c1ccc2[nH]ccc2c1",
        "O=[N+]([O-])c1ccccc1", "[Fe+3].[O-2]", "C#N", "OC(=O)/C=C/C=C\\c1ccccc1");
    Random random = new Random(5);
    int direct = 0;
    for (String smiles : molecules) {
      for (int round = 0; round < 2; round++) {
        IAtomContainer molecule = ChemistryFixture.prepared(smiles, round, random);
        for (int flavour : new int[] {BeamGraphs.PLAIN, BeamGraphs.ISOMERIC}) {
          Graph ours = BeamGraphs.direct(molecule, flavour);
          assertNotNull(ours, smiles);
          assertEquals(CdkInternals.beamGraph(molecule, flavour).toSmiles(), ours.toSmiles(),
              smiles + " flavour " + flavour);
          direct++;
        }
      }
    }
    assertTrue(direct > 1000, direct + " graphs compared");
  }

  /** A pseudo atom is left to the CDK, whose graph {@link BeamGraphs#of} then returns. */
  @Test
  void whatItDoesNotHandleGoesToTheCdk() throws Exception {
    IAtomContainer molecule = PARSER.parseSmiles("*C(=O)O");
    SmartsPattern.prepare(molecule);
    assertNull(BeamGraphs.direct(molecule, BeamGraphs.ISOMERIC));
    assertEquals(CdkInternals.beamGraph(molecule, BeamGraphs.ISOMERIC).toSmiles(),
        BeamGraphs.of(molecule, BeamGraphs.ISOMERIC).toSmiles());
  }
}
