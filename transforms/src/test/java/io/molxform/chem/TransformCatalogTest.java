package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransformCatalogTest {
  static final String GOOD = """
      transforms:
        - name: MY_METHYLATION
          description: phenol methyl ether
          smirks: "[c:1][OX2H1:2]>>[c:1][OH0:2]C"
          sites: single
          maxSites: 1
          maxProductsPerMolecule: 8
      """;

  private static CatalogException problem(String yaml) {
    return assertThrows(CatalogException.class, () -> TransformCatalog.parse("test catalog", yaml));
  }

  @Test
  void builtInCatalogHasTheCommonDerivatizationsNamedByConvention() {
    TransformCatalog catalog = TransformCatalog.builtIn();
    assertTrue(catalog.entries().size() >= 15);
    for (TransformSpec spec : catalog.entries()) {
      assertTrue(spec.name().matches("FG_[A-Za-z0-9_]+__[A-Za-z0-9=_]+__TO__[A-Za-z0-9=_]+"),
          spec.name());
      assertTrue(!spec.description().isBlank());
    }
    assertEquals("[c:1][OX2H1:2]>>[c:1][OH0:2]C",
        catalog.get("FG_PHENOL_OH__OH__TO__OMe").smirks());
  }

  @Test
  void userCatalogIsTakenExactlyAsWritten() {
    TransformCatalog catalog = TransformCatalog.parse("mine", GOOD);
    TransformSpec spec = catalog.get("MY_METHYLATION");
    assertEquals("[c:1][OX2H1:2]>>[c:1][OH0:2]C", spec.smirks());
    assertEquals(SiteMode.SINGLE, spec.sites());
    assertEquals(8, spec.maxProductsPerMolecule());
    assertEquals(KeepFragment.LARGEST, spec.keepFragment());
  }

  @Test
  void unknownNameListsTheAvailableOnes() {
    CatalogException e = assertThrows(CatalogException.class,
        () -> TransformCatalog.parse("mine", GOOD).select(List.of("MY_METHYLATION", "NOPE")));
    assertTrue(e.getMessage().contains("no transform named 'NOPE'"), e.getMessage());
    assertTrue(e.getMessage().contains("available: MY_METHYLATION"), e.getMessage());
  }

  @Test
  void badSmirksNamesTheEntry() {
    CatalogException e = problem(GOOD.replace("[OX2H1:2]>>", "[OX2H1:2>>"));
    assertTrue(e.getMessage().contains("'MY_METHYLATION'"), e.getMessage());
    assertTrue(e.getMessage().contains("invalid SMIRKS"), e.getMessage());
  }

  @Test
  void duplicateNameIsAnError() {
    CatalogException e = problem(GOOD + GOOD.substring(GOOD.indexOf("  - name")));
    assertTrue(e.getMessage().contains("duplicate name"), e.getMessage());
  }

  @Test
  void missingAndUnknownFieldsAreNamed() {
    CatalogException missing = problem(GOOD.replace("    maxProductsPerMolecule: 8\n", ""));
    assertTrue(missing.getMessage().contains("missing 'maxProductsPerMolecule'"),
        missing.getMessage());
    CatalogException unknown = problem(GOOD.replace("sites: single", "sites: single\n    colour: red"));
    assertTrue(unknown.getMessage().contains("unknown key 'colour'"), unknown.getMessage());
  }

  @Test
  void valuesAreChecked() {
    assertTrue(problem(GOOD.replace("sites: single", "sites: several")).getMessage()
        .contains("unknown site mode 'several'"));
    assertTrue(problem(GOOD.replace("maxSites: 1", "maxSites: 3")).getMessage()
        .contains("maxSites must be 1"));
    assertTrue(problem(GOOD.replace("maxProductsPerMolecule: 8", "maxProductsPerMolecule: 0"))
        .getMessage().contains("at least 1"));
    assertTrue(problem(GOOD.replace(">>[c:1]", ">CCO>[c:1]")).getMessage()
        .contains("REACTANT>>PRODUCT"));
    assertTrue(problem(GOOD.replace("[c:1][OX2H1:2]>>", "[c:1][OX2H1:2].[Cl:3].[Br:4]>>"))
        .getMessage().contains("3 reactant templates"));
    assertTrue(problem(GOOD.replace("maxProductsPerMolecule: 8",
        "maxProductsPerMolecule: 8\n    keepFragment: mapped:7")).getMessage()
        .contains("no atom :7"));
  }

  @Test
  void aValueOfTheWrongTypeIsNotCoerced() {
    assertTrue(problem(GOOD.replace("maxSites: 1", "maxSites: one")).getMessage()
        .contains("'maxSites' must be a whole number"));
    assertTrue(problem(GOOD.replace("maxProductsPerMolecule: 8", "maxProductsPerMolecule: 8.5"))
        .getMessage().contains("'maxProductsPerMolecule' must be a whole number"));
    assertTrue(problem(GOOD.replace("sites: single", "sites: 2")).getMessage()
        .contains("'sites' must be a string"));
    assertTrue(problem(GOOD.replace("maxSites: 1", "maxSites: 1\n    reagents: ''"))
        .getMessage().contains("'reagents' must be a non-empty string"));
  }

  @Test
  void anUnknownTopLevelKeyIsNamed() {
    assertTrue(problem(GOOD + "colours: [red]\n").getMessage()
        .contains("unknown top-level key 'colours'"));
  }

  @Test
  void allProblemsAreReportedTogether() {
    CatalogException e = problem(GOOD.replace("sites: single", "sites: several")
        .replace("maxProductsPerMolecule: 8", "maxProductsPerMolecule: -1"));
    assertEquals(2, e.problems().size(), e.getMessage());
  }

  @Test
  void notACatalogAtAll() {
    assertTrue(problem("just: text").getMessage().contains("'transforms'"));
    assertTrue(problem("transforms: [\n").getMessage().contains("not valid YAML"));
  }
}
