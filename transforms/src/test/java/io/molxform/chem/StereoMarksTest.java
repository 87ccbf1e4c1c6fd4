package io.molxform.chem;

import static io.molxform.chem.ChemistryFixture.canonical;
import static io.molxform.chem.ChemistryFixture.products;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Stereo marks that describe no stereocentre, with answers derived by hand: which atoms are
 * stereocentres follows from the structures (four different neighbours, or equivalent branches
 * that differ in their own configuration), not from what molxform does.
 */
class StereoMarksTest {

  @Test
  void aThreeCoordinateNitrogenKeepsAMarkOnlyWhereItCannotInvert() {
    // An ordinary tertiary amine inverts at room temperature: its marks describe nothing, and
    // three spellings are one molecule (RDKit writes CCN(C)CCO for all three).
    assertEquals(canonical("CCN(C)CCO"), canonical("CC[N@](C)CCO"));
    assertEquals(canonical("CCN(C)CCO"), canonical("CC[N@@](C)CCO"));
    // In a three-membered ring (an aziridine) or at a bridgehead (1-azabicyclo[2.2.1]heptane)
    // inversion is blocked: the marks stay and the two configurations are two molecules.
    assertNotEquals(canonical("CC[N@]1C[C@@H]1C"), canonical("CC[N@@]1C[C@@H]1C"));
    assertTrue(canonical("CC[N@]1C[C@@H]1C").contains("N@"), canonical("CC[N@]1C[C@@H]1C"));
    assertNotEquals(canonical("C[C@H]1C[N@]2CC[C@H]1C2"), canonical("C[C@H]1C[N@@]2CC[C@H]1C2"));
  }

  @Test
  void aFourCoordinateNitrogenKeepsItsMark() {
    // A protonated amine with four different ligands (H among them) is a centre, as RDKit
    // keeps it: the two marks are two molecules.
    assertNotEquals(canonical("C[N@H+](CCO)CC"), canonical("C[N@@H+](CCO)CC"));
    assertTrue(canonical("C[N@H+](CCO)CC").contains("@"), canonical("C[N@H+](CCO)CC"));
    // Two equal ligands: no centre.
    assertEquals(canonical("C[NH+](C)CCO"), canonical("C[N@H+](C)CCO"));
  }

  @Test
  void markOnACentreWithTwoMethylsIsDropped() {
    // Isopropanol's C2 carries two methyls: no stereocentre, one molecule, one string.
    assertEquals(canonical("CC(C)O"), canonical("C[C@H](C)O"));
    assertEquals(canonical("CC(C)O"), canonical("C[C@@H](C)O"));
    assertFalse(canonical("C[C@@H](C)O").contains("@"));
    assertEquals(ChemistryFixture.canon("CC(=O)OC(C)C"),
        products("FG_ALCOHOL_OH__OH__TO__OAc", "C[C@@H](C)O"));
  }

  @Test
  void glycerolsMarkIsDroppedBeforeItsPrimaryAcetateIsMade() {
    // Glycerol's C2 has two CH2OH branches: no centre. Its primary acetate has one (CH2OAc,
    // CH2OH, OH, H), but made from glycerol it has no configuration: one product, unmarked.
    assertEquals(canonical("OCC(O)CO"), canonical("OC[C@@H](O)CO"));
    assertEquals(canonical("OCC(O)CO"), canonical("OC[C@H](O)CO"));
    Set<String> expected = ChemistryFixture.canon("CC(=O)OCC(O)CO", "CC(=O)OC(CO)CO");
    assertEquals(expected, products("FG_ALCOHOL_OH__OH__TO__OAc", "OC[C@@H](O)CO"));
    assertEquals(expected, products("FG_ALCOHOL_OH__OH__TO__OAc", "OC[C@H](O)CO"));
  }

  @Test
  void aCentreTheTransformMakesSymmetricLosesItsMark() {
    // Serine's CH2OH oxidized to COOH gives aminomalonic acid: two COOH on the former centre.
    Set<String> expected = ChemistryFixture.canon("NC(C(=O)O)C(=O)O");
    assertEquals(expected, products("FG_PRIMARY_ALCOHOL__CH2OH__TO__COOH", "N[C@@H](CO)C(=O)O"));
    assertEquals(expected, products("FG_PRIMARY_ALCOHOL__CH2OH__TO__COOH", "N[C@H](CO)C(=O)O"));
    assertFalse(expected.iterator().next().contains("@"));
  }

  @Test
  void anAcylalsMarkMeansNothingAndItsHalfHydrolysisIsUnmarked() {
    // ArCH(OAc)2: two acetoxy groups, no centre. Hydrolysing one makes ArCH(OH)(OAc), a centre,
    // but from a parent without configuration: one product, unmarked, whichever mark was written.
    Set<String> expected = ChemistryFixture.canon("CC(=O)OC(O)c1ccc(O)cc1");
    assertEquals(expected, products("FG_ESTER__COOR__TO__COOH",
        "CC(=O)O[C@H](OC(C)=O)c1ccc(O)cc1"));
    assertEquals(expected, products("FG_ESTER__COOR__TO__COOH",
        "CC(=O)O[C@@H](OC(C)=O)c1ccc(O)cc1"));
  }

  @Test
  void aRealCentreKeepsItsMarkThroughATransform() {
    // Lactic acid's C2 (CH3, OH, COOH, H) stays a centre once esterified: the two enantiomers
    // give two products, each with a mark.
    Set<String> fromL = products("FG_CARBOXYLIC_ACID__COOH__TO__COOMe", "C[C@H](O)C(=O)O");
    Set<String> fromD = products("FG_CARBOXYLIC_ACID__COOH__TO__COOMe", "C[C@@H](O)C(=O)O");
    assertEquals(1, fromL.size());
    assertTrue(fromL.iterator().next().contains("@"));
    assertNotEquals(fromL, fromD);
    assertEquals(canonical("C[C@H](O)C(=O)O"), canonical("OC(=O)[C@@H](O)C"));
  }

  @Test
  void anUnmarkedCentreStaysUnmarked() {
    assertFalse(canonical("CC(O)C(=O)O").contains("@"));
    assertFalse(products("FG_CARBOXYLIC_ACID__COOH__TO__COOMe", "CC(O)C(=O)O").iterator().next()
        .contains("@"));
  }

  @Test
  void aPseudoAsymmetricCentreIsKept() {
    // Ribitol and xylitol differ only at C3, whose two branches are mirror images: C3 is a real
    // (pseudo-asymmetric) centre, so the two are two molecules and keep two strings.
    String ribitol = canonical("OC[C@H](O)[C@H](O)[C@H](O)CO");
    String xylitol = canonical("OC[C@H](O)[C@@H](O)[C@H](O)CO");
    assertNotEquals(ribitol, xylitol);
    assertEquals(3, marks(ribitol));
    assertEquals(3, marks(xylitol));
  }

  @Test
  void aCentreBetweenBranchesOfTheSameConfigurationIsDropped() {
    // Pentane-2,3,4-triol written with C2 and C4 alike (both R or both S, a chiral molecule):
    // C3's two branches are the same, so C3 is no centre and its two marks give one molecule;
    // C2 and C4 stay. With C2 and C4 opposite (the meso pair), C3 is pseudo-asymmetric and
    // its marks make two molecules.
    String one = canonical("C[C@@H](O)[C@H](O)[C@H](O)C");
    String other = canonical("C[C@@H](O)[C@@H](O)[C@H](O)C");
    assertEquals(one, other);
    assertEquals(2, marks(one));
    String mesoOne = canonical("C[C@@H](O)[C@H](O)[C@@H](O)C");
    String mesoOther = canonical("C[C@@H](O)[C@@H](O)[C@@H](O)C");
    assertNotEquals(mesoOne, mesoOther);
    assertEquals(3, marks(mesoOne));
  }

  @Test
  void cisAndTransRingCentresStayApart() {
    // cis- and trans-cyclohexane-1,4-diol: para centres, meaningful together.
    String cis = canonical("O[C@H]1CC[C@@H](O)CC1");
    String trans = canonical("O[C@H]1CC[C@H](O)CC1");
    assertNotEquals(cis, trans);
    // cis- and trans-decalin: the ring-fusion centres make two molecules.
    assertNotEquals(canonical("C1CC[C@H]2CCCC[C@@H]2C1"), canonical("C1CC[C@H]2CCCC[C@H]2C1"));
  }

  @Test
  void aLoneRingCentreWithSymmetricRingIsDropped() {
    // Cyclohexanol's C1: the two ring paths from it are the same, no centre.
    assertEquals(canonical("OC1CCCCC1"), canonical("O[C@H]1CCCCC1"));
    assertFalse(canonical("O[C@H]1CCCCC1").contains("@"));
  }

  @Test
  void aBridgeheadBetweenTwoEqualBridgesIsDropped() {
    // 1,8-Cineole's C1 carries O, CH3 and two CH2CH2 bridges that a mirror plane exchanges:
    // the molecule is achiral and a mark there means nothing (the InChI would keep it).
    assertEquals(canonical("CC12CCC(CC1)C(C)(C)O2"), canonical("C[C@@]12OC(C(CC1)CC2)(C)C"));
    assertEquals(canonical("CC12CCC(CC1)C(C)(C)O2"), canonical("C[C@]12OC(C(CC1)CC2)(C)C"));
  }

  @Test
  void aDoubleBondWithTwoEqualEndsLosesItsMark() {
    // 2-methylbut-2-ene: one end carries two methyls, no E/Z.
    assertEquals(canonical("CC=C(C)C"), canonical("C/C=C(/C)C"));
    // but-2-ene keeps E and Z apart.
    assertNotEquals(canonical("C/C=C/C"), canonical("C/C=C\\C"));
  }

  private static long marks(String smiles) {
    return smiles.chars().filter(c -> c == '@').count()
        - smiles.split("@@", -1).length + 1;
  }
}
