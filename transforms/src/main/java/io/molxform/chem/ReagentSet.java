package io.molxform.chem;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * The reagents (building blocks) of one two-component transform, each parsed and matched against
 * the transform's reagent template once; the reagents that cannot take part, with why.
 *
 * <p>Not thread-safe (the reagents' structures are copied for every product): one instance per
 * thread.
 */
public final class ReagentSet {
  /** A reagent as a list gives it. */
  public record Row(String id, String smiles) implements Serializable {}

  /** A reagent that cannot take part in the transform, and why. */
  public record Rejected(Row row, Rejection rejection) {}

  /**
   * A reagent ready to react: its structure (without parent tags) and each distinct match of the
   * reagent template, as its atoms' positions in template order.
   */
  static final class Prepared {
    final Row row;
    final IAtomContainer molecule;
    final int[][] matches;
    /** Per match: whether a matched atom lies in a ring, so that the product needs perception. */
    final boolean[] ringTouched;
    final long idHash;
    /** Position among the set's accepted reagents. */
    final int index;

    Prepared(Row row, IAtomContainer molecule, int[][] matches, int index) {
      this.row = row;
      this.index = index;
      this.molecule = molecule;
      this.matches = matches;
      this.ringTouched = new boolean[matches.length];
      for (int m = 0; m < matches.length; m++) {
        for (int atom : matches[m]) {
          ringTouched[m] |= molecule.getAtom(atom).isInRing();
        }
      }
      this.idHash = hash(row.id(), 0x9E3779B97F4A7C15L);
    }
  }

  private final List<Prepared> prepared;
  private final List<Rejected> rejected;

  private ReagentSet(List<Prepared> prepared, List<Rejected> rejected) {
    this.prepared = prepared;
    this.rejected = rejected;
  }

  /** Parses and matches every row, in list order, for {@code spec}'s reagent template. */
  public static ReagentSet prepare(TransformSpec spec, List<Row> rows, int maxHeavyAtoms) {
    return prepare(ReactionPlan.compile(spec.smirks()), rows, maxHeavyAtoms);
  }

  static ReagentSet prepare(ReactionPlan plan, List<Row> rows, int maxHeavyAtoms) {
    MoleculeParser parser = new MoleculeParser(maxHeavyAtoms);
    List<Prepared> prepared = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (Row row : rows) {
      MoleculeParser.Result parsed = parser.parse(row.smiles());
      if (!parsed.ok()) {
        Rejection why = parsed.rejection();
        rejected.add(new Rejected(row, new Rejection(ReasonCode.REAGENT_NOT_PARSED,
            why.code() + ": " + why.message(), row.smiles())));
        continue;
      }
      IAtomContainer molecule = parsed.molecule().molecule();
      for (IAtom atom : molecule.atoms()) {
        ParentTags.clear(atom);
      }
      int[][] matches = plan.reagentTemplate().pattern().matchAll(molecule).uniqueAtoms()
          .toArray();
      if (matches.length == 0) {
        rejected.add(new Rejected(row, new Rejection(ReasonCode.REAGENT_NO_MATCH,
            "no match of the reagent template", row.smiles())));
        continue;
      }
      prepared.add(new Prepared(row, molecule, matches, prepared.size()));
    }
    return new ReagentSet(List.copyOf(prepared), List.copyOf(rejected));
  }

  /** The reagents that take part, in list order. */
  public List<Row> accepted() {
    List<Row> rows = new ArrayList<>(prepared.size());
    for (Prepared reagent : prepared) {
      rows.add(reagent.row);
    }
    return rows;
  }

  public List<Rejected> rejected() {
    return rejected;
  }

  public int size() {
    return prepared.size();
  }

  List<Prepared> all() {
    return prepared;
  }

  /**
   * The {@code n} reagents that a molecule meets when the run samples reagents: those of
   * smallest hash of the molecule's id and the reagent's id, in list order. The choice depends
   * on the two ids alone, so every runner, order and parallelism picks the same pairs.
   */
  List<Prepared> sample(String moleculeId, int n) {
    if (n <= 0 || n >= prepared.size()) {
      return prepared;
    }
    long moleculeHash = hash(moleculeId, 0xC2B2AE3D27D4EB4FL);
    // the n smallest keys, largest on top
    PriorityQueue<long[]> kept = new PriorityQueue<>(n + 1, (a, b) -> Long.compare(b[0], a[0]));
    for (int i = 0; i < prepared.size(); i++) {
      long key = mix(moleculeHash ^ prepared.get(i).idHash);
      if (kept.size() < n) {
        kept.add(new long[] {key, i});
      } else if (key < kept.peek()[0]) {
        kept.poll();
        kept.add(new long[] {key, i});
      }
    }
    int[] chosen = new int[kept.size()];
    int k = 0;
    for (long[] entry : kept) {
      chosen[k++] = (int) entry[1];
    }
    Arrays.sort(chosen);
    List<Prepared> sample = new ArrayList<>(chosen.length);
    for (int index : chosen) {
      sample.add(prepared.get(index));
    }
    return sample;
  }

  /** A 64-bit hash of a string's UTF-8 bytes (FNV-1a, then mixed), the same on every JVM. */
  static long hash(String text, long seed) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** The finalizer of SplitMix64: every input bit reaches every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
