package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Helpers for chemistry tests: expected structures are written by hand in any SMILES spelling. */
final class ChemistryFixture {
  static final TransformCatalog CATALOG = TransformCatalog.builtIn();

  private ChemistryFixture() {}

  /** The canonical form of a hand-written SMILES, so expectations may use any spelling. */
  static String canonical(String smiles) {
    MoleculeParser.Result result = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS)
        .parse(smiles);
    assertTrue(result.ok(), () -> "expected structure does not parse: " + smiles + " "
        + result.rejection());
    return result.molecule().canonicalSmiles();
  }

  /** The canonical forms of hand-written SMILES, as a set of products. */
  static Set<String> canon(String... smiles) {
    return Arrays.stream(smiles).map(ChemistryFixture::canonical)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static TransformOutcome apply(TransformSpec spec, String smiles) {
    MoleculeParser.Result parsed = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS)
        .parse(smiles);
    assertTrue(parsed.ok(), () -> "parent does not parse: " + smiles + " " + parsed.rejection());
    return new MoleculeTransformer(spec).apply(parsed.molecule());
  }

  static TransformOutcome apply(String transform, String smiles) {
    return apply(CATALOG.get(transform), smiles);
  }

  static Set<String> products(String transform, String smiles) {
    return products(CATALOG.get(transform), smiles);
  }

  static Set<String> products(TransformSpec spec, String smiles) {
    return apply(spec, smiles).products().stream().map(Product::smiles)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
