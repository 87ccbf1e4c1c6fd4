package io.molxform.chem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.graph.invariant.Canon;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IDoubleBondStereochemistry;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.interfaces.ITetrahedralChirality;
import org.openscience.cdk.isomorphism.Pattern;
import org.openscience.cdk.stereo.Stereocenters.Stereocenter;
import org.openscience.cdk.stereo.Stereocenters;

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
    return clean(molecule, null);
  }

  /**
   * As {@link #clean(IAtomContainer)}, with the molecule's constitutional symmetry classes
   * ({@code Canon.symmetry}) when the caller has them already; null to compute them here.
   */
  static List<IStereoElement> clean(IAtomContainer molecule, long[] symmetry) {
    if (!molecule.stereoElements().iterator().hasNext()
        || everyMarkIsOnATrueCentre(molecule, symmetry)) {
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
   * a carbon double bond, whose ligands lie in different symmetry classes. Atoms an automorphism
   * exchanges share a class, so different classes prove the ligands different and the mark real;
   * a shared class proves nothing and goes to {@link Stereocenters}, which costs as much as a
   * canonical labelling (measured: a third of the chemistry when every stereo molecule went
   * through it). The canonical writer computes the classes for every stereo molecule anyway.
   */
  private static boolean everyMarkIsOnATrueCentre(IAtomContainer molecule, long[] symmetry) {
    long[] classes = symmetry;
    for (IStereoElement<?, ?> element : molecule.stereoElements()) {
      if (element instanceof ITetrahedralChirality tetrahedral) {
        IAtom focus = tetrahedral.getChiralAtom();
        if (focus.getAtomicNumber() != 6) {
          return false;
        }
        classes = classes == null ? symmetryClasses(molecule) : classes;
        if (!ligandsDiffer(molecule, focus, null, 4, classes)) {
          return false;
        }
      } else if (element instanceof IDoubleBondStereochemistry doubleBond) {
        IBond bond = doubleBond.getStereoBond();
        if (bond.getOrder() != IBond.Order.DOUBLE || bond.getBegin().getAtomicNumber() != 6
            || bond.getEnd().getAtomicNumber() != 6) {
          return false;
        }
        classes = classes == null ? symmetryClasses(molecule) : classes;
        if (!ligandsDiffer(molecule, bond.getBegin(), bond.getEnd(), 2, classes)
            || !ligandsDiffer(molecule, bond.getEnd(), bond.getBegin(), 2, classes)) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  private static long[] symmetryClasses(IAtomContainer molecule) {
    return Canon.symmetry(molecule, GraphUtil.toAdjList(molecule));
  }

  /**
   * Whether the {@code ligands} ligands of {@code atom} (neighbours other than {@code partner},
   * and at most one implicit hydrogen) are joined by single bonds and pairwise different.
   */
  private static boolean ligandsDiffer(IAtomContainer molecule, IAtom atom, IAtom partner,
      int ligands, long[] classes) {
    int[] found = ligands(molecule, atom, partner, ligands);
    if (found == null) {
      return false;
    }
    for (int i = 0; i < found.length; i++) {
      for (int j = 0; j < i; j++) {
        if (classes[found[i]] == classes[found[j]]) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The positions of the ligands of {@code atom} that the fast test compares (its neighbours
   * other than {@code partner}), or null when the test fails whatever their classes are: more
   * than one implicit hydrogen, a bond other than single, or not {@code ligands} ligands with the
   * hydrogen.
   */
  static int[] ligands(IAtomContainer molecule, IAtom atom, IAtom partner, int ligands) {
    Integer implicit = atom.getImplicitHydrogenCount();
    int hydrogens = implicit == null ? 0 : implicit;
    if (hydrogens > 1) {
      return null;
    }
    int[] found = new int[ligands];
    int count = 0;
    for (IBond bond : molecule.getConnectedBondsList(atom)) {
      IAtom other = bond.getOther(atom);
      if (other.equals(partner)) {
        continue;
      }
      if (bond.getOrder() != IBond.Order.SINGLE || count == ligands) {
        return null;
      }
      found[count++] = molecule.indexOf(other);
    }
    return count + hydrogens == ligands ? Arrays.copyOf(found, count) : null;
  }

  private static Verdict verdict(IStereoElement<?, ?> element, IAtomContainer molecule,
      Stereocenters centres) {
    if (element instanceof ITetrahedralChirality tetrahedral) {
      IAtom focus = tetrahedral.getChiralAtom();
      if (focus.getAtomicNumber() == 7) {
        return nitrogenVerdict(centres, molecule, focus);
      }
      return verdict(centres, molecule, molecule.indexOf(focus));
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

  /**
   * Nitrogen, one rule, RDKit's: a three-coordinate nitrogen inverts at room temperature, so its
   * mark describes nothing unless inversion is blocked, in a three-membered ring or at a
   * bridgehead; a four-coordinate one (an ammonium, H counted) is a centre like a carbon.
   */
  private static Verdict nitrogenVerdict(Stereocenters centres, IAtomContainer molecule,
      IAtom nitrogen) {
    Integer implicit = nitrogen.getImplicitHydrogenCount();
    int coordination = molecule.getConnectedBondsCount(nitrogen)
        + (implicit == null ? 0 : implicit);
    int index = molecule.indexOf(nitrogen);
    if (coordination == 3 && !inThreeMemberedRing(molecule, nitrogen)
        && !isBridgehead(molecule, nitrogen)) {
      return Verdict.REMOVE;
    }
    // The CDK does not take an ammonium for a centre; whether its ligands differ is decided as
    // for any undecided centre, by inverting its mark.
    return centres.stereocenterType(index) == Stereocenter.True ? Verdict.KEEP : Verdict.ASK;
  }

  private static boolean inThreeMemberedRing(IAtomContainer molecule, IAtom atom) {
    List<IAtom> neighbours = molecule.getConnectedAtomsList(atom);
    for (int i = 0; i < neighbours.size(); i++) {
      for (int j = i + 1; j < neighbours.size(); j++) {
        if (molecule.getBond(neighbours.get(i), neighbours.get(j)) != null) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A bridgehead as RDKit has it: three or more ring bonds, and two of the smallest rings
   * through the atom sharing more than one bond (bridged, not merely fused).
   */
  private static boolean isBridgehead(IAtomContainer molecule, IAtom atom) {
    int ringBonds = 0;
    for (IBond bond : molecule.getConnectedBondsList(atom)) {
      ringBonds += bond.isInRing() ? 1 : 0;
    }
    if (ringBonds < 3) {
      return false;
    }
    List<IAtomContainer> rings = new ArrayList<>();
    for (IAtomContainer ring : Cycles.sssr(molecule).toRingSet().atomContainers()) {
      if (ring.contains(atom)) {
        rings.add(ring);
      }
    }
    for (int i = 0; i < rings.size(); i++) {
      for (int j = i + 1; j < rings.size(); j++) {
        int shared = 0;
        for (IBond bond : rings.get(i).bonds()) {
          shared += rings.get(j).contains(bond) ? 1 : 0;
        }
        if (shared > 1) {
          return true;
        }
      }
    }
    return false;
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
