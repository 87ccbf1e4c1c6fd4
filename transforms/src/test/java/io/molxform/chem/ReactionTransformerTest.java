package io.molxform.chem;

import static io.molxform.chem.ChemistryFixture.CATALOG;
import static io.molxform.chem.ChemistryFixture.canon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Two-component transforms on hand-derived cases: each (molecule site, reagent match) makes one
 * product, templates never match across the two molecules, reagents that cannot react are
 * rejected once, and the product cap counts over all reagents.
 */
class ReactionTransformerTest {
  private static final TransformSpec ARYL_ESTER = CATALOG.get("FG_PHENOL_OH__OH__TO__OCOR");
  private static final TransformSpec AMIDE = CATALOG.get("FG_CARBOXYLIC_ACID__COOH__TO__CONHR");
  private static final TransformSpec ARYL_ETHER = CATALOG.get("FG_PHENOL_OH__OH__TO__OR");

  /** What a molecule made: products per reagent, product rejects, and the outcome. */
  record Made(Map<String, Set<String>> byReagent, List<Rejection> rejects,
      ReactionOutcome outcome) {}

  private static Made react(TransformSpec spec, String molecule, String... reagentSmiles) {
    List<ReagentSet.Row> rows = new ArrayList<>();
    for (int i = 0; i < reagentSmiles.length; i++) {
      rows.add(new ReagentSet.Row("R" + (i + 1), reagentSmiles[i]));
    }
    return react(spec, molecule, "M1", 0, ReagentSet.prepare(spec, rows, 150));
  }

  private static Made react(TransformSpec spec, String molecule, String moleculeId, int sample,
      ReagentSet reagents) {
    MoleculeParser.Result parsed = new MoleculeParser(150).parse(molecule);
    assertTrue(parsed.ok(), () -> "molecule does not parse: " + molecule);
    Map<String, Set<String>> byReagent = new LinkedHashMap<>();
    List<Rejection> rejects = new ArrayList<>();
    ReactionOutcome outcome = new ReactionTransformer(spec, reagents).apply(parsed.molecule(),
        moleculeId, sample, new ReactionTransformer.Sink() {
          @Override
          public void products(String reagentId, List<Product> products) {
            Set<String> smiles = byReagent.computeIfAbsent(reagentId, r -> new TreeSet<>());
            for (Product product : products) {
              assertTrue(smiles.add(product.smiles()), "one product twice for " + reagentId);
            }
          }

          @Override
          public void productRejected(String reagentId, Rejection rejection) {
            rejects.add(rejection);
          }
        });
    return new Made(byReagent, rejects, outcome);
  }

  @Test
  void phenolAndAcidGiveTheArylEster() {
    Made made = react(ARYL_ESTER, "Oc1ccccc1", "CC(=O)O", "OC(=O)c1ccccc1");
    assertEquals(Map.of("R1", canon("CC(=O)Oc1ccccc1"), "R2", canon("O=C(Oc1ccccc1)c1ccccc1")),
        made.byReagent());
    assertEquals(TransformOutcome.Status.PRODUCTS, made.outcome().status());
    assertEquals(2, made.outcome().pairsTried());
    assertEquals(2, made.outcome().pairsWithProducts());
    assertEquals(2, made.outcome().products());
  }

  @Test
  void eachSiteGivesItsOwnProductAndSymmetricSitesCollapse() {
    // Hydroquinone: two equivalent OH, one monoester; 4-methylcatechol: two distinct monoesters.
    assertEquals(Map.of("R1", canon("CC(=O)Oc1ccc(O)cc1")),
        react(ARYL_ESTER, "Oc1ccc(O)cc1", "CC(=O)O").byReagent());
    assertEquals(Map.of("R1", canon("CC(=O)Oc1ccc(C)cc1O", "CC(=O)Oc1cc(C)ccc1O")),
        react(ARYL_ESTER, "Cc1ccc(O)c(O)c1", "CC(=O)O").byReagent());
  }

  @Test
  void aDiacidReactsThroughEachOfItsAcidGroups() {
    // Succinic acid: its two acid groups are equivalent, one product; methylsuccinic acid's two
    // differ, two products; never both ends at once (one bond-forming event per product).
    assertEquals(Map.of("R1", canon("OC(=O)CCC(=O)Oc1ccccc1")),
        react(ARYL_ESTER, "Oc1ccccc1", "OC(=O)CCC(=O)O").byReagent());
    assertEquals(Map.of("R1", canon("OC(=O)CC(C)C(=O)Oc1ccccc1", "OC(=O)C(C)CC(=O)Oc1ccccc1")),
        react(ARYL_ESTER, "Oc1ccccc1", "OC(=O)CC(C)C(=O)O").byReagent());
  }

  @Test
  void templatesNeverMatchAcrossOrWithinTheMolecule() {
    // 4-hydroxybenzoic acid holds both a phenol and an acid: it reacts with the reagent only,
    // never with itself, and the reagent's own phenol (ferulic acid) never plays the molecule.
    Made made = react(ARYL_ESTER, "Oc1ccc(cc1)C(=O)O", "CC(=O)O", "COc1cc(/C=C/C(=O)O)ccc1O");
    assertEquals(Map.of(
            "R1", canon("CC(=O)Oc1ccc(cc1)C(=O)O"),
            "R2", canon("COc1cc(/C=C/C(=O)Oc2ccc(cc2)C(=O)O)ccc1O")),
        made.byReagent());
  }

  @Test
  void reagentsThatCannotReactAreRejectedOnceWithTheirReason() {
    ReagentSet reagents = ReagentSet.prepare(ARYL_ESTER, List.of(
        new ReagentSet.Row("ok", "CC(=O)O"),
        new ReagentSet.Row("alcohol", "CCO"),
        new ReagentSet.Row("broken", "C1CC"),
        new ReagentSet.Row("empty", "")), 150);
    assertEquals(List.of(new ReagentSet.Row("ok", "CC(=O)O")), reagents.accepted());
    assertEquals(List.of("alcohol:REAGENT_NO_MATCH", "broken:REAGENT_NOT_PARSED",
            "empty:REAGENT_NOT_PARSED"),
        reagents.rejected().stream()
            .map(r -> r.row().id() + ":" + r.rejection().code()).toList());
    assertTrue(reagents.rejected().get(1).rejection().message().startsWith("INVALID_SMILES"));
    assertEquals(Stage.REAGENT, reagents.rejected().get(0).rejection().stage());
  }

  @Test
  void aMoleculeWithoutSiteMeetsNoReagent() {
    Made made = react(ARYL_ESTER, "CCCCO", "CC(=O)O");
    assertEquals(TransformOutcome.Status.NO_SITE, made.outcome().status());
    assertEquals(0, made.outcome().pairsTried());
    assertEquals(Map.of(), made.byReagent());
  }

  @Test
  void aminesAndHalidesReactWithTheirOwnGroups() {
    assertEquals(Map.of("R1", canon("CNC(=O)c1ccccc1"), "R2", canon("O=C(NCc1ccccc1)c1ccccc1")),
        react(AMIDE, "OC(=O)c1ccccc1", "CN", "NCc1ccccc1", "CNC").byReagent());
    assertEquals(Map.of("R1", canon("C=CCOc1ccccc1")),
        react(ARYL_ETHER, "Oc1ccccc1", "C=CCBr", "FC(F)(F)Br").byReagent());
  }

  @Test
  void stereoOfBothPartnersIsKept() {
    // (R)-mandelic acid, O[C@@H](C(=O)O)Ph: seen from the carbonyl carbon rather than the
    // hydroxyl (one swap of neighbours) the same centre is written @.
    assertEquals(Map.of("R1", canon("C[C@@H](NC(=O)[C@H](O)c1ccccc1)c1ccccc1")),
        react(AMIDE, "O[C@@H](C(=O)O)c1ccccc1", "C[C@@H](N)c1ccccc1").byReagent());
    assertEquals(Map.of("R1", canon("CC(C)=CCC/C(C)=C/COc1ccccc1")),
        react(ARYL_ETHER, "Oc1ccccc1", "CC(C)=CCC/C(C)=C/CBr").byReagent());
  }

  @Test
  void allModeJoinsOneReagentCopyAtEverySite() {
    TransformSpec all = ARYL_ESTER.withSites(SiteMode.ALL, 4);
    assertEquals(Map.of("R1", canon("CC(=O)Oc1ccc(OC(C)=O)cc1")),
        react(all, "Oc1ccc(O)cc1", "CC(=O)O").byReagent());
    TransformSpec combinatorial = ARYL_ESTER.withSites(SiteMode.COMBINATORIAL, 2);
    assertEquals(Map.of("R1", canon("CC(=O)Oc1ccc(C)cc1O", "CC(=O)Oc1cc(C)ccc1O",
            "CC(=O)Oc1ccc(C)cc1OC(C)=O")),
        react(combinatorial, "Cc1ccc(O)c(O)c1", "CC(=O)O").byReagent());
  }

  @Test
  void theProductCapCountsOverAllReagents() {
    TransformSpec capped = new TransformSpec(ARYL_ESTER.name(), "", ARYL_ESTER.smirks(),
        SiteMode.SINGLE, 1, 3, KeepFragment.LARGEST, 0);
    Made made = react(capped, "Cc1ccc(O)c(O)c1", "CC(=O)O", "CCC(=O)O", "CCCC(=O)O");
    assertTrue(made.outcome().truncated());
    assertEquals(3, made.outcome().products());
    assertEquals(3, made.byReagent().values().stream().mapToInt(Set::size).sum());
  }

  @Test
  void aReagentSampleDependsOnTheIdsAlone() {
    List<ReagentSet.Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(new ReagentSet.Row("ACID_" + i, "C".repeat(i % 7 + 1) + "C(=O)O"));
    }
    ReagentSet reagents = ReagentSet.prepare(ARYL_ESTER, rows, 150);
    List<String> first = reagents.sample("mol-1", 5).stream().map(r -> r.row.id()).toList();
    assertEquals(5, first.size());
    assertEquals(first, ReagentSet.prepare(ARYL_ESTER, rows, 150).sample("mol-1", 5).stream()
        .map(r -> r.row.id()).toList());
    assertNotEquals(first, reagents.sample("mol-2", 5).stream().map(r -> r.row.id()).toList());
    Made made = react(ARYL_ESTER, "Oc1ccccc1", "mol-1", 5, reagents);
    assertEquals(5, made.outcome().pairsTried());
    assertEquals(Set.copyOf(first), made.byReagent().keySet());
  }

  @Test
  void everyBuiltInBuildingBlockEntryReactsOnTheTestLibraryWithItsOwnList() throws Exception {
    List<String> library = ChemistryFixture.testLibrarySmiles();
    MoleculeParser parser = new MoleculeParser(150);
    int entries = 0;
    for (TransformSpec spec : CATALOG.entries()) {
      if (!spec.twoComponent()) {
        continue;
      }
      entries++;
      List<ReagentSet.Row> rows = io.molxform.beam.read.ReagentFiles.read(spec.reagents(), "id",
          "smiles");
      ReagentSet reagents = ReagentSet.prepare(spec, rows, 150);
      assertTrue(reagents.size() >= 4, spec.name() + ": " + reagents.size() + " reagents");
      ReactionTransformer reaction = new ReactionTransformer(spec, reagents);
      int[] products = new int[1];
      for (String smiles : library) {
        MoleculeParser.Result parsed = parser.parse(smiles);
        if (!parsed.ok()) {
          continue;
        }
        ReactionOutcome outcome = reaction.apply(parsed.molecule(), smiles, 0,
            new ReactionTransformer.Sink() {
              @Override
              public void products(String reagentId, List<Product> made) {
                products[0] += made.size();
              }

              @Override
              public void productRejected(String reagentId, Rejection rejection) {}
            });
        if (outcome.status() == TransformOutcome.Status.PRODUCTS) {
          assertEquals(outcome.pairsWithProducts() > 0, true);
        }
      }
      assertTrue(products[0] > 0, spec.name() + " makes no product on the test library");
    }
    assertEquals(5, entries);
  }

  @Test
  void explainDrawsOneProductPerReagentWithTheAtomsEachPartnerGave() {
    ReagentSet reagents = ReagentSet.prepare(ARYL_ESTER, List.of(
        new ReagentSet.Row("acetic", "CC(=O)O"), new ReagentSet.Row("benzoic", "OC(=O)c1ccccc1"),
        new ReagentSet.Row("propanoic", "CCC(=O)O")), 150);
    ParsedMolecule catechol = new MoleculeParser(150).parse("Cc1ccc(O)c(O)c1").molecule();
    List<ReactionTransformer.Drawn> drawn =
        new ReactionTransformer(ARYL_ESTER, reagents).explain(catechol, 2);
    assertEquals(List.of("acetic", "benzoic"),
        drawn.stream().map(ReactionTransformer.Drawn::reagentId).toList());
    ReactionTransformer.Drawn acetate = drawn.get(0);
    // The reagent's matched atoms: its carbonyl carbon, both oxygens.
    assertEquals(3, acetate.reagentSite().size());
    // The product: the acetyl's atoms are new; one phenolic O changed; the parent lost nothing.
    ChangedProduct product = acetate.product();
    assertEquals(canon("CC(=O)Oc1ccc(C)cc1O", "CC(=O)Oc1cc(C)ccc1O").contains(
        product.product().smiles()), true, product.product().smiles());
    assertEquals(4, product.changedAtoms().size(),
        "methyl, carbonyl C and O new; the phenol O changed");
    assertEquals(1, product.changedParentAtoms().size());
  }

  @Test
  void aSmirksMustHaveOneOrTwoReactantTemplates() {
    CatalogException three = assertThrows(CatalogException.class, () -> TransformCatalog.parse(
        "test", """
            transforms:
              - name: THREE
                description: three reactants
                smirks: "[OH:1].[OH:2].[CH3:3]>>[O:1][C:3]"
                sites: single
                maxSites: 1
                maxProductsPerMolecule: 8
            """));
    assertTrue(three.getMessage().contains("3 reactant templates"), three.getMessage());
    CatalogException listForOne = assertThrows(CatalogException.class, () -> TransformCatalog
        .parse("test", """
            transforms:
              - name: ONE
                description: one reactant with a list
                smirks: "[c:1][OX2H1:2]>>[c:1][OH0:2]C"
                sites: single
                maxSites: 1
                maxProductsPerMolecule: 8
                reagents: acids.csv
            """));
    assertTrue(listForOne.getMessage().contains("one reactant template"),
        listForOne.getMessage());
  }
}
