package io.molxform.tools;

import io.molxform.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.BloomFilter;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Funnels;
import org.openscience.cdk.exception.InvalidSmilesException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.isomorphism.Pattern;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

/**
 * Makes realistic natural-product-like molecules, deterministically from a seed: real scaffolds
 * (flavones, flavonols, flavanones, isoflavones, chalcones, aurones, stilbenes, coumarins,
 * xanthones, anthraquinones, phenolic and hydroxycinnamic acids, catechins, monoterpenoids)
 * decorated at their usual substitution positions with hydroxyl, methoxy, glycosyl (glucose,
 * rhamnose), prenyl, acyl (acetyl, galloyl) and methyl groups.
 *
 * <p>Molecules are unique: a molecule is a scaffold and a decoration per position, taken in its
 * smallest form under the scaffold's symmetry (ring flips, equivalent rings; found from the
 * scaffold's graph automorphisms), and a Bloom filter over those keys turns away repeats in
 * memory that does not grow with the library (a false positive only skips a fresh draw).
 */
public final class LibraryGenerator {
  /**
   * A decoration of an aromatic position and the branch it adds (null: H). Rings inside a branch
   * use closure labels from %81 up, which no scaffold uses, so that a branch never closes a
   * scaffold's ring.
   */
  private record Decoration(String name, String branch) {}

  private static final Decoration HYDROGEN = new Decoration("H", null);
  private static final Decoration HYDROXY = new Decoration("OH", "O");
  private static final List<Decoration> OTHERS = List.of(
      new Decoration("OMe", "OC"),
      new Decoration("OGlc", "O[C@@H]%81O[C@H](CO)[C@@H](O)[C@H](O)[C@H]%81O"),
      new Decoration("ORha", "O[C@@H]%82O[C@@H](C)[C@H](O)[C@@H](O)[C@H]%82O"),
      new Decoration("prenyl", "CC=C(C)C"),
      new Decoration("OAc", "OC(C)=O"),
      new Decoration("Ogalloyl", "OC(=O)c%83cc(O)c(O)c(O)c%83"),
      new Decoration("Me", "C"));
  private static final double[] OTHER_WEIGHTS = {0.12, 0.03, 0.015, 0.03, 0.02, 0.01, 0.03};

  /** Aliphatic positions of terpenoids: H, OH, OAc or OMe. */
  private static final List<Decoration> ALIPHATIC = List.of(HYDROGEN, HYDROXY,
      new Decoration("OAc", "OC(C)=O"), new Decoration("OMe", "OC"));

  /** Scaffolds: each '{}' is a position that takes a decoration as a branch. */
  private static final String[][] SCAFFOLDS = {
      {"flavone", "O=c1c{}c(-c3c{}c{}c{}c{}c3{})oc2c{}c{}c{}c{}c12"},
      {"flavanone", "O=C1C[C@@H](c3c{}c{}c{}c{}c3{})Oc2c{}c{}c{}c{}c12"},
      {"flavanonol", "O=C1[C@H](O)[C@@H](c3c{}c{}c{}c{}c3{})Oc2c{}c{}c{}c{}c12"},
      {"isoflavone", "O=c1c(-c3c{}c{}c{}c{}c3{})c{}oc2c{}c{}c{}c{}c12"},
      {"chalcone", "O=C(/C=C/c1c{}c{}c{}c{}c1{})c1c{}c{}c{}c{}c1{}"},
      {"dihydrochalcone", "O=C(CCc1c{}c{}c{}c{}c1{})c1c{}c{}c{}c{}c1{}"},
      {"aurone", "O=C1/C(=C/c3c{}c{}c{}c{}c3{})Oc2c{}c{}c{}c{}c12"},
      {"stilbene", "c1{}c{}c{}c{}c{}c1/C=C/c1c{}c{}c{}c{}c1{}"},
      {"coumarin", "O=c1c{}c{}c2c{}c{}c{}c{}c2o1"},
      {"xanthone", "O=c1c2c{}c{}c{}c{}c2oc2c{}c{}c{}c{}c12"},
      {"anthraquinone", "O=C1c2c{}c{}c{}c{}c2C(=O)c2c{}c{}c{}c{}c12"},
      {"benzoic acid", "OC(=O)c1c{}c{}c{}c{}c1{}"},
      {"cinnamic acid", "OC(=O)/C=C/c1c{}c{}c{}c{}c1{}"},
      {"catechin", "O[C@H]1Cc2c{}c{}c{}c{}c2O[C@@H]1c1c{}c{}c{}c{}c1{}"},
      {"benzophenone", "O=C(c1c{}c{}c{}c{}c1{})c1c{}c{}c{}c{}c1{}"},
      {"phenylpropene", "C=CCc1c{}c{}c{}c{}c1{}"},
  };
  /** Terpenoid skeletons, with aliphatic positions. */
  private static final String[][] TERPENOIDS = {
      {"p-menthane", "CC(C)C1CCC(C){}CC1{}"},
      {"bornane", "CC1(C)C2CCC1(C)C{}C2{}"},
      {"farnesane", "CC(C)=CCC/C(C)=C/CCC(C){}C{}"},
  };
  private static final double TERPENOID_SHARE = 0.08;

  private final double hydroxyFraction;
  /** The weights of the other aromatic decorations, scaled down when OH leaves them no room. */
  private final double[] otherWeights;
  private final double invalidFraction;
  private final SplittableRandom random;
  private final List<Scaffold> aromatic = new ArrayList<>();
  private final List<Scaffold> terpenoid = new ArrayList<>();
  private final BloomFilter<Long> seen;

  /** One scaffold: its template split at the positions, and its position permutations. */
  private record Scaffold(int index, String name, String[] pieces, int[][] symmetries) {
    int positions() {
      return pieces.length - 1;
    }
  }

  /** One generated row. */
  public record Row(String smiles, String scaffold, int hydroxyls) {}

  /**
   * @param hydroxyFraction the share of aromatic positions that carry a free OH (the knob for
   *     sites per molecule; 0.45 gives about 3.8 phenolic OH per molecule, 0.9 about 6.6;
   *     above 0.745 the other decorations shrink in proportion)
   * @param expectedRows the number of rows, to size the uniqueness filter
   */
  public LibraryGenerator(long seed, double hydroxyFraction, double invalidFraction,
      long expectedRows) {
    double others = Arrays.stream(OTHER_WEIGHTS).sum();
    if (hydroxyFraction < 0 || hydroxyFraction > 1) {
      throw new UsageException("--hydroxyFraction must be between 0 and 1");
    }
    double scale = Math.min(1, (1 - hydroxyFraction) / others);
    this.otherWeights = Arrays.stream(OTHER_WEIGHTS).map(w -> w * scale).toArray();
    if (invalidFraction < 0 || invalidFraction > 1) {
      throw new UsageException("--invalidFraction must be between 0 and 1");
    }
    this.hydroxyFraction = hydroxyFraction;
    this.invalidFraction = invalidFraction;
    this.random = new SplittableRandom(seed);
    for (String[] s : SCAFFOLDS) {
      aromatic.add(scaffold(aromatic.size(), s[0], s[1]));
    }
    for (String[] s : TERPENOIDS) {
      terpenoid.add(scaffold(SCAFFOLDS.length + terpenoid.size(), s[0], s[1]));
    }
    this.seen = BloomFilter.create(Funnels.longFunnel(), Math.max(1000, expectedRows), 1e-4);
  }

  private static Scaffold scaffold(int index, String name, String template) {
    String[] pieces = template.split("\\{\\}", -1);
    return new Scaffold(index, name, pieces, symmetries(template, pieces.length - 1));
  }

  /**
   * The permutations of positions that map the scaffold onto itself, from the automorphisms of
   * the scaffold with a dummy atom on every position.
   */
  private static int[][] symmetries(String template, int positions) {
    IAtomContainer molecule;
    try {
      molecule = new SmilesParser(SilentChemObjectBuilder.getInstance())
          .parseSmiles(template.replace("{}", "([*])"));
    } catch (InvalidSmilesException e) {
      throw new IllegalStateException("bad scaffold " + template, e);
    }
    List<Integer> dummies = new ArrayList<>();
    for (int i = 0; i < molecule.getAtomCount(); i++) {
      if (molecule.getAtom(i).getAtomicNumber() == 0) {
        dummies.add(i);
      }
    }
    if (dummies.size() != positions) {
      throw new IllegalStateException("scaffold " + template + " has " + dummies.size()
          + " dummies for " + positions + " positions");
    }
    Set<List<Integer>> unique = new LinkedHashSet<>();
    for (int[] mapping : Pattern.findIdentical(molecule).matchAll(molecule)) {
      List<Integer> permutation = new ArrayList<>();
      for (int dummy : dummies) {
        permutation.add(dummies.indexOf(mapping[dummy]));
      }
      unique.add(permutation);
    }
    return unique.stream().map(p -> p.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }

  /** The next unique row; throws when the draws keep repeating (the library is too large). */
  public Row next() {
    for (int attempt = 0; attempt < 10_000; attempt++) {
      boolean terpene = random.nextDouble() < TERPENOID_SHARE;
      List<Scaffold> pool = terpene ? terpenoid : aromatic;
      Scaffold scaffold = pool.get(random.nextInt(pool.size()));
      int[] decoration = new int[scaffold.positions()];
      for (int i = 0; i < decoration.length; i++) {
        decoration[i] = terpene ? random.nextInt(ALIPHATIC.size()) : drawAromatic();
      }
      if (!seen.put(key(scaffold, decoration))) {
        continue; // this molecule (or, rarely, a filter false positive) was made before
      }
      Row row = build(scaffold, decoration, terpene);
      return random.nextDouble() < invalidFraction ? broken(row) : row;
    }
    throw new UsageException("the generator keeps repeating molecules: too many rows for the "
        + "number of distinct molecules its scaffolds allow");
  }

  /** Decoration index: 0 H, 1 OH, 2.. the others. */
  private int drawAromatic() {
    double draw = random.nextDouble();
    if (draw < hydroxyFraction) {
      return 1;
    }
    draw -= hydroxyFraction;
    for (int i = 0; i < otherWeights.length; i++) {
      if (draw < otherWeights[i]) {
        return 2 + i;
      }
      draw -= otherWeights[i];
    }
    return 0;
  }

  /** The smallest encoding of the decoration over the scaffold's symmetries. */
  private static long key(Scaffold scaffold, int[] decoration) {
    long best = Long.MAX_VALUE;
    for (int[] permutation : scaffold.symmetries()) {
      long key = scaffold.index();
      for (int i = 0; i < decoration.length; i++) {
        key = key * 16 + decoration[permutation[i]];
      }
      best = Math.min(best, key);
    }
    return best;
  }

  private static Row build(Scaffold scaffold, int[] decoration, boolean terpene) {
    StringBuilder smiles = new StringBuilder(scaffold.pieces()[0]);
    int hydroxyls = 0;
    for (int i = 0; i < decoration.length; i++) {
      Decoration d = terpene ? ALIPHATIC.get(decoration[i])
          : decoration[i] == 0 ? HYDROGEN : decoration[i] == 1 ? HYDROXY
              : OTHERS.get(decoration[i] - 2);
      if (d.branch() != null) {
        smiles.append('(').append(d.branch()).append(')');
      }
      if (d == HYDROXY && !terpene) {
        hydroxyls++;
      }
      smiles.append(scaffold.pieces()[i + 1]);
    }
    return new Row(smiles.toString(), scaffold.name(), hydroxyls);
  }

  /** A deliberately broken row, of one of the kinds real libraries hold. */
  private Row broken(Row row) {
    String smiles = switch (random.nextInt(4)) {
      case 0 -> row.smiles().substring(0, 1 + random.nextInt(row.smiles().length() / 2)) + "(";
      case 1 -> "not-a-smiles-" + Integer.toHexString(random.nextInt());
      case 2 -> "";
      default -> null;
    };
    return new Row(smiles, "broken " + row.scaffold(), 0);
  }
}
