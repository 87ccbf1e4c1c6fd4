package io.molxform.chem;

import static io.molxform.chem.ChemistryFixture.CATALOG;
import static io.molxform.chem.ChemistryFixture.apply;
import static io.molxform.chem.ChemistryFixture.canon;
import static io.molxform.chem.ChemistryFixture.products;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;

/** Site modes, symmetry, stereo, charges, caps and canonical identity, on real molecules. */
class MoleculeTransformerTest {

  @Test
  void allModeChangesEverySiteAtOnce() {
    TransformOutcome outcome = apply("FG_NITRO__NO2__TO__NH2",
        "[O-][N+](=O)c1ccc(cc1)[N+]([O-])=O");
    assertEquals(canon("Nc1ccc(N)cc1"), products("FG_NITRO__NO2__TO__NH2",
        "[O-][N+](=O)c1ccc(cc1)[N+]([O-])=O"));
    assertEquals(2, outcome.products().get(0).sites());
    assertEquals(2, outcome.sitesFound());
  }

  @Test
  void allModeRespectsMaxSites() {
    TransformSpec two = CATALOG.get("FG_PHENOL_OH__OH__TO__OMe").withSites(SiteMode.ALL, 2);
    // Phloroglucinol: three equivalent OH; two of them change, whichever two (by symmetry).
    assertEquals(canon("COc1cc(O)cc(OC)c1"), products(two, "Oc1cc(O)cc(O)c1"));
  }

  @Test
  void combinatorialModeGivesEverySubsetUpToMaxSites() {
    TransformSpec upToTwo =
        CATALOG.get("FG_PHENOL_OH__OH__TO__OMe_COMBINATORIAL").withSites(SiteMode.COMBINATORIAL, 2);
    // Phloroglucinol by symmetry: one mono-, one di-methyl ether; no tri- (maxSites 2).
    assertEquals(canon("COc1cc(O)cc(O)c1", "COc1cc(O)cc(OC)c1"),
        products(upToTwo, "Oc1cc(O)cc(O)c1"));
    // 4-methylcatechol: 2 distinct mono-ethers and the di-ether.
    assertEquals(canon("COc1ccc(C)cc1O", "COc1cc(C)ccc1O", "COc1ccc(C)cc1OC"),
        products(upToTwo, "Cc1ccc(O)c(O)c1"));
  }

  @Test
  void symmetricSitesCollapseToOneProduct() {
    assertEquals(1, products("FG_PHENOL_OH__OH__TO__OMe", "Oc1ccc(O)cc1").size());
    // Benzene: six equivalent C-H, one fluorobenzene.
    assertEquals(canon("Fc1ccccc1"), products("FG_ARENE_CH__H__TO__F", "c1ccccc1"));
  }

  @Test
  void untouchedStereoIsKeptAndTheChangedCentreIsNotInvented() {
    // (-)-Epicatechin: 4 phenolic OH; both stereocentres (2R,3R) must survive every methylation.
    String epicatechin = "O[C@@H]1Cc2c(O)cc(O)cc2O[C@@H]1c1ccc(O)c(O)c1";
    Set<String> methylated = products("FG_PHENOL_OH__OH__TO__OMe", epicatechin);
    assertEquals(4, methylated.size());
    for (String product : methylated) {
      assertEquals(2, product.split("@+", -1).length - 1, "two stereocentres in " + product);
    }
    // Geraniol's (E) bond survives hydrogenation of the other double bond.
    assertTrue(products("FG_ALKENE__C=C__TO__CC", "CC(C)=CCC/C(C)=C/CO")
        .contains(ChemistryFixture.canonical("CC(C)CCC/C(C)=C/CO")));
  }

  @Test
  void chargedMoleculesKeepTheirChargesAndCounterIons() {
    // Pelargonidin chloride: the flavylium cation's phenols methylate, the chloride stays.
    Set<String> products = products("FG_PHENOL_OH__OH__TO__OMe",
        "[Cl-].Oc1ccc(cc1)-c1[o+]c2cc(O)cc(O)c2cc1O");
    assertFalse(products.isEmpty());
    for (String product : products) {
      assertTrue(product.contains("[Cl-]") && product.contains("[o+]"), product);
    }
    // A zwitterionic amino acid: acetylation does not touch the ammonium.
    assertEquals(TransformOutcome.Status.NO_SITE,
        apply("FG_AMINE__NH2__TO__NHAc", "[NH3+][C@@H](Cc1ccc(O)cc1)C([O-])=O").status());
  }

  @Test
  void productCapStopsAnExplosionEarly() {
    // Fifteen phenol rings in a chain: 2^15 - 1 subsets of sites in combinatorial mode.
    TransformSpec wide = new TransformSpec("WIDE", "cap test", "[c:1][OX2H1:2]>>[c:1][OH0:2]C",
        SiteMode.COMBINATORIAL, 15, 50);
    MoleculeParser.Result parsed = new MoleculeParser(400).parse(manyPhenols(15));
    assertTrue(parsed.ok(), String.valueOf(parsed.rejection()));
    TransformOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> new MoleculeTransformer(wide).apply(parsed.molecule()));
    assertTrue(outcome.truncated(), "truncation is marked");
    assertTrue(outcome.products().size() <= 50, outcome.products().size() + " products");
    assertEquals(15, outcome.sitesFound());
  }

  /** n hydroxyphenyl rings joined by CH2 into a chain: n distinct phenolic OH. */
  static String manyPhenols(int n) {
    return "Oc1ccc(cc1)" + "Cc1ccc(cc1O)".repeat(n - 1);
  }

  @Test
  void daylightHydrogenTrapIsRejectedNotWritten() {
    // Without an explicit H count the CDK keeps the oxygen's hydrogen: a hypervalent product.
    TransformSpec trap = new TransformSpec("TRAP", "no explicit H",
        "[c:1][OX2H1:2]>>[c:1][O:2]C", SiteMode.SINGLE, 1, 8);
    TransformOutcome outcome = apply(trap, "Oc1ccccc1");
    assertEquals(TransformOutcome.Status.REJECTED, outcome.status());
    assertEquals(ReasonCode.NO_VALID_PRODUCT, outcome.rowRejection().code());
    assertEquals(ReasonCode.PRODUCT_INVALID_VALENCE, outcome.productRejects().get(0).code());
  }

  @Test
  void aProductEqualToItsParentIsNoProduct() {
    TransformSpec identity = new TransformSpec("SAME", "rewrites nothing",
        "[c:1][OX2H1:2]>>[c:1][OX2H1:2]", SiteMode.SINGLE, 1, 8);
    assertEquals(TransformOutcome.Status.NO_CHANGE, apply(identity, "Oc1ccccc1").status());
  }

  /**
   * The same molecule written with its atoms in random orders, aromatic or Kekulé, gives the
   * same canonical SMILES and the same products, for every molecule of the test library.
   */
  @Test
  void canonicalProductsDoNotDependOnInputAtomOrder() throws Exception {
    SmilesParser smilesParser = new SmilesParser(SilentChemObjectBuilder.getInstance());
    SmilesGenerator kekule = new SmilesGenerator(SmiFlavor.Stereo);
    SmilesGenerator aromatic = new SmilesGenerator(SmiFlavor.Stereo | SmiFlavor.UseAromaticSymbols);
    Random random = new Random(42);
    List<String> transforms = List.of("FG_PHENOL_OH__OH__TO__OMe",
        "FG_PHENOL_OH__OH__TO__OMe_COMBINATORIAL", "FG_ESTER__COOR__TO__COOH",
        "FG_PHENOL_O_GLYCOSIDE__OGly__TO__OH", "FG_KETONE__C=O__TO__CHOH");
    int molecules = 0;
    for (String smiles : library()) {
      IAtomContainer molecule = smilesParser.parseSmiles(smiles);
      String reference = ChemistryFixture.canonical(smiles);
      for (int round = 0; round < 3; round++) {
        List<IAtom> atoms = new ArrayList<>();
        molecule.atoms().forEach(atoms::add);
        Collections.shuffle(atoms, random);
        molecule.setAtoms(atoms.toArray(IAtom[]::new));
        String spelling = (round % 2 == 0 ? kekule : aromatic).create(molecule);
        assertEquals(reference, ChemistryFixture.canonical(spelling), smiles + " as " + spelling);
        for (String transform : transforms) {
          assertEquals(products(transform, smiles), products(transform, spelling),
              transform + " on " + smiles + " as " + spelling);
        }
      }
      molecules++;
    }
    assertTrue(molecules > 100);
  }

  static List<String> library() throws IOException {
    List<String> smiles = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("../testdata/polyphenols.tsv"))) {
      String[] f = line.split("\t", -1);
      if (!f[0].equals("id") && !f[2].equals("deliberately invalid")) {
        smiles.add(f[4]);
      }
    }
    return smiles;
  }
}
