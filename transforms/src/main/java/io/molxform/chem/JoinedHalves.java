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

/**
 * A two-component product written from its two halves, without a CDK container: the molecule as
 * one site changed it and the reagent as one match changed it, joined by the one bond the
 * reaction forms.
 *
 * <p>A pair's product is the molecule's half and the reagent's half and that bond, and each half
 * is the same whatever the other is: the plan changes each side's atoms by its own template, and
 * the bond between them, a bridge, closes no ring, so rings, aromaticity, valences and every
 * atom's canonical invariants stay each side's own. So each half is taken once (per molecule and
 * site, per reagent and match) from a product the CDK made and checked, everything the canonical
 * writer reads of its atoms recorded; a later pair only joins the two arrays, refines the
 * canonical labels ({@code Canon}, as {@link CanonicalSmiles} does) and writes the Beam graph
 * {@link BeamGraphs} would make of the joined container, by the same steps in the same order.
 *
 * <p>A half is not taken (its pairs keep the CDK's way) when anything in it would send the
 * container's string elsewhere than these steps: isotopes, a stereo mark {@link StereoMarks}
 * would examine further, a stereo element that spans the two halves or sits on the joining atom,
 * an atom or bond the Beam conversion defers to the CDK, atoms or bonds that the plan did not
 * leave in the order molecule, reagent, joining bond, or more than one bond between the halves.
 * A pair whose stereo atoms are not each alone in their symmetry class, or whose string carries
 * no mark after all, is written the CDK's way too ({@link #smiles} returns null).
 * {@code JoinedHalvesTest} writes every pair of the test libraries both ways.
 *
 * <p>Not thread-safe: one instance per thread.
 */
final class JoinedHalves {
  /** One side of a product, in the product's atom order, indices local to the side. */
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
    /** The atom the joining bond holds. */
    final int joint;
    /** The joining bond's label, and whether it begins at this side's joint. */
    final Bond jointLabel;
    final boolean jointBegins;
    final Mark[] marks;

    private Half(int atoms, uk.ac.ebi.beam.Atom[] plainAtoms,
        uk.ac.ebi.beam.Atom[] isomericAtoms, int[] bondBegin, int[] bondEnd, Bond[] bondLabels,
        long[] invariants, long[] comparatorKeys, boolean[] terminalHydrogens, int joint,
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
      this.joint = joint;
      this.jointLabel = jointLabel;
      this.jointBegins = jointBegins;
      this.marks = marks;
      this.degree = new int[atoms];
      for (int b = 0; b < bondBegin.length; b++) {
        degree[bondBegin[b]]++;
        degree[bondEnd[b]]++;
      }
      degree[joint]++;
    }
  }

  /**
   * A stereo mark of one half: what {@link BeamGraphs} adds for it, the ligands {@link
   * StereoMarks} compares to call it real, and the atoms {@link CanonicalSmiles} needs alone.
   */
  private record Mark(boolean tetrahedral, boolean inGraph, int centre, int from, int[] neighbours,
      Configuration configuration, boolean together, int[][] ligands, int[] stereoAtoms) {}

  /** Both halves of one product, or null where the product cannot be split. */
  record Split(Half molecule, Half reagent) {}

  /**
   * The halves of {@code product}, made by joining a copy of the reagent to the molecule and
   * applying the plan once, and checked: its atoms' and bonds' flags are those its canonical
   * SMILES was written with.
   *
   * @param reagentAtoms the product's atoms that the reagent's copy brought, taken before the
   *     plan changed it (the plan keeps the atoms it does not delete)
   */
  static Split split(IAtomContainer product, IAtom[] reagentAtoms) {
    int n = product.getAtomCount();
    Map<IAtom, Boolean> fromReagent = new IdentityHashMap<>();
    for (IAtom atom : reagentAtoms) {
      fromReagent.put(atom, Boolean.TRUE);
    }
    // The molecule's atoms first, then the reagent's; an atom the plan made is neither.
    int moleculeAtoms = 0;
    while (moleculeAtoms < n && ParentTags.of(product.getAtom(moleculeAtoms)) > 0) {
      moleculeAtoms++;
    }
    for (int i = moleculeAtoms; i < n; i++) {
      if (!fromReagent.containsKey(product.getAtom(i))) {
        return null;
      }
    }
    if (moleculeAtoms == 0 || moleculeAtoms == n) {
      return null;
    }
    // Bonds: the molecule's, the reagent's, then the one joining bond.
    int bonds = product.getBondCount();
    if (bonds == 0) {
      return null;
    }
    IBond joining = product.getBond(bonds - 1);
    int jointBegin = product.indexOf(joining.getBegin());
    int jointEnd = product.indexOf(joining.getEnd());
    if (jointBegin < 0 || jointEnd < 0
        || (jointBegin < moleculeAtoms) == (jointEnd < moleculeAtoms)) {
      return null;
    }
    int moleculeJoint = Math.min(jointBegin, jointEnd);
    int reagentJoint = Math.max(jointBegin, jointEnd);
    boolean moleculeBegins = jointBegin < jointEnd;
    int moleculeBonds = 0;
    boolean inReagent = false;
    for (int b = 0; b < bonds - 1; b++) {
      IBond bond = product.getBond(b);
      if (bond.getAtomCount() != 2) {
        return null;
      }
      boolean beginMolecule = product.indexOf(bond.getBegin()) < moleculeAtoms;
      boolean endMolecule = product.indexOf(bond.getEnd()) < moleculeAtoms;
      if (beginMolecule != endMolecule || (beginMolecule && inReagent)) {
        return null;
      }
      if (beginMolecule) {
        moleculeBonds++;
      } else {
        inReagent = true;
      }
    }
    Bond jointLabel = BeamGraphs.label(joining);
    if (jointLabel == null || product.getAtom(moleculeJoint).getAtomicNumber() == null
        || product.getAtom(moleculeJoint).getAtomicNumber() == 1
        || product.getAtom(reagentJoint).getAtomicNumber() == null
        || product.getAtom(reagentJoint).getAtomicNumber() == 1) {
      return null;
    }
    int[][] graph = GraphUtil.toAdjList(product);
    long[] invariants = Canon.basicInvariants(product, graph);
    boolean[] hydrogens = CdkInternals.terminalHydrogens(product, graph);
    long[] keys = CanonicalSmiles.comparatorKeys(product);
    if (keys == null) {
      return null;
    }
    // Stereo marks: the molecule's, then the reagent's, each within its half.
    List<IStereoElement> moleculeMarks = new ArrayList<>();
    List<IStereoElement> reagentMarks = new ArrayList<>();
    for (IStereoElement<?, ?> element : product.stereoElements()) {
      int side = side(element, product, moleculeAtoms);
      if (side < 0 || (side == 0 && !reagentMarks.isEmpty())) {
        return null;
      }
      (side == 0 ? moleculeMarks : reagentMarks).add(element);
    }
    Half molecule = half(product, 0, moleculeAtoms, 0, moleculeBonds, moleculeJoint,
        jointLabel, moleculeBegins, invariants, hydrogens, keys, moleculeMarks);
    Half reagent = half(product, moleculeAtoms, n, moleculeBonds, bonds - 1, reagentJoint,
        jointLabel, !moleculeBegins, invariants, hydrogens, keys, reagentMarks);
    return molecule == null || reagent == null ? null : new Split(molecule, reagent);
  }

  /** 0 when every atom of the element is the molecule's, 1 the reagent's, -1 when mixed. */
  private static int side(IStereoElement<?, ?> element, IAtomContainer product,
      int moleculeAtoms) {
    int side = -2;
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
        int index = product.indexOf(atom);
        if (index < 0) {
          return -1;
        }
        int s = index < moleculeAtoms ? 0 : 1;
        if (side != -2 && side != s) {
          return -1;
        }
        side = s;
      }
    }
    return side < 0 ? -1 : side;
  }

  private static Half half(IAtomContainer product, int from, int to, int firstBond, int endBond,
      int joint, Bond jointLabel, boolean jointBegins, long[] invariants, boolean[] hydrogens,
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
    Mark[] marks = new Mark[elements.size()];
    for (int e = 0; e < marks.length; e++) {
      marks[e] = mark(elements.get(e), product, from, joint);
      if (marks[e] == null) {
        return null;
      }
    }
    return new Half(atoms, plain, isomeric, begin, end, labels,
        java.util.Arrays.copyOfRange(invariants, from, to),
        java.util.Arrays.copyOfRange(keys, from, to),
        java.util.Arrays.copyOfRange(hydrogens, from, to), joint - from, jointLabel,
        jointBegins, marks);
  }

  /**
   * A tetrahedral centre or a double bond that {@link StereoMarks}'s fast test calls real (given
   * distinct symmetry classes of its ligands) and that sits off the joint; null otherwise.
   */
  private static Mark mark(IStereoElement<?, ?> element, IAtomContainer product, int from,
      int joint) {
    if (element instanceof ITetrahedralChirality tetrahedral) {
      int configOrder = tetrahedral.getConfigOrder();
      if (tetrahedral.getConfigClass() != IStereoElement.Tetrahedral
          || (configOrder != 1 && configOrder != 2)) {
        return null;
      }
      IAtom focus = tetrahedral.getChiralAtom();
      int centre = product.indexOf(focus);
      if (centre == joint || focus.getAtomicNumber() == null || focus.getAtomicNumber() != 6) {
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
      if (u == joint || v == joint || bond.getOrder() != IBond.Order.DOUBLE
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
   * The canonical isomeric SMILES of the product of {@code molecule}'s and {@code reagent}'s
   * halves, as {@link CanonicalSmiles#of} writes the joined container; null where that string
   * is the CDK's to write.
   */
  String smiles(Half molecule, Half reagent) throws IOException {
    if (molecule.jointLabel != reagent.jointLabel || molecule.jointBegins == reagent.jointBegins) {
      return null;
    }
    int offset = molecule.atoms;
    int n = offset + reagent.atoms;
    int[][] graph = new int[n][];
    int[] filled = new int[n];
    for (int i = 0; i < offset; i++) {
      graph[i] = new int[molecule.degree[i]];
    }
    for (int i = 0; i < reagent.atoms; i++) {
      graph[offset + i] = new int[reagent.degree[i]];
    }
    for (int b = 0; b < molecule.bondBegin.length; b++) {
      link(graph, filled, molecule.bondBegin[b], molecule.bondEnd[b]);
    }
    for (int b = 0; b < reagent.bondBegin.length; b++) {
      link(graph, filled, offset + reagent.bondBegin[b], offset + reagent.bondEnd[b]);
    }
    int moleculeJoint = molecule.joint;
    int reagentJoint = offset + reagent.joint;
    if (molecule.jointBegins) {
      link(graph, filled, moleculeJoint, reagentJoint);
    } else {
      link(graph, filled, reagentJoint, moleculeJoint);
    }
    boolean[] hydrogens = new boolean[n];
    System.arraycopy(molecule.terminalHydrogens, 0, hydrogens, 0, offset);
    System.arraycopy(reagent.terminalHydrogens, 0, hydrogens, offset, reagent.atoms);
    boolean stereo = molecule.marks.length + reagent.marks.length > 0;
    long[] initial = new long[n];
    if (stereo) {
      System.arraycopy(molecule.invariants, 0, initial, 0, offset);
      System.arraycopy(reagent.invariants, 0, initial, offset, reagent.atoms);
    } else {
      System.arraycopy(molecule.comparatorKeys, 0, initial, 0, offset);
      System.arraycopy(reagent.comparatorKeys, 0, initial, offset, reagent.atoms);
      initial = CanonicalSmiles.partition(initial);
    }
    CdkInternals.CanonResult canon = CdkInternals.canon(graph, initial, hydrogens);
    if (stereo) {
      int[] classSizes = classSizes(canon.symmetry());
      if (classSizes == null || !marksReal(molecule, 0, canon.symmetry(), classSizes)
          || !marksReal(reagent, offset, canon.symmetry(), classSizes)) {
        return null;
      }
    }
    int[] permutation = new int[n];
    for (int i = 0; i < n; i++) {
      permutation[i] = (int) canon.labels()[i] - 1;
    }
    Graph joined = beamGraph(molecule, reagent, stereo, permutation);
    int[] written = new int[n];
    if (!stereo) {
      return joined.toSmiles(written);
    }
    String smiles =
        CanonicalSmiles.withDoubleBondMarksNormalized(joined.toSmiles(written), written);
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
    int offset = molecule.atoms;
    int n = offset + reagent.atoms;
    uk.ac.ebi.beam.Atom[] inLabelOrder = new uk.ac.ebi.beam.Atom[n];
    uk.ac.ebi.beam.Atom[] moleculeAtoms = isomeric ? molecule.isomericAtoms : molecule.plainAtoms;
    uk.ac.ebi.beam.Atom[] reagentAtoms = isomeric ? reagent.isomericAtoms : reagent.plainAtoms;
    for (int i = 0; i < offset; i++) {
      inLabelOrder[permutation[i]] = moleculeAtoms[i];
    }
    for (int i = 0; i < reagent.atoms; i++) {
      inLabelOrder[permutation[offset + i]] = reagentAtoms[i];
    }
    GraphBuilder builder = GraphBuilder.create(n);
    for (uk.ac.ebi.beam.Atom atom : inLabelOrder) {
      builder.add(atom);
    }
    for (int b = 0; b < molecule.bondBegin.length; b++) {
      builder.add(molecule.bondLabels[b].edge(permutation[molecule.bondBegin[b]],
          permutation[molecule.bondEnd[b]]));
    }
    for (int b = 0; b < reagent.bondBegin.length; b++) {
      builder.add(reagent.bondLabels[b].edge(permutation[offset + reagent.bondBegin[b]],
          permutation[offset + reagent.bondEnd[b]]));
    }
    int moleculeJoint = permutation[molecule.joint];
    int reagentJoint = permutation[offset + reagent.joint];
    builder.add(molecule.jointBegins ? molecule.jointLabel.edge(moleculeJoint, reagentJoint)
        : molecule.jointLabel.edge(reagentJoint, moleculeJoint));
    if (isomeric) {
      addMarks(builder, molecule, 0, permutation);
      addMarks(builder, reagent, offset, permutation);
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
