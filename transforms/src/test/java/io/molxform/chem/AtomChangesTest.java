package io.molxform.chem;

import static io.molxform.chem.ChemistryFixture.CATALOG;
import static io.molxform.chem.ChemistryFixture.canonical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * The atoms a drawing highlights are the ones each built-in transform changes: for one molecule
 * of the test library per transform (testdata/polyphenols.tsv, spelled as there) and one of its
 * products, the elements of the changed product atoms and of the changed or removed parent atoms,
 * derived by hand from the SMIRKS.
 */
class AtomChangesTest {
  static final String TYRAMINE = "NCCC1=CC=C(C=C1)O";
  static final String MENTHOL = "C[C@@H]1CC[C@H]([C@@H](C1)O)C(C)C";
  static final String DOPA = "N[C@H](C(=O)O)CC1=CC(=C(C=C1)O)O";

  static Stream<Arguments> everyBuiltInTransform() {
    return Stream.of(
        // Tyramine (NP0142): the phenolic O loses its H and gains the new methyl.
        Arguments.of("FG_PHENOL_OH__OH__TO__OMe", TYRAMINE, "NCCc1ccc(OC)cc1", "C O", "O"),
        Arguments.of("FG_PHENOL_OH__OH__TO__OMe_COMBINATORIAL", TYRAMINE, "NCCc1ccc(OC)cc1",
            "C O", "O"),
        // trans-Anethole (NP0125): the methyl goes, the O takes an H.
        Arguments.of("FG_ARYL_OMe__OMe__TO__OH", "COC1=CC=C(C=C1)\\C=C\\C", "Oc1ccc(/C=C/C)cc1",
            "O", "C O"),
        Arguments.of("FG_PHENOL_OH__OH__TO__OAc", TYRAMINE, "NCCc1ccc(OC(C)=O)cc1", "C C O O",
            "O"),
        // (-)-Menthol (NP0105): the secondary alcohol, stereocentres kept.
        Arguments.of("FG_ALCOHOL_OH__OH__TO__OAc", MENTHOL,
            "C[C@@H]1CC[C@H]([C@@H](C1)OC(C)=O)C(C)C", "C C O O", "O"),
        // The O is replaced: the ring carbon changes its neighbour.
        Arguments.of("FG_PHENOL_OH__OH__TO__F", TYRAMINE, "NCCc1ccc(F)cc1", "C F", "C O"),
        Arguments.of("FG_ALCOHOL_OH__OH__TO__F", MENTHOL, "C[C@@H]1CC[C@H]([C@@H](C1)F)C(C)C",
            "C F", "C O"),
        // L-DOPA (NP0144): the acid, beside two phenols.
        Arguments.of("FG_CARBOXYLIC_ACID__COOH__TO__COOMe", DOPA,
            "N[C@H](C(=O)OC)Cc1ccc(O)c(O)c1", "C O", "O"),
        Arguments.of("FG_CARBOXYLIC_ACID__COOH__TO__CONH2", DOPA,
            "N[C@H](C(N)=O)Cc1ccc(O)c(O)c1", "C N", "C O"),
        // Methyl salicylate (NP0124): salicylic acid is the larger fragment; methanol's atoms go.
        Arguments.of("FG_ESTER__COOR__TO__COOH", "OC1=C(C(=O)OC)C=CC=C1", "OC(=O)c1ccccc1O",
            "C O", "C C O"),
        // (+)-Camphor (NP0110): the ketone becomes the secondary alcohol.
        Arguments.of("FG_KETONE__C=O__TO__CHOH", "C[C@@]12C(C[C@@H](CC1)C2(C)C)=O",
            "C[C@@]12C(C[C@@H](CC1)C2(C)C)O", "C O", "C O"),
        // Geranial (NP0113) and alpha-pinene (NP0111).
        Arguments.of("FG_ALDEHYDE__CHO__TO__CH2OH", "C\\C(=C/C=O)\\CCC=C(C)C",
            "C\\C(=C/CO)\\CCC=C(C)C", "C O", "C O"),
        Arguments.of("FG_ALKENE__C=C__TO__CC", "CC=1C2C(C(CC1)C2)(C)C", "CC1CCC2CC1C2(C)C",
            "C C", "C C"),
        // Chloramphenicol (NP0127): both oxygens of the nitro group go; the N becomes an amine.
        Arguments.of("FG_NITRO__NO2__TO__NH2",
            "ClC(C(=O)N[C@@H]([C@@H](C1=CC=C(C=C1)[N+](=O)[O-])O)CO)Cl",
            "ClC(Cl)C(=O)N[C@@H]([C@@H](c1ccc(N)cc1)O)CO", "N", "N O O"),
        // Tyramine ortho to the OH: one of its two aromatic CH sites.
        Arguments.of("FG_ARENE_CH__H__TO__F", TYRAMINE, "NCCc1ccc(O)c(F)c1", "C F", "C"),
        Arguments.of("FG_ARENE_CH__H__TO__Cl", TYRAMINE, "NCCc1ccc(O)c(Cl)c1", "C Cl", "C"),
        // Arbutin (NP0098): the glucose (6 C, 5 O) goes, the phenolic O takes an H.
        Arguments.of("FG_PHENOL_O_GLYCOSIDE__OGly__TO__OH",
            "O([C@H]1[C@H](O)[C@@H](O)[C@H](O)[C@H](O1)CO)C1=CC=C(C=C1)O", "Oc1ccc(O)cc1", "O",
            "C C C C C C O O O O O O"),
        // Dopamine (NP0143): both O bridge through a new CH2.
        Arguments.of("FG_CATECHOL__OH_OH__TO__OCH2O", "NCCC=1C=C(C(=CC1)O)O",
            "NCCc1ccc2OCOc2c1", "C O O", "O O"),
        // Coniferyl alcohol (NP0129): the CH2 gains =O; the OH keeps its H and its bond.
        Arguments.of("FG_PRIMARY_ALCOHOL__CH2OH__TO__COOH", "OC/C=C/C1=CC(=C(C=C1)O)OC",
            "OC(=O)/C=C/c1ccc(O)c(OC)c1", "C O", "C"),
        Arguments.of("FG_AMINE__NH2__TO__NHAc", TYRAMINE, "CC(=O)NCCc1ccc(O)cc1", "C C N O",
            "N"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyBuiltInTransform")
  void highlightsTheAtomsTheTransformChanged(String transform, String parent, String product,
      String changedProductAtoms, String changedParentAtoms) {
    MoleculeParser.Result parsed =
        new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS).parse(parent);
    assertTrue(parsed.ok());
    ProductChanges changes = new MoleculeTransformer(CATALOG.get(transform))
        .explain(parsed.molecule());

    String expected = canonical(product);
    ChangedProduct made = changes.products().stream()
        .filter(p -> p.product().smiles().equals(expected)).findFirst()
        .orElseThrow(() -> new AssertionError(expected + " not among " + changes.products()));
    assertEquals(changedProductAtoms, elements(made.molecule(), made.changedAtoms()));
    assertEquals(changedParentAtoms, elements(changes.parent(), made.changedParentAtoms()));
    Set<Integer> union = new TreeSet<>();
    changes.products().forEach(p -> union.addAll(p.changedParentAtoms()));
    assertEquals(union, changes.changedParentAtoms(), "the parent shows every product's sites");
  }

  @org.junit.jupiter.api.Test
  void coversEveryBuiltInTransform() {
    Set<String> tested = everyBuiltInTransform().map(a -> (String) a.get()[0])
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> catalog = CATALOG.entries().stream().filter(spec -> !spec.twoComponent())
        .map(TransformSpec::name).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(catalog, tested);
  }

  @org.junit.jupiter.api.Test
  void explainGivesTheProductsApplyGives() {
    String parent = "Oc1cc(O)c2c(c1)oc(-c1ccc(O)c(O)c1)c(O)c2=O";
    MoleculeTransformer transformer =
        new MoleculeTransformer(CATALOG.get("FG_PHENOL_OH__OH__TO__OMe"));
    ParsedMolecule molecule =
        new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS).parse(parent).molecule();
    List<Product> explained = transformer.explain(molecule).products().stream()
        .map(ChangedProduct::product).toList();
    assertEquals(transformer.apply(molecule).products(), explained);
    assertTrue(explained.size() > 1);
  }

  private static String elements(IAtomContainer molecule, Set<Integer> atoms) {
    return atoms.stream().map(i -> molecule.getAtom(i).getSymbol()).sorted()
        .collect(Collectors.joining(" "));
  }
}
