package io.molxform.chem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.graph.invariant.Canon;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IChemObject;
import org.openscience.cdk.interfaces.IDoubleBondStereochemistry;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.interfaces.ITetrahedralChirality;
import uk.ac.ebi.beam.Bond;
import uk.ac.ebi.beam.Configuration;
import uk.ac.ebi.beam.Graph;
import uk.ac.ebi.beam.GraphBuilder;
import uk.ac.ebi.beam.SmilesWriter;
import uk.ac.ebi.beam.SubsetAtoms;

/**
 * A two-component product written from its halves, without a CDK container: the molecule as its
 * sites changed it and the reagent as one match changed it, one copy of the reagent per site,
 * each joined by the one bond the reaction forms.
 *
 * <p>A pair's product is the molecule's half, a copy of the reagent's half per site and those
 * bonds, and each half is the same whatever the others are: the plan changes each side's atoms
 * by its own template, and a bond between them, a bridge, closes no ring, so rings, aromaticity,
 * valences and every atom's canonical invariants stay each side's own. So each half is taken
 * once (per molecule and site set, per reagent and match) from a product the CDK made and
 * checked, everything the canonical writer reads of its atoms recorded; a later pair only joins
 * the arrays, refines the canonical labels ({@code Canon}, as {@link CanonicalSmiles} does) and
 * writes the Beam graph {@link BeamGraphs} would make of the joined container, by the same steps
 * in the same order.
 *
 * <p>A half is not taken (its pairs keep the CDK's way) when anything in it would send the
 * container's string elsewhere than these steps: isotopes, a stereo mark {@link StereoMarks}
 * would examine further, a stereo element that spans two parts or sits on a joining atom, an
 * atom or bond the Beam conversion defers to the CDK, atoms or bonds that the plan did not leave
 * in the order molecule, then each copy with its joining bond, or copies that differ. A pair
 * whose stereo atoms are not each alone in their symmetry class, or whose string carries no mark
 * after all, is written the CDK's way too ({@link #smiles} returns null).
 * {@code JoinedHalvesTest} writes every pair of the test libraries both ways.
 *
 * <p>Not thread-safe: one instance per thread.
 */
final class JoinedHalves {
  /**
   * One side of a product, in the product's atom order, indices local to the side: the
   * molecule's, with a joint per site, or one copy of the reagent's, with one joint.
   */
  static final class Half {
    final int atoms;
    final uk.ac.ebi.beam.Atom[] plainAtoms;
    final uk.ac.ebi.beam.Atom[] isomericAtoms;
    final int[] bondBegin;
    final int[] bondEnd;
    final Bond[] bondLabels;
    final int[] degree;
    final long[] invariants;
    final long[] comparatorKeys;
    final boolean[] terminalHydrogens;
    /** The atoms the joining bonds hold, in the order the sites were joined. */
    final int[] joints;
    /** The joining bond's label, and whether it begins at this side's joint. */
    final Bond jointLabel;
    final boolean jointBegins;
    final Mark[] marks;

    private Half(int atoms, uk.ac.ebi.beam.Atom[] plainAtoms,
        uk.ac.ebi.beam.Atom[] isomericAtoms, int[] bondBegin, int[] bondEnd, Bond[] bondLabels,
        long[] invariants, long[] comparatorKeys, boolean[] terminalHydrogens, int[] joints,
        Bond jointLabel, boolean jointBegins, Mark[] marks) {
      this.atoms = atoms;
      this.plainAtoms = plainAtoms;
      this.isomericAtoms = isomericAtoms;
      this.bondBegin = bondBegin;
      this.bondEnd = bondEnd;
      this.bondLabels = bondLabels;
      this.invariants = invariants;
      this.comparatorKeys = comparatorKeys;
      this.terminalHydrogens = terminalHydrogens;
      this.joints = joints;
      this.jointLabel = jointLabel;
      this.jointBegins = jointBegins;
      this.marks = marks;
      this.degree = new int[atoms];
      for (int b = 0; b < bondBegin.length; b++) {
        degree[bondBegin[b]]++;
        degree[bondEnd[b]]++;
      }
      for (int joint : joints) {
        degree[joint]++;
      }
    }
  }

  /**
   * A stereo mark of one half: what {@link BeamGraphs} adds for it, the ligands {@link
   * StereoMarks} compares to call it real, and the atoms {@link CanonicalSmiles} needs alone.
   * For a double bond, {@code centre} and {@code from} are the bond's atoms and {@code
   * neighbours} the two atoms its configuration relates.
   */
  private record Mark(boolean tetrahedral, boolean inGraph, int centre, int from, int[] neighbours,
      Configuration configuration, boolean together, int[][] ligands, int[] stereoAtoms) {}

  /**
   * The halves of one product, each null where it cannot be taken; {@code reagentRefused} when
   * the reagent's half was refused for what it holds itself (an isotope, a mark on its joint),
   * which every other product of that match would show again. A product whose shape does not
   * split (atoms or bonds out of order) gives neither half and refuses nothing.
   */
  record Split(Half molecule, Half reagent, boolean reagentRefused) {
    private static final Split NONE = new Split(null, null, false);
  }

  /**
   * The halves of {@code product}, made by joining a copy of the reagent to the molecule and
   * applying the plan for each site in turn, and checked: its atoms' and bonds' flags are those
   * its canonical SMILES was written with. The CDK's product holds the molecule's atoms, then
   * each copy's; its bonds the molecule's, then each copy's followed by the bond joining it.
   *
   * @param reagentAtoms the product's atoms that the reagent's first copy brought, taken before
   *     the plan changed it (the plan keeps the atoms it does not delete)
   */
  static Split split(IAtomContainer product, IAtom[] reagentAtoms) {
    int n = product.getAtomCount();
    Map<IAtom, Boolean> fromReagent = new IdentityHashMap<>();
    for (IAtom atom : reagentAtoms) {
      fromReagent.put(atom, Boolean.TRUE);
    }
    // The molecule's atoms, then the first copy's, then as many more of its size; an atom the
    // plan made is none of them.
    int moleculeAtoms = 0;
    while (moleculeAtoms < n && ParentTags.of(product.getAtom(moleculeAtoms)) > 0) {
      moleculeAtoms++;
    }
    int copyAtoms = 0;
    while (moleculeAtoms + copyAtoms < n
        && fromReagent.containsKey(product.getAtom(moleculeAtoms + copyAtoms))) {
      copyAtoms++;
    }
    if (moleculeAtoms == 0 || copyAtoms == 0 || (n - moleculeAtoms) % copyAtoms != 0) {
      return Split.NONE;
    }
    int copies = (n - moleculeAtoms) / copyAtoms;
    for (int i = moleculeAtoms + copyAtoms; i < n; i++) {
      IAtom atom = product.getAtom(i);
      if (ParentTags.of(atom) != 0 || fromReagent.containsKey(atom)) {
        return Split.NONE;
      }
    }
    int bonds = product.getBondCount();
    int b = 0;
    while (b < bonds && segment(product, product.getBond(b), moleculeAtoms, copyAtoms) == 0) {
      b++;
    }
    int moleculeBonds = b;
    int firstCopyBond = -1;
    int copyBonds = -1;
    int[] moleculeJoints = new int[copies];
    int reagentJoint = -1;
    Bond jointLabel = null;
    boolean moleculeBegins = false;
    for (int c = 0; c < copies; c++) {
      int from = moleculeAtoms + c * copyAtoms;
      int start = b;
      while (b < bonds && segment(product, product.getBond(b), moleculeAtoms, copyAtoms) == c + 1) {
        b++;
      }
      if (c == 0) {
        firstCopyBond = start;
        copyBonds = b - start;
      } else if (b - start != copyBonds
          || !sameBonds(product, firstCopyBond, moleculeAtoms, start, from, copyBonds)) {
        return Split.NONE;
      }
      if (b == bonds) {
        return Split.NONE;
      }
      IBond joining = product.getBond(b++);
      if (joining.getAtomCount() != 2) {
        return Split.NONE;
      }
      int begin = product.indexOf(joining.getBegin());
      int end = product.indexOf(joining.getEnd());
      boolean beginsInMolecule = begin >= 0 && begin < moleculeAtoms;
      int moleculeEnd = beginsInMolecule ? begin : end;
      int copyEnd = (beginsInMolecule ? end : begin) - from;
      Bond label = BeamGraphs.label(joining);
      if (moleculeEnd < 0 || moleculeEnd >= moleculeAtoms || copyEnd < 0
          || copyEnd >= copyAtoms || label == null) {
        return Split.NONE;
      }
      if (c == 0) {
        reagentJoint = copyEnd;
        jointLabel = label;
        moleculeBegins = beginsInMolecule;
      } else if (copyEnd != reagentJoint || label != jointLabel
          || beginsInMolecule != moleculeBegins) {
        return Split.NONE;
      }
      moleculeJoints[c] = moleculeEnd;
    }
    if (b != bonds || !heavy(product.getAtom(moleculeAtoms + reagentJoint))) {
      return Split.NONE;
    }
    for (int joint : moleculeJoints) {
      if (!heavy(product.getAtom(joint))) {
        return Split.NONE;
      }
    }
    int[][] graph = GraphUtil.toAdjList(product);
    long[] invariants = Canon.basicInvariants(product, graph);
    boolean[] hydrogens = CdkInternals.terminalHydrogens(product, graph);
    long[] keys = CanonicalSmiles.comparatorKeys(product);
    if (keys == null) {
      return Split.NONE;
    }
    // Stereo marks: the molecule's, then each copy's, each within its part.
    List<IStereoElement> moleculeMarks = new ArrayList<>();
    List<IStereoElement> reagentMarks = new ArrayList<>();
    int[] marksPerCopy = new int[copies];
    int lastSegment = 0;
    for (IStereoElement<?, ?> element : product.stereoElements()) {
      int segment = segment(element, product, moleculeAtoms, copyAtoms);
      if (segment < 0 || segment < lastSegment) {
        return Split.NONE;
      }
      lastSegment = segment;
      if (segment == 0) {
        moleculeMarks.add(element);
      } else {
        marksPerCopy[segment - 1]++;
        if (segment == 1) {
          reagentMarks.add(element);
        }
      }
    }
    for (int count : marksPerCopy) {
      if (count != reagentMarks.size()) {
        return Split.NONE;
      }
    }
    Half molecule = half(product, 0, moleculeAtoms, 0, moleculeBonds, moleculeJoints,
        jointLabel, moleculeBegins, invariants, hydrogens, keys, moleculeMarks);
    Half reagent = half(product, moleculeAtoms, moleculeAtoms + copyAtoms, firstCopyBond,
        firstCopyBond + copyBonds, new int[] {moleculeAtoms + reagentJoint}, jointLabel,
        !moleculeBegins, invariants, hydrogens, keys, reagentMarks);
    // Every later copy must be the first one again, atom for atom.
    for (int c = 1; c < copies && reagent != null; c++) {
      int from = moleculeAtoms + c * copyAtoms;
      for (int i = 0; i < copyAtoms; i++) {
        IAtom atom = product.getAtom(from + i);
        if (invariants[from + i] != reagent.invariants[i]
            || keys[from + i] != reagent.comparatorKeys[i]
            || hydrogens[from + i] != reagent.terminalHydrogens[i] || atom.getMassNumber() != null
            || !reagent.isomericAtoms[i].equals(BeamGraphs.atom(atom, true))
            || !reagent.plainAtoms[i].equals(BeamGraphs.atom(atom, false))) {
          return Split.NONE;
        }
      }
    }
    if (molecule != null) {
      asBuilt(product, 0, molecule);
    }
    if (reagent != null) {
      asBuilt(product, moleculeAtoms, reagent);
    }
    return new Split(molecule, reagent, reagent == null);
  }

  private static boolean heavy(IAtom atom) {
    Integer number = atom.getAtomicNumber();
    return number != null && number != 1;
  }

  /**
   * Which part both ends of {@code bond} lie in: 0 the molecule, c + 1 the reagent's copy c; -1
   * when they lie in two parts.
   */
  private static int segment(IAtomContainer product, IBond bond, int moleculeAtoms,
      int copyAtoms) {
    if (bond.getAtomCount() != 2) {
      return -1;
    }
    int begin = segment(product.indexOf(bond.getBegin()), moleculeAtoms, copyAtoms);
    int end = segment(product.indexOf(bond.getEnd()), moleculeAtoms, copyAtoms);
    return begin == end ? begin : -1;
  }

  private static int segment(int atom, int moleculeAtoms, int copyAtoms) {
    if (atom < 0) {
      return -1;
    }
    return atom < moleculeAtoms ? 0 : 1 + (atom - moleculeAtoms) / copyAtoms;
  }

  /** Whether {@code count} bonds from {@code other} are those from {@code first}, shifted. */
  private static boolean sameBonds(IAtomContainer product, int first, int firstFrom, int other,
      int otherFrom, int count) {
    for (int k = 0; k < count; k++) {
      IBond a = product.getBond(first + k);
      IBond b = product.getBond(other + k);
      if (product.indexOf(a.getBegin()) - firstFrom != product.indexOf(b.getBegin()) - otherFrom
          || product.indexOf(a.getEnd()) - firstFrom != product.indexOf(b.getEnd()) - otherFrom
          || BeamGraphs.label(a) != BeamGraphs.label(b)) {
        return false;
      }
    }
    return true;
  }

  /** The part (as {@link #segment(int, int, int)}) all atoms of the element lie in; -1 if mixed. */
  private static int segment(IStereoElement<?, ?> element, IAtomContainer product,
      int moleculeAtoms, int copyAtoms) {
    int segment = -2;
    List<IChemObject> objects = new ArrayList<>(element.getCarriers());
    objects.add(element.getFocus());
    for (IChemObject object : objects) {
      List<IAtom> atoms = new ArrayList<>();
      if (object instanceof IAtom atom) {
        atoms.add(atom);
      } else if (object instanceof IBond bond) {
        atoms.add(bond.getBegin());
        atoms.add(bond.getEnd());
      } else {
        return -1;
      }
      for (IAtom atom : atoms) {
        int s = segment(product.indexOf(atom), moleculeAtoms, copyAtoms);
        if (s < 0 || (segment != -2 && segment != s)) {
          return -1;
        }
        segment = s;
      }
    }
    return segment < 0 ? -1 : segment;
  }

  private static Half half(IAtomContainer product, int from, int to, int firstBond, int endBond,
      int[] joints, Bond jointLabel, boolean jointBegins, long[] invariants, boolean[] hydrogens,
      long[] keys, List<IStereoElement> elements) {
    int atoms = to - from;
    uk.ac.ebi.beam.Atom[] plain = new uk.ac.ebi.beam.Atom[atoms];
    uk.ac.ebi.beam.Atom[] isomeric = new uk.ac.ebi.beam.Atom[atoms];
    for (int i = 0; i < atoms; i++) {
      IAtom atom = product.getAtom(from + i);
      if (atom.getMassNumber() != null) {
        // An isotope sends the product through the isomeric writer even without stereo marks.
        return null;
      }
      plain[i] = BeamGraphs.atom(atom, false);
      isomeric[i] = BeamGraphs.atom(atom, true);
      if (plain[i] == null || isomeric[i] == null) {
        return null;
      }
    }
    int bonds = endBond - firstBond;
    int[] begin = new int[bonds];
    int[] end = new int[bonds];
    Bond[] labels = new Bond[bonds];
    for (int b = 0; b < bonds; b++) {
      IBond bond = product.getBond(firstBond + b);
      begin[b] = product.indexOf(bond.getBegin()) - from;
      end[b] = product.indexOf(bond.getEnd()) - from;
      labels[b] = BeamGraphs.label(bond);
      if (labels[b] == null) {
        return null;
      }
    }
    int[] local = new int[joints.length];
    for (int j = 0; j < joints.length; j++) {
      local[j] = joints[j] - from;
    }
    Mark[] marks = new Mark[elements.size()];
    for (int e = 0; e < marks.length; e++) {
      marks[e] = mark(elements.get(e), product, from, joints);
      if (marks[e] == null) {
        return null;
      }
    }
    return new Half(atoms, plain, isomeric, begin, end, labels,
        java.util.Arrays.copyOfRange(invariants, from, to),
        java.util.Arrays.copyOfRange(keys, from, to),
        java.util.Arrays.copyOfRange(hydrogens, from, to), local, jointLabel, jointBegins, marks);
  }

  /**
   * The half's atoms as the graph builder leaves them ({@link SubsetAtoms#asBuilt}), given their
   * bonds in the product, which every product of the half repeats; a centre of a tetrahedral mark
   * keeps its brackets in the isomeric graph, where it has a configuration. Taken once the copies
   * are known to be the first again, which compares the atoms as converted.
   */
  private static void asBuilt(IAtomContainer product, int from, Half half) {
    uk.ac.ebi.beam.Atom[] plain = half.plainAtoms;
    uk.ac.ebi.beam.Atom[] isomeric = half.isomericAtoms;
    boolean[] centre = new boolean[plain.length];
    for (Mark mark : half.marks) {
      if (mark.tetrahedral() && mark.inGraph()) {
        centre[mark.centre()] = true;
      }
    }
    for (int i = 0; i < plain.length; i++) {
      int valence = 0;
      for (IBond bond : product.getConnectedBondsList(product.getAtom(from + i))) {
        Bond label = BeamGraphs.label(bond);
        if (label == null) {
          valence = -1;
          break;
        }
        valence += label.order();
      }
      if (valence >= 0) {
        plain[i] = SubsetAtoms.asBuilt(plain[i], valence);
        if (!centre[i]) {
          isomeric[i] = SubsetAtoms.asBuilt(isomeric[i], valence);
        }
      }
    }
  }

  /**
   * A tetrahedral centre or a double bond that {@link StereoMarks}'s fast test calls real (given
   * distinct symmetry classes of its ligands) and that sits off the joint; null otherwise.
   */
  private static Mark mark(IStereoElement<?, ?> element, IAtomContainer product, int from,
      int[] joints) {
    if (element instanceof ITetrahedralChirality tetrahedral) {
      int configOrder = tetrahedral.getConfigOrder();
      if (tetrahedral.getConfigClass() != IStereoElement.Tetrahedral
          || (configOrder != 1 && configOrder != 2)) {
        return null;
      }
      IAtom focus = tetrahedral.getChiralAtom();
      int centre = product.indexOf(focus);
      if (isJoint(centre, joints) || focus.getAtomicNumber() == null
          || focus.getAtomicNumber() != 6) {
        return null;
      }
      int[] ligands = ligands(product, focus, null, 4, from);
      if (ligands == null) {
        return null;
      }
      List<IAtom> carriers = tetrahedral.getCarriers();
      int implicit = 0;
      int[] stereoAtoms = new int[carriers.size() + 1];
      stereoAtoms[0] = centre - from;
      for (int i = 0; i < carriers.size(); i++) {
        IAtom carrier = carriers.get(i);
        if (carrier.equals(focus)) {
          implicit++;
        }
        stereoAtoms[i + 1] = product.indexOf(carrier) - from;
      }
      int[] neighbours = new int[carriers.size() - 1];
      for (int i = 0; i < neighbours.length; i++) {
        neighbours[i] = stereoAtoms[i + 2];
      }
      return new Mark(true, implicit <= 1, centre - from, stereoAtoms[1], neighbours,
          BeamGraphs.tetrahedral(configOrder), false, new int[][] {ligands}, stereoAtoms);
    }
    if (element instanceof IDoubleBondStereochemistry doubleBond) {
      IBond bond = doubleBond.getStereoBond();
      IAtom beginAtom = bond.getBegin();
      IAtom endAtom = bond.getEnd();
      int u = product.indexOf(beginAtom);
      int v = product.indexOf(endAtom);
      if (isJoint(u, joints) || isJoint(v, joints) || bond.getOrder() != IBond.Order.DOUBLE
          || beginAtom.getAtomicNumber() == null || beginAtom.getAtomicNumber() != 6
          || endAtom.getAtomicNumber() == null || endAtom.getAtomicNumber() != 6) {
        return null;
      }
      int[] beginLigands = ligands(product, beginAtom, endAtom, 2, from);
      int[] endLigands = ligands(product, endAtom, beginAtom, 2, from);
      if (beginLigands == null || endLigands == null) {
        return null;
      }
      IBond[] ends = doubleBond.getBonds();
      IAtom xAtom = ends[0].getOther(beginAtom);
      IAtom yAtom = ends[1].getOther(endAtom);
      int x = xAtom == null ? -1 : product.indexOf(xAtom);
      int y = yAtom == null ? -1 : product.indexOf(yAtom);
      if (x < 0 || y < 0) {
        return null;
      }
      int[] stereoAtoms = {u - from, v - from, product.indexOf(ends[0].getBegin()) - from,
          product.indexOf(ends[0].getEnd()) - from, product.indexOf(ends[1].getBegin()) - from,
          product.indexOf(ends[1].getEnd()) - from};
      return new Mark(false, !bond.isAromatic(), u - from, v - from, new int[] {x - from, y - from},
          null, doubleBond.getStereo() == IDoubleBondStereochemistry.Conformation.TOGETHER,
          new int[][] {beginLigands, endLigands}, stereoAtoms);
    }
    return null;
  }

  private static boolean isJoint(int atom, int[] joints) {
    for (int joint : joints) {
      if (atom == joint) {
        return true;
      }
    }
    return false;
  }

  /** {@link StereoMarks#ligands}, local to the half. */
  private static int[] ligands(IAtomContainer product, IAtom atom, IAtom partner, int ligands,
      int from) {
    int[] found = StereoMarks.ligands(product, atom, partner, ligands);
    if (found != null) {
      for (int i = 0; i < found.length; i++) {
        found[i] -= from;
      }
    }
    return found;
  }

  /**
   * The canonical isomeric SMILES of the product of {@code molecule}'s half and a copy of
   * {@code reagent}'s per site, as {@link CanonicalSmiles#of} writes the joined container; null
   * where that string is the CDK's to write.
   */
  String smiles(Half molecule, Half reagent) throws IOException {
    if (reagent.joints.length != 1 || molecule.jointLabel != reagent.jointLabel
        || molecule.jointBegins == reagent.jointBegins) {
      return null;
    }
    int copies = molecule.joints.length;
    int m = molecule.atoms;
    int r = reagent.atoms;
    int n = m + copies * r;
    int[][] graph = new int[n][];
    int[] filled = new int[n];
    boolean[] hydrogens = new boolean[n];
    boolean stereo = molecule.marks.length + reagent.marks.length > 0;
    long[] initial = new long[n];
    for (int i = 0; i < m; i++) {
      graph[i] = new int[molecule.degree[i]];
    }
    System.arraycopy(molecule.terminalHydrogens, 0, hydrogens, 0, m);
    System.arraycopy(stereo ? molecule.invariants : molecule.comparatorKeys, 0, initial, 0, m);
    for (int b = 0; b < molecule.bondBegin.length; b++) {
      link(graph, filled, molecule.bondBegin[b], molecule.bondEnd[b]);
    }
    for (int c = 0; c < copies; c++) {
      int offset = m + c * r;
      for (int i = 0; i < r; i++) {
        graph[offset + i] = new int[reagent.degree[i]];
      }
      System.arraycopy(reagent.terminalHydrogens, 0, hydrogens, offset, r);
      System.arraycopy(stereo ? reagent.invariants : reagent.comparatorKeys, 0, initial, offset,
          r);
      for (int b = 0; b < reagent.bondBegin.length; b++) {
        link(graph, filled, offset + reagent.bondBegin[b], offset + reagent.bondEnd[b]);
      }
      int moleculeJoint = molecule.joints[c];
      int reagentJoint = offset + reagent.joints[0];
      if (molecule.jointBegins) {
        link(graph, filled, moleculeJoint, reagentJoint);
      } else {
        link(graph, filled, reagentJoint, moleculeJoint);
      }
    }
    if (!stereo) {
      initial = CanonicalSmiles.partition(initial);
    }
    CdkInternals.CanonResult canon = CdkInternals.canon(graph, initial, hydrogens);
    if (stereo) {
      int[] classSizes = classSizes(canon.symmetry());
      if (classSizes == null || !marksReal(molecule, 0, canon.symmetry(), classSizes)) {
        return null;
      }
      for (int c = 0; c < copies; c++) {
        if (!marksReal(reagent, m + c * r, canon.symmetry(), classSizes)) {
          return null;
        }
      }
    }
    int[] permutation = new int[n];
    for (int i = 0; i < n; i++) {
      permutation[i] = (int) canon.labels()[i] - 1;
    }
    Graph joined = beamGraph(molecule, reagent, stereo, permutation);
    int[] written = new int[n];
    if (!stereo) {
      return SmilesWriter.toSmiles(joined, written);
    }
    String smiles =
        CanonicalSmiles.withDoubleBondMarksNormalized(SmilesWriter.of(joined, written), written);
    return CanonicalSmiles.hasStereoOrIsotopeMark(smiles) ? smiles : null;
  }

  private static void link(int[][] graph, int[] filled, int u, int v) {
    graph[u][filled[u]++] = v;
    graph[v][filled[v]++] = u;
  }

  /**
   * How many atoms hold each symmetry class; null where a class is not one of {@code Canon}'s
   * ranks, 1 to the number of atoms.
   */
  private static int[] classSizes(long[] classes) {
    int[] sizes = new int[classes.length + 1];
    for (long c : classes) {
      if (c < 1 || c > classes.length) {
        return null;
      }
      sizes[(int) c]++;
    }
    return sizes;
  }

  /**
   * Whether every mark of the half is real by the fast test of {@link StereoMarks} and its atoms
   * are each alone in their symmetry class, as {@link CanonicalSmiles} requires of the order of
   * its plain labels.
   */
  private static boolean marksReal(Half half, int offset, long[] classes, int[] classSizes) {
    for (Mark mark : half.marks) {
      for (int[] ligands : mark.ligands()) {
        for (int i = 0; i < ligands.length; i++) {
          for (int j = 0; j < i; j++) {
            if (classes[offset + ligands[i]] == classes[offset + ligands[j]]) {
              return false;
            }
          }
        }
      }
      for (int atom : mark.stereoAtoms()) {
        if (classSizes[(int) classes[offset + atom]] != 1) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The Beam graph {@link BeamGraphs#direct} makes of the joined container, as {@code
   * Graph.permute} leaves it after {@code permutation}: built in label order directly, each
   * atom's neighbours then sorted by their labels as {@code permute} sorts them.
   */
  private static Graph beamGraph(Half molecule, Half reagent, boolean isomeric,
      int[] permutation) {
    int copies = molecule.joints.length;
    int m = molecule.atoms;
    int r = reagent.atoms;
    int n = m + copies * r;
    uk.ac.ebi.beam.Atom[] inLabelOrder = new uk.ac.ebi.beam.Atom[n];
    uk.ac.ebi.beam.Atom[] moleculeAtoms = isomeric ? molecule.isomericAtoms : molecule.plainAtoms;
    uk.ac.ebi.beam.Atom[] reagentAtoms = isomeric ? reagent.isomericAtoms : reagent.plainAtoms;
    for (int i = 0; i < m; i++) {
      inLabelOrder[permutation[i]] = moleculeAtoms[i];
    }
    for (int c = 0; c < copies; c++) {
      for (int i = 0; i < r; i++) {
        inLabelOrder[permutation[m + c * r + i]] = reagentAtoms[i];
      }
    }
    GraphBuilder builder = GraphBuilder.create(n);
    for (uk.ac.ebi.beam.Atom atom : inLabelOrder) {
      builder.add(atom);
    }
    for (int b = 0; b < molecule.bondBegin.length; b++) {
      builder.add(molecule.bondLabels[b].edge(permutation[molecule.bondBegin[b]],
          permutation[molecule.bondEnd[b]]));
    }
    for (int c = 0; c < copies; c++) {
      int offset = m + c * r;
      for (int b = 0; b < reagent.bondBegin.length; b++) {
        builder.add(reagent.bondLabels[b].edge(permutation[offset + reagent.bondBegin[b]],
            permutation[offset + reagent.bondEnd[b]]));
      }
      int moleculeJoint = permutation[molecule.joints[c]];
      int reagentJoint = permutation[offset + reagent.joints[0]];
      builder.add(molecule.jointBegins ? molecule.jointLabel.edge(moleculeJoint, reagentJoint)
          : molecule.jointLabel.edge(reagentJoint, moleculeJoint));
    }
    if (isomeric) {
      addMarks(builder, molecule, 0, permutation);
      for (int c = 0; c < copies; c++) {
        addMarks(builder, reagent, m + c * r, permutation);
      }
    }
    return builder.build().sort(NEIGHBOURS_BY_LABEL);
  }

  /** {@code Graph.permute}'s final order of each atom's neighbours: by their labels. */
  private static final Graph.EdgeComparator NEIGHBOURS_BY_LABEL =
      (graph, atom, e, f) -> e.other(atom) < f.other(atom);

  private static void addMarks(GraphBuilder builder, Half half, int offset, int[] labels) {
    for (Mark mark : half.marks) {
      if (!mark.inGraph()) {
        continue;
      }
      if (mark.tetrahedral()) {
        int[] neighbours = new int[mark.neighbours().length];
        for (int i = 0; i < neighbours.length; i++) {
          neighbours[i] = labels[offset + mark.neighbours()[i]];
        }
        builder.atomStereo(labels[offset + mark.centre()], mark.configuration())
            .lookingFrom(labels[offset + mark.from()]).neighbors(neighbours).build();
      } else if (mark.together()) {
        builder.geometric(labels[offset + mark.centre()], labels[offset + mark.from()])
            .together(labels[offset + mark.neighbours()[0]],
                labels[offset + mark.neighbours()[1]]);
      } else {
        builder.geometric(labels[offset + mark.centre()], labels[offset + mark.from()])
            .opposite(labels[offset + mark.neighbours()[0]],
                labels[offset + mark.neighbours()[1]]);
      }
    }
  }
}
