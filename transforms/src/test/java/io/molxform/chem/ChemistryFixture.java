package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IChemObject;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smarts.SmartsPattern;
import org.openscience.cdk.smiles.SmilesParser;

/** Helpers for chemistry tests: expected structures are written by hand in any SMILES spelling. */
final class ChemistryFixture {
  static final TransformCatalog CATALOG = TransformCatalog.builtIn();
  private static final SmilesParser PARSER =
      new SmilesParser(SilentChemObjectBuilder.getInstance());

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

  /** The test libraries' molecules: the polyphenols and the stereo cases. */
  static List<String> testLibrarySmiles() throws IOException {
    List<String> smiles = new ArrayList<>(MoleculeTransformerTest.library());
    for (String line : Files.readAllLines(Path.of("../testdata/stereo-cases.tsv"))) {
      if (!line.startsWith("id\t")) {
        smiles.add(line.split("\t", -1)[1]);
      }
    }
    return smiles;
  }

  /**
   * A container's stereo elements (kind, configuration, focus and carriers by position),
   * asserting that every atom and bond they name is the container's own.
   */
  static String stereoByPosition(IAtomContainer container) {
    StringBuilder text = new StringBuilder();
    for (IStereoElement<?, ?> element : container.stereoElements()) {
      text.append(element.getClass().getSimpleName()).append(element.getConfigOrder())
          .append(" on ").append(position(element.getFocus(), container)).append(':');
      for (Object carrier : element.getCarriers()) {
        text.append(position((IChemObject) carrier, container)).append(',');
      }
      text.append(' ');
    }
    return text.toString();
  }

  /** "a3" for the container's fourth atom, "b0" for its first bond; asserts it is its own. */
  static String position(IChemObject object, IAtomContainer container) {
    if (object instanceof IAtom atom) {
      assertSame(container, atom.getContainer(), "an atom of another container");
      return "a" + container.indexOf(atom);
    }
    IBond bond = (IBond) object;
    assertSame(container, bond.getContainer(), "a bond of another container");
    return "b" + container.indexOf(bond);
  }

  /** The test libraries' molecules, each one's O-methyl products, then {@code more}. */
  static List<String> testLibraryWithProducts(String... more) throws IOException {
    List<String> molecules = new ArrayList<>(testLibrarySmiles());
    for (String smiles : testLibrarySmiles()) {
      molecules.addAll(products("FG_PHENOL_OH__OH__TO__OMe", smiles));
    }
    molecules.addAll(Arrays.asList(more));
    return molecules;
  }

  /** A reagent list shipped with the catalog, by the name a catalog entry gives it. */
  static List<ReagentSet.Row> shippedReagents(String list) throws IOException {
    String file = list.substring(list.lastIndexOf('/') + 1);
    try (InputStream in = TransformCatalog.class.getResourceAsStream("reagents/" + file)) {
      return reagentRows(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The benchmark's 40 acids ({@code runners-config/bench/acids-40.csv}). */
  static List<ReagentSet.Row> benchmarkAcids() throws IOException {
    return reagentRows(Files.readString(Path.of("../runners-config/bench/acids-40.csv")));
  }

  /** The rows of a reagent list written as CSV with an {@code id,smiles} header. */
  private static List<ReagentSet.Row> reagentRows(String csv) {
    List<ReagentSet.Row> rows = new ArrayList<>();
    csv.lines().skip(1).filter(line -> !line.isBlank()).forEach(line -> {
      String[] fields = line.split(",");
      rows.add(new ReagentSet.Row(fields[0], fields[1]));
    });
    return rows;
  }

  /**
   * {@code smiles} parsed and prepared as the chemistry prepares a molecule ({@code
   * SmartsPattern.prepare}), its atoms and bonds shuffled in every round after the first.
   */
  static IAtomContainer prepared(String smiles, int round, Random random) throws CDKException {
    IAtomContainer molecule = PARSER.parseSmiles(smiles);
    if (round > 0) {
      molecule = shuffled(molecule, random);
    }
    SmartsPattern.prepare(molecule);
    return molecule;
  }

  /** The same molecule with its atoms and bonds in a random order, stereo kept. */
  static IAtomContainer shuffled(IAtomContainer molecule, Random random) {
    List<IAtom> atoms = new ArrayList<>();
    molecule.atoms().forEach(atoms::add);
    List<IBond> bonds = new ArrayList<>();
    molecule.bonds().forEach(bonds::add);
    Collections.shuffle(atoms, random);
    Collections.shuffle(bonds, random);
    IAtomContainer copy = molecule.getBuilder().newAtomContainer();
    atoms.forEach(copy::addAtom);
    bonds.forEach(copy::addBond);
    for (IStereoElement<?, ?> element : molecule.stereoElements()) {
      copy.addStereoElement(element);
    }
    return copy;
  }
}
