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
 * per transform (with one product), the elements of the changed product atoms and of the changed
 * or removed parent atoms, derived by hand from the SMIRKS.
 */
class AtomChangesTest {

  static Stream<Arguments> everyBuiltInTransform() {
    return Stream.of(
        // p-cresol: the O loses its H and gains the new methyl.
        Arguments.of("FG_PHENOL_OH__OH__TO__OMe", "Cc1ccc(O)cc1", "COc1ccc(C)cc1", "C O", "O"),
        Arguments.of("FG_PHENOL_OH__OH__TO__OMe_COMBINATORIAL", "Cc1ccc(O)cc1", "COc1ccc(C)cc1",
            "C O", "O"),
        // p-methylanisole: the methyl goes, the O takes an H.
        Arguments.of("FG_ARYL_OMe__OMe__TO__OH", "COc1ccc(C)cc1", "Cc1ccc(O)cc1", "O", "C O"),
        Arguments.of("FG_PHENOL_OH__OH__TO__OAc", "Cc1ccc(O)cc1", "CC(=O)Oc1ccc(C)cc1",
            "C C O O", "O"),
        Arguments.of("FG_ALCOHOL_OH__OH__TO__OAc", "OC1CCCCC1", "CC(=O)OC1CCCCC1", "C C O O",
            "O"),
        // The O is replaced: the ring carbon changes its neighbour.
        Arguments.of("FG_PHENOL_OH__OH__TO__F", "Cc1ccc(O)cc1", "Cc1ccc(F)cc1", "C F", "C O"),
        Arguments.of("FG_ALCOHOL_OH__OH__TO__F", "OC1CCCCC1", "FC1CCCCC1", "C F", "C O"),
        Arguments.of("FG_CARBOXYLIC_ACID__COOH__TO__COOMe", "OC(=O)c1ccccc1",
            "COC(=O)c1ccccc1", "C O", "O"),
        Arguments.of("FG_CARBOXYLIC_ACID__COOH__TO__CONH2", "OC(=O)c1ccccc1", "NC(=O)c1ccccc1",
            "C N", "C O"),
        // Methyl benzoate: the acid is the larger fragment; methanol's atoms are gone.
        Arguments.of("FG_ESTER__COOR__TO__COOH", "COC(=O)c1ccccc1", "OC(=O)c1ccccc1", "C O",
            "C C O"),
        Arguments.of("FG_KETONE__C=O__TO__CHOH", "CC(=O)c1ccccc1", "CC(O)c1ccccc1", "C O",
            "C O"),
        Arguments.of("FG_ALDEHYDE__CHO__TO__CH2OH", "O=Cc1ccccc1", "OCc1ccccc1", "C O", "C O"),
        Arguments.of("FG_ALKENE__C=C__TO__CC", "C1CC=CCC1", "C1CCCCC1", "C C", "C C"),
        // Both oxygens of the nitro group go; the N becomes an amine.
        Arguments.of("FG_NITRO__NO2__TO__NH2", "Cc1ccc(cc1)[N+]([O-])=O", "Cc1ccc(N)cc1", "N",
            "N O O"),
        Arguments.of("FG_ARENE_CH__H__TO__F", "c1ccccc1", "Fc1ccccc1", "C F", "C"),
        Arguments.of("FG_ARENE_CH__H__TO__Cl", "c1ccccc1", "Clc1ccccc1", "C Cl", "C"),
        // Phenyl glucoside: the glucose (6 C, 5 O) goes, the phenolic O takes an H.
        Arguments.of("FG_PHENOL_O_GLYCOSIDE__OGly__TO__OH",
            "OC[C@H]1O[C@@H](Oc2ccccc2)[C@H](O)[C@@H](O)[C@@H]1O", "Oc1ccccc1", "O",
            "C C C C C C O O O O O O"),
        // Catechol to benzodioxole: both O bridge through a new CH2.
        Arguments.of("FG_CATECHOL__OH_OH__TO__OCH2O", "Oc1ccccc1O", "C1Oc2ccccc2O1", "C O O",
            "O O"),
        // Benzyl alcohol: the CH2 gains =O; the OH keeps its H and its bond.
        Arguments.of("FG_PRIMARY_ALCOHOL__CH2OH__TO__COOH", "OCc1ccccc1", "OC(=O)c1ccccc1",
            "C O", "C"),
        Arguments.of("FG_AMINE__NH2__TO__NHAc", "Nc1ccccc1", "CC(=O)Nc1ccccc1", "C C N O", "N"));
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

    assertEquals(1, changes.products().size(), () -> "products: " + changes.products());
    ChangedProduct made = changes.products().get(0);
    assertEquals(canonical(product), made.product().smiles());
    assertEquals(changedProductAtoms, elements(made.molecule(), made.changedAtoms()));
    assertEquals(changedParentAtoms, elements(changes.parent(), changes.changedParentAtoms()));
    assertEquals(changes.changedParentAtoms(), made.changedParentAtoms());
  }

  @org.junit.jupiter.api.Test
  void coversEveryBuiltInTransform() {
    Set<String> tested = everyBuiltInTransform().map(a -> (String) a.get()[0])
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> catalog = CATALOG.entries().stream().map(TransformSpec::name)
        .collect(Collectors.toCollection(TreeSet::new));
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
