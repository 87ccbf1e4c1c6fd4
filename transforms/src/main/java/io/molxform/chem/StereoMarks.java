package io.molxform.chem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IDoubleBondStereochemistry;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.interfaces.ITetrahedralChirality;
import org.openscience.cdk.isomorphism.Pattern;
import org.openscience.cdk.stereo.Stereocenters;
import org.openscience.cdk.stereo.Stereocenters.Stereocenter;

/**
 * Removes stereo marks that describe no stereocentre, so that one molecule has one string: the
 * CDK writes every mark it was given, and {@code C[C@H](C)O} and {@code C[C@@H](C)O} are both
 * isopropanol. A transform can also leave a mark meaningless (serine's centre after its CH2OH
 * becomes a second COOH), and a meaningless mark on a parent becomes a real one on a product
 * that breaks the symmetry (one primary acetate of glycerol would come out as two enantiomers),
 * so parents are cleaned before they are transformed and products before they are written.
 *
 * <p>Two tests, cheap one first. The CDK's {@link Stereocenters} decides most centres from the
 * constitution alone: neighbours all different (a true centre: keep), two equal neighbours that
 * are terminal, or the lone candidate of an isolated ring (no centre: remove). The rest, a
 * centre with two equivalent branches (glycerol's C2, ribitol's C3, the bridgeheads of
 * 1,8-cineole) or a ring para centre, is a stereocentre or not depending on the other marks;
 * there the definition decides: a mark means nothing when the molecule with that mark inverted
 * is the same molecule, that is when some automorphism carries one onto the other with every
 * mark preserved (the CDK's stereo-aware isomorphism). The InChI is no judge here: it takes the
 * bridgeheads of 1,8-cineole for stereocentres.
 *
 * <p>A mark on a real stereocentre stays, and an unmarked centre stays unmarked. Marks other
 * than tetrahedral centres and double bonds (allenes, atropisomers) are left as they are.
 */
final class StereoMarks {
  /** Automorphisms examined before a mark is kept as possibly meaningful. */
  private static final int MAX_AUTOMORPHISMS = 10_000;

  private StereoMarks() {}

  /**
   * Removes the meaningless marks of {@code molecule}. Returns its marks as they were when any
   * was removed (for a caller that must put them back), else null.
   */
  static List<IStereoElement> clean(IAtomContainer molecule) {
    if (!molecule.stereoElements().iterator().hasNext() || everyMarkIsOnATrueCentre(molecule)) {
      return null;
    }
    List<IStereoElement> original = new ArrayList<>();
    Stereocenters centres = Stereocenters.of(molecule);
    List<IStereoElement> kept = new ArrayList<>();
    List<IStereoElement> undecided = new ArrayList<>();
    boolean removed = false;
    for (IStereoElement<?, ?> element : molecule.stereoElements()) {
      original.add(element);
      Verdict verdict = verdict(element, molecule, centres);
      if (verdict == Verdict.REMOVE) {
        removed = true;
      } else {
        kept.add(element);
        if (verdict == Verdict.ASK) {
          undecided.add(element);
        }
      }
    }
    if (removed) {
      molecule.setStereoElements(kept);
    }
    if (!undecided.isEmpty()) {
      removed |= removeWhereInversionIsTheSameMolecule(molecule, kept, undecided);
    }
    return removed ? original : null;
  }

  private enum Verdict { KEEP, REMOVE, ASK }

  /**
   * The fast path, taken by nearly every natural product: every mark sits on a carbon centre, or
   * a carbon double bond, whose ligands are told apart by refined atom invariants. Invariants
   * are the same on atoms that an automorphism exchanges, so different invariants prove the
   * ligands different and the mark real; equal ones prove nothing and go to {@link Stereocenters}
   * (which costs as much as a canonical labelling: measured, it slowed the chemistry by a third
   * when every stereo molecule went through it).
   */
  private static boolean everyMarkIsOnATrueCentre(IAtomContainer molecule) {
    long[] invariants = null;
    for (IStereoElement<?, ?> element : molecule.stereoElements()) {
      if (element instanceof ITetrahedralChirality tetrahedral) {
        IAtom focus = tetrahedral.getChiralAtom();
        if (focus.getAtomicNumber() != 6) {
          return false;
        }
        invariants = invariants == null ? refinedInvariants(molecule) : invariants;
        if (!ligandsDiffer(molecule, focus, null, 4, invariants)) {
          return false;
        }
      } else if (element instanceof IDoubleBondStereochemistry doubleBond) {
        IBond bond = doubleBond.getStereoBond();
        if (bond.getOrder() != IBond.Order.DOUBLE || bond.getBegin().getAtomicNumber() != 6
            || bond.getEnd().getAtomicNumber() != 6) {
          return false;
        }
        invariants = invariants == null ? refinedInvariants(molecule) : invariants;
        if (!ligandsDiffer(molecule, bond.getBegin(), bond.getEnd(), 2, invariants)
            || !ligandsDiffer(molecule, bond.getEnd(), bond.getBegin(), 2, invariants)) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the {@code ligands} ligands of {@code atom} (neighbours other than {@code partner},
   * and at most one implicit hydrogen) are joined by single bonds and pairwise different.
   */
  private static boolean ligandsDiffer(IAtomContainer molecule, IAtom atom, IAtom partner,
      int ligands, long[] invariants) {
    Integer implicit = atom.getImplicitHydrogenCount();
    int hydrogens = implicit == null ? 0 : implicit;
    if (hydrogens > 1) {
      return false;
    }
    long[] seen = new long[ligands];
    int count = 0;
    for (IBond bond : molecule.getConnectedBondsList(atom)) {
      IAtom other = bond.getOther(atom);
      if (other.equals(partner)) {
        continue;
      }
      if (bond.getOrder() != IBond.Order.SINGLE || count == ligands) {
        return false;
      }
      long invariant = invariants[molecule.indexOf(other)];
      for (int i = 0; i < count; i++) {
        if (seen[i] == invariant) {
          return false;
        }
      }
      seen[count++] = invariant;
    }
    return count + hydrogens == ligands;
  }

  /**
   * Atom invariants (element, charge, mass, hydrogens, degree) refined over neighbours and bond
   * orders until the number of distinct values stops growing.
   */
  private static long[] refinedInvariants(IAtomContainer molecule) {
    int atoms = molecule.getAtomCount();
    int bonds = molecule.getBondCount();
    int[] from = new int[bonds];
    int[] to = new int[bonds];
    int[] order = new int[bonds];
    long[] invariants = new long[atoms];
    for (int b = 0; b < bonds; b++) {
      IBond bond = molecule.getBond(b);
      from[b] = molecule.indexOf(bond.getBegin());
      to[b] = molecule.indexOf(bond.getEnd());
      order[b] = bond.getOrder() == null ? 0 : bond.getOrder().numeric();
    }
    for (int i = 0; i < atoms; i++) {
      IAtom atom = molecule.getAtom(i);
      Integer hydrogens = atom.getImplicitHydrogenCount();
      Integer charge = atom.getFormalCharge();
      Integer mass = atom.getMassNumber();
      invariants[i] = mix(((long) atom.getAtomicNumber() << 40)
          ^ ((long) (charge == null ? 0 : charge + 8) << 32)
          ^ ((long) (mass == null ? 0 : mass) << 16)
          ^ ((long) (hydrogens == null ? 0 : hydrogens) << 8) ^ atom.getBondCount());
    }
    int classes = distinct(invariants);
    long[] sums = new long[atoms];
    for (int round = 0; round < atoms; round++) {
      Arrays.fill(sums, 0);
      for (int b = 0; b < bonds; b++) {
        sums[from[b]] += mix(invariants[to[b]] * 31 + order[b]);
        sums[to[b]] += mix(invariants[from[b]] * 31 + order[b]);
      }
      long[] next = new long[atoms];
      for (int i = 0; i < atoms; i++) {
        next[i] = mix(invariants[i] * 1_000_003L + sums[i]);
      }
      int nextClasses = distinct(next);
      invariants = next;
      if (nextClasses == classes) {
        break;
      }
      classes = nextClasses;
    }
    return invariants;
  }

  private static int distinct(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int count = sorted.length == 0 ? 0 : 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[i - 1]) {
        count++;
      }
    }
    return count;
  }

  /** A 64-bit finalizer (from SplitMix64): spreads every input bit over the output. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static Verdict verdict(IStereoElement<?, ?> element, IAtomContainer molecule,
      Stereocenters centres) {
    if (element instanceof ITetrahedralChirality tetrahedral) {
      return verdict(centres, molecule, molecule.indexOf(tetrahedral.getChiralAtom()));
    }
    if (element instanceof IDoubleBondStereochemistry doubleBond) {
      IBond bond = doubleBond.getStereoBond();
      Verdict begin = verdict(centres, molecule, molecule.indexOf(bond.getBegin()));
      Verdict end = verdict(centres, molecule, molecule.indexOf(bond.getEnd()));
      if (begin == Verdict.REMOVE || end == Verdict.REMOVE) {
        return Verdict.REMOVE;
      }
      return begin == Verdict.KEEP && end == Verdict.KEEP ? Verdict.KEEP : Verdict.ASK;
    }
    return Verdict.KEEP;
  }

  private static Verdict verdict(Stereocenters centres, IAtomContainer molecule, int atom) {
    if (atom < 0) {
      return Verdict.KEEP;
    }
    Stereocenter type = centres.stereocenterType(atom);
    if (type == Stereocenter.True) {
      return Verdict.KEEP;
    }
    if (type == Stereocenter.Non && hasOnlySingleAndDoubleBonds(molecule, atom)) {
      return Verdict.REMOVE;
    }
    // Stereocenters also says Non for an atom with a bond of unset order, which says nothing
    // about its stereo; and a para centre's mark means something only beside another's.
    return Verdict.ASK;
  }

  private static boolean hasOnlySingleAndDoubleBonds(IAtomContainer molecule, int atom) {
    for (IBond bond : molecule.getConnectedBondsList(molecule.getAtom(atom))) {
      if (bond.getOrder() != IBond.Order.SINGLE && bond.getOrder() != IBond.Order.DOUBLE) {
        return false;
      }
    }
    return true;
  }

  /**
   * Removes, one at a time, each undecided mark whose inversion gives the same molecule. One at
   * a time because whether a branch's mark matters can depend on the marks still present.
   */
  private static boolean removeWhereInversionIsTheSameMolecule(IAtomContainer molecule,
      List<IStereoElement> kept, List<IStereoElement> undecided) {
    boolean removed = false;
    List<IStereoElement> current = new ArrayList<>(kept);
    for (IStereoElement element : undecided) {
      if (invertingGivesTheSameMolecule(molecule, current.indexOf(element))) {
        current.remove(element);
        molecule.setStereoElements(current);
        removed = true;
      }
    }
    return removed;
  }

  /**
   * Whether some automorphism of the molecule carries it, with element {@code index} inverted,
   * onto itself with every mark preserved (the CDK's stereo-aware isomorphism). Molecules with
   * more symmetries than the search looks at keep the mark.
   */
  private static boolean invertingGivesTheSameMolecule(IAtomContainer molecule, int index) {
    IAtomContainer inverted;
    try {
      inverted = molecule.clone();
    } catch (CloneNotSupportedException e) {
      return false;
    }
    int position = 0;
    for (IStereoElement<?, ?> element : inverted.stereoElements()) {
      if (position++ == index) {
        int order = element.getConfigOrder();
        if (order != 1 && order != 2) {
          return false;
        }
        // LEFT/RIGHT for a centre, OPPOSITE/TOGETHER for a double bond: 1 and 2 either way.
        element.setConfigOrder(3 - order);
      }
    }
    return Pattern.findIdentical(molecule).matchAll(inverted).limit(MAX_AUTOMORPHISMS)
        .stereochemistry().atLeast(1);
  }
}
