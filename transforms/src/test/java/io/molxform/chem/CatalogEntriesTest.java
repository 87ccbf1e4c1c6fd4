package io.molxform.chem;

import static io.molxform.chem.ChemistryFixture.apply;
import static io.molxform.chem.ChemistryFixture.canon;
import static io.molxform.chem.ChemistryFixture.canonical;
import static io.molxform.chem.ChemistryFixture.products;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every built-in transform on real natural products, against products derived by hand (written
 * here in ordinary SMILES, compared after canonicalization).
 */
class CatalogEntriesTest {
  // Parents, as PubChem-style SMILES of the named compounds.
  static final String HYDROQUINONE = "Oc1ccc(O)cc1";
  static final String RESORCINOL = "Oc1cccc(O)c1";
  static final String KAEMPFEROL = "OC1=C(OC2=CC(=CC(=C2C1=O)O)O)C1=CC=C(C=C1)O";
  static final String GUAIACOL = "COc1ccccc1O";
  static final String VANILLIN = "COc1cc(C=O)ccc1O";
  static final String MENTHOL = "CC(C)[C@@H]1CC[C@@H](C)C[C@H]1O";
  static final String CAFFEIC_ACID = "OC(=O)/C=C/c1ccc(O)c(O)c1";
  static final String GALLIC_ACID = "OC(=O)c1cc(O)c(O)c(O)c1";
  static final String ETHYL_GALLATE = "CCOC(=O)c1cc(O)c(O)c(O)c1";
  static final String COUMARIN = "O=c1ccc2ccccc2o1";
  static final String CARVONE_R = "CC1=CC[C@@H](CC1=O)C(C)=C";
  static final String CINNAMALDEHYDE = "O=C/C=C/c1ccccc1";
  static final String RESVERATROL = "Oc1ccc(/C=C/c2cc(O)cc(O)c2)cc1";
  static final String CHLORAMPHENICOL = "OC[C@@H](NC(=O)C(Cl)Cl)[C@H](O)c1ccc(cc1)[N+]([O-])=O";
  static final String ARBUTIN = "OC[C@H]1O[C@@H](Oc2ccc(O)cc2)[C@H](O)[C@@H](O)[C@@H]1O";
  static final String RUTIN = "C[C@@H]1O[C@@H](OC[C@H]2O[C@@H](Oc3c(oc4cc(O)cc(O)c4c3=O)"
      + "-c3ccc(O)c(O)c3)[C@H](O)[C@@H](O)[C@@H]2O)[C@H](O)[C@H](O)[C@H]1O";
  static final String QUERCETIN = "OC1=C(OC2=CC(=CC(=C2C1=O)O)O)C1=CC(O)=C(C=C1)O";
  static final String GERANIOL = "CC(C)=CCC/C(C)=C/CO";
  static final String DOPAMINE = "NCCc1ccc(O)c(O)c1";
  static final String TYROSOL = "OCCc1ccc(O)cc1";

  @Test
  void phenolMethylationSingle() {
    assertEquals(canon("COc1ccc(O)cc1"), products("FG_PHENOL_OH__OH__TO__OMe", HYDROQUINONE),
        "the two symmetric sites collapse to one product");
    assertEquals(canon(
            "COC1=C(OC2=CC(O)=CC(O)=C2C1=O)C1=CC=C(O)C=C1",
            "OC1=C(OC2=CC(OC)=CC(O)=C2C1=O)C1=CC=C(O)C=C1",
            "OC1=C(OC2=CC(O)=CC(OC)=C2C1=O)C1=CC=C(O)C=C1",
            "OC1=C(OC2=CC(O)=CC(O)=C2C1=O)C1=CC=C(OC)C=C1"),
        products("FG_PHENOL_OH__OH__TO__OMe", KAEMPFEROL));
  }

  @Test
  void phenolMethylationCombinatorial() {
    // Resorcinol: mono- and di-methyl ether; kaempferol: 4 sites give 2^4 - 1 = 15 products.
    assertEquals(canon("COc1cccc(O)c1", "COc1cccc(OC)c1"),
        products("FG_PHENOL_OH__OH__TO__OMe_COMBINATORIAL", RESORCINOL));
    Set<String> all = products("FG_PHENOL_OH__OH__TO__OMe_COMBINATORIAL", KAEMPFEROL);
    assertEquals(15, all.size());
    assertTrue(all.contains(canonical("COC1=C(OC2=CC(OC)=CC(OC)=C2C1=O)C1=CC=C(OC)C=C1")));
  }

  @Test
  void arylMethylEtherDemethylation() {
    assertEquals(canon("Oc1ccccc1O"), products("FG_ARYL_OMe__OMe__TO__OH", GUAIACOL));
    assertEquals(canon("O=Cc1ccc(O)c(O)c1"), products("FG_ARYL_OMe__OMe__TO__OH", VANILLIN));
    // Methyl esters are not aryl ethers.
    assertEquals(TransformOutcome.Status.NO_SITE,
        apply("FG_ARYL_OMe__OMe__TO__OH", "COC(=O)c1ccccc1").status());
  }

  @Test
  void phenolAcetylation() {
    assertEquals(canon("CC(=O)Oc1ccc(O)cc1"),
        products("FG_PHENOL_OH__OH__TO__OAc", HYDROQUINONE));
    // Tyrosol: only the phenolic OH, not the primary alcohol.
    assertEquals(canon("CC(=O)Oc1ccc(CCO)cc1"), products("FG_PHENOL_OH__OH__TO__OAc", TYROSOL));
  }

  @Test
  void alcoholAcetylationKeepsStereo() {
    assertEquals(canon("CC(C)[C@@H]1CC[C@@H](C)C[C@H]1OC(C)=O"),
        products("FG_ALCOHOL_OH__OH__TO__OAc", MENTHOL));
    assertEquals(canon("CC(=O)OCCc1ccc(O)cc1"), products("FG_ALCOHOL_OH__OH__TO__OAc", TYROSOL));
  }

  @Test
  void hydroxylToFluorine() {
    assertEquals(canon("Fc1ccc(O)cc1"), products("FG_PHENOL_OH__OH__TO__F", HYDROQUINONE));
    assertEquals(canon("CC(C)[C@@H]1CC[C@@H](C)C[C@H]1F"),
        products("FG_ALCOHOL_OH__OH__TO__F", MENTHOL));
  }

  @Test
  void carboxylicAcidToEsterAndAmide() {
    assertEquals(canon("COC(=O)/C=C/c1ccc(O)c(O)c1"),
        products("FG_CARBOXYLIC_ACID__COOH__TO__COOMe", CAFFEIC_ACID));
    assertEquals(canon("NC(=O)c1cc(O)c(O)c(O)c1"),
        products("FG_CARBOXYLIC_ACID__COOH__TO__CONH2", GALLIC_ACID));
  }

  @Test
  void esterAndLactoneHydrolysis() {
    assertEquals(canon(GALLIC_ACID), products("FG_ESTER__COOR__TO__COOH", ETHYL_GALLATE),
        "the larger fragment (gallic acid, not ethanol) is kept");
    // Coumarin's lactone is aromatic in the Daylight model, so the aliphatic ester query does
    // not open it; a saturated lactone opens to one molecule, the hydroxy acid.
    assertEquals(TransformOutcome.Status.NO_SITE,
        apply("FG_ESTER__COOR__TO__COOH", COUMARIN).status());
    assertEquals(canon("OCCCCC(=O)O"), products("FG_ESTER__COOR__TO__COOH", "O=C1CCCCO1"));
  }

  @Test
  void ketoneReductionKeepsOtherStereo() {
    assertEquals(canon("CC1=CC[C@@H](CC1O)C(C)=C"), products("FG_KETONE__C=O__TO__CHOH",
        CARVONE_R));
  }

  @Test
  void aldehydeReduction() {
    assertEquals(canon("OC/C=C/c1ccccc1"), products("FG_ALDEHYDE__CHO__TO__CH2OH",
        CINNAMALDEHYDE));
  }

  @Test
  void alkeneHydrogenationOneBondAtATime() {
    assertEquals(canon("OC(=O)CCc1ccc(O)c(O)c1"), products("FG_ALKENE__C=C__TO__CC",
        CAFFEIC_ACID));
    assertEquals(canon("CC(C)CCC/C(C)=C/CO", "CC(C)=CCCC(C)CCO"),
        products("FG_ALKENE__C=C__TO__CC", GERANIOL));
    assertEquals(TransformOutcome.Status.NO_SITE,
        apply("FG_ALKENE__C=C__TO__CC", "Oc1ccccc1").status(), "aromatic rings are not alkenes");
  }

  @Test
  void nitroReduction() {
    assertEquals(canon("OC[C@@H](NC(=O)C(Cl)Cl)[C@H](O)c1ccc(N)cc1"),
        products("FG_NITRO__NO2__TO__NH2", CHLORAMPHENICOL));
  }

  @Test
  void aromaticHalogenation() {
    assertEquals(canon("Oc1ccc(O)c(F)c1"), products("FG_ARENE_CH__H__TO__F", HYDROQUINONE));
    assertEquals(canon("Oc1cccc(O)c1Cl", "Oc1ccc(Cl)c(O)c1", "Oc1cc(Cl)cc(O)c1"),
        products("FG_ARENE_CH__H__TO__Cl", RESORCINOL));
  }

  @Test
  void glycosideCleavageKeepsTheAglyconeWhateverTheSugar() {
    assertEquals(canon(HYDROQUINONE), products("FG_PHENOL_O_GLYCOSIDE__OGly__TO__OH", ARBUTIN));
    // Rutinose (22 heavy atoms) is as large as quercetin: "largest" could not tell them apart.
    assertEquals(canon(QUERCETIN), products("FG_PHENOL_O_GLYCOSIDE__OGly__TO__OH", RUTIN));
  }

  @Test
  void catecholMethylenation() {
    assertEquals(canon("OC(=O)/C=C/c1ccc2OCOc2c1"),
        products("FG_CATECHOL__OH_OH__TO__OCH2O", CAFFEIC_ACID));
    // Gallic acid: two distinct catechol pairs (3,4 and 4,5) are one by symmetry.
    assertEquals(canon("OC(=O)c1cc(O)c2OCOc2c1"),
        products("FG_CATECHOL__OH_OH__TO__OCH2O", GALLIC_ACID));
  }

  @Test
  void primaryAlcoholOxidation() {
    assertEquals(canon("OC(=O)Cc1ccc(O)cc1"),
        products("FG_PRIMARY_ALCOHOL__CH2OH__TO__COOH", TYROSOL));
  }

  @Test
  void amineAcetylation() {
    assertEquals(canon("CC(=O)NCCc1ccc(O)c(O)c1"), products("FG_AMINE__NH2__TO__NHAc", DOPAMINE));
  }

  @Test
  void resveratrolSites() {
    // Resveratrol's 3- and 5-OH are equivalent: 2 distinct methyl ethers, not 3.
    assertEquals(2, products("FG_PHENOL_OH__OH__TO__OMe", RESVERATROL).size());
  }
}
