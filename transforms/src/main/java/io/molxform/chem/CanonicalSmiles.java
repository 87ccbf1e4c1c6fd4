package io.molxform.chem;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.openscience.cdk.BondRef;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IChemObject;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.interfaces.ITetrahedralChirality;
import org.openscience.cdk.smarts.SmartsPattern;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import uk.ac.ebi.beam.Functions;
import uk.ac.ebi.beam.Graph;

/**
 * Canonical isomeric SMILES, the identity of a molecule everywhere in molxform. Aromaticity comes
 * from the Daylight model that SMARTS matching uses ({@link SmartsPattern#prepare}), perceived
 * afresh unless the caller knows it is current, so the string depends only on the molecule, never
 * on the Kekulé form or atom order it was read in.
 *
 * <p>The CDK canonicalizes stereochemistry through InChI, which is most of the cost of a product.
 * Most molecules need none of it:
 *
 * <ul>
 *   <li>a molecule with no stereo element and no isotope is written with the plain canonical
 *       flavour;
 *   <li>a molecule whose stereo atoms (each centre and the atoms that define it) are all alone in
 *       their symmetry class is written in the order of its plain canonical labels, with its
 *       stereo marks: no automorphism moves those atoms, so whichever of the equivalent
 *       labellings the CDK picks, the marks read the same and the string is canonical;
 *   <li>any other stereo molecule (a stereo atom equivalent to another, as in meso forms) takes
 *       the CDK's absolute flavour, canonicalized through InChI.
 * </ul>
 *
 * Marks that describe no stereocentre are left out of the string ({@link StereoMarks}), and a
 * stereo string that carries no stereo or isotope mark at all is replaced by the plain flavour.
 * The route depends only on the molecule, so each molecule has exactly one string, whichever way
 * its input was written.
 *
 * <p>The fast path copies the CDK canonical writer's normalization of double-bond marks and
 * relies on {@code Canon.label} ordering atoms as that writer does; a molecule whose only marks
 * are tetrahedral centres is written from the CDK's own Beam graph ({@link BeamGraphs}) permuted
 * into label order, without a copy of the molecule. {@code CanonicalSmilesTest} pins all three
 * and must pass again on every CDK upgrade.
 *
 * <p>Not thread-safe: one instance per thread.
 */
final class CanonicalSmiles {
  private static final int ISOMERIC = SmiFlavor.Isomeric | SmiFlavor.UseAromaticSymbols;
  /** Bits of one sort key, and of an index, in {@link #byKey}: three fit a long. */
  private static final int INDEX_BITS = 21;
  private final SmilesGenerator plain =
      new SmilesGenerator(SmiFlavor.Canonical | SmiFlavor.UseAromaticSymbols);
  private final SmilesGenerator absolute =
      new SmilesGenerator(SmiFlavor.Absolute | SmiFlavor.UseAromaticSymbols);
  /** Writes in the container's own atom order, with stereo and isotopes. */
  private final SmilesGenerator inGivenOrder = new SmilesGenerator(ISOMERIC);

  String of(IAtomContainer molecule) throws CDKException {
    return of(molecule, null, true);
  }

  /**
   * Also fills {@code rank[i]} (when not null) with the output position of atom {@code i}.
   *
   * @param perceive perceive rings and aromaticity first; false only when the flags are current
   */
  String of(IAtomContainer molecule, int[] rank, boolean perceive) throws CDKException {
    if (perceive) {
      SmartsPattern.prepare(molecule);
    }
    // The symmetry classes serve the check of the marks and, with the labels, the writer.
    Symmetry symmetry = molecule.stereoElements().iterator().hasNext()
        ? Symmetry.of(molecule) : null;
    List<IStereoElement> marks = StereoMarks.clean(molecule,
        symmetry == null ? null : symmetry.classes());
    try {
      return withCleanMarks(molecule, rank, symmetry);
    } finally {
      if (marks != null) {
        // A later site may make a mark meaningful again (serine's centre, symmetric once its
        // CH2OH is oxidized, is a centre again once one of the two acids is esterified): the
        // container keeps its marks, only the string goes without.
        molecule.setStereoElements(marks);
      }
    }
  }

  /**
   * For a molecule whose marks {@link StereoMarks#clean} has already cleaned and whose rings and
   * aromaticity are current: a parent, cleaned at parse.
   */
  String ofCleaned(IAtomContainer molecule, int[] rank) throws CDKException {
    return withCleanMarks(molecule, rank, null);
  }

  /**
   * The CDK's constitutional symmetry classes and plain canonical labels of a molecule, from one
   * refinement ({@link CanonRefinement}). Stereo marks do not enter either, so cleaning the marks
   * leaves both as they are.
   */
  private record Symmetry(long[] classes, long[] labels) {
    static Symmetry of(IAtomContainer molecule) {
      CanonRefinement.Result refined =
          CanonRefinement.of(molecule, GraphUtil.toAdjList(molecule));
      return new Symmetry(refined.symmetry(), refined.labels());
    }
  }

  /** @param symmetry the molecule's symmetry, when already computed; else null */
  private String withCleanMarks(IAtomContainer molecule, int[] rank, Symmetry symmetry)
      throws CDKException {
    if (mayNeedStereo(molecule)) {
      String smiles = inCanonicalLabelOrder(molecule, rank,
          symmetry == null ? Symmetry.of(molecule) : symmetry);
      if (smiles == null) {
        smiles = rank == null ? absolute.create(molecule) : absolute.create(molecule, rank);
      }
      if (hasStereoOrIsotopeMark(smiles)) {
        return smiles;
      }
    }
    return rank == null ? plain.create(molecule) : plain.create(molecule, rank);
  }

  /**
   * The molecule written in the order of its plain canonical labels, with stereo and isotopes;
   * null when a stereo atom shares its symmetry class with another atom.
   */
  private String inCanonicalLabelOrder(IAtomContainer molecule, int[] rank, Symmetry classes)
      throws CDKException {
    long[] symmetry = classes.classes();
    Map<Long, Integer> classSizes = new HashMap<>();
    for (long c : symmetry) {
      classSizes.merge(c, 1, Integer::sum);
    }
    boolean onlyTetrahedral = true;
    for (IStereoElement<?, ?> element : molecule.stereoElements()) {
      if (!alone(element.getFocus(), molecule, symmetry, classSizes)) {
        return null;
      }
      for (IChemObject carrier : element.getCarriers()) {
        if (!alone(carrier, molecule, symmetry, classSizes)) {
          return null;
        }
      }
      onlyTetrahedral &= element instanceof ITetrahedralChirality;
    }
    long[] labels = classes.labels();
    return onlyTetrahedral
        ? inLabelOrderByPermutation(molecule, labels, rank)
        : inLabelOrderByCopy(molecule, labels, rank);
  }

  /**
   * Writes the molecule's Beam graph permuted into label order: the graph the isomeric writer
   * makes of the {@linkplain #inLabelOrderByCopy copy in label order}, since a tetrahedral centre
   * names its neighbours, not their positions, and a permuted graph lists each atom's neighbours
   * in label order as the copy's sorted bonds do. Not for double-bond marks: the graph builder
   * picks the bonds that carry them in the order it meets them.
   */
  static String inLabelOrderByPermutation(IAtomContainer molecule, long[] labels, int[] rank)
      throws CDKException {
    int[] permutation = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      permutation[i] = (int) labels[i] - 1;
    }
    Graph beam = BeamGraphs.of(molecule, ISOMERIC).permute(permutation);
    int[] written = new int[labels.length];
    String smiles;
    try {
      smiles = beam.toSmiles(written);
    } catch (IOException e) {
      throw new CDKException("cannot write a molecule as SMILES: " + e.getMessage(), e);
    }
    if (rank != null) {
      for (int i = 0; i < labels.length; i++) {
        rank[i] = written[permutation[i]];
      }
    }
    return smiles;
  }

  /**
   * Writes a copy of the molecule whose atoms and bonds are in label order, normalizing
   * double-bond marks as the CDK's canonical writer does.
   */
  String inLabelOrderByCopy(IAtomContainer molecule, long[] labels, int[] rank)
      throws CDKException {
    int[] order = byKey(labels.length, i -> labels[i]);
    IAtomContainer ordered = copyInOrder(molecule, labels, order);
    int[] written = new int[order.length];
    String smiles = inGivenOrder.create(ordered, written);
    if (smiles.indexOf('/') >= 0 || smiles.indexOf('\\') >= 0) {
      // Double-bond marks can be written C/C=C/C or C\C=C\C for one molecule: normalize them
      // as the CDK's canonical writer does.
      try {
        Graph beam = Graph.fromSmiles(smiles);
        beam.sort(new Graph.VisitHighOrderFirst());
        beam = Functions.normaliseDirectionalLabels(beam);
        beam.sort(new Graph.VisitHighOrderFirst()).sort(new Graph.VisitHydrogenFirst());
        int[] rewritten = new int[beam.order()];
        smiles = beam.toSmiles(rewritten);
        for (int k = 0; k < written.length; k++) {
          written[k] = rewritten[written[k]];
        }
      } catch (IOException e) {
        throw new CDKException("cannot normalize double-bond marks of " + smiles, e);
      }
    }
    if (rank != null) {
      for (int k = 0; k < order.length; k++) {
        rank[order[k]] = written[k];
      }
    }
    return smiles;
  }

  /**
   * A new container with the molecule's atoms in {@code order}, its bonds ordered by their
   * atoms' labels (the lower, then the higher) and its stereo elements; atoms and bonds are the
   * molecule's own, wrapped by the copy as the CDK's {@code addAtom} and {@code addBond} wrap
   * them. Those methods look up every atom a bond or stereo element names by a search of the
   * container's atoms (a tenth of the chemistry's time when they built this copy); here each
   * atom's and bond's place in the copy is known, so they are handed over as the copy's own.
   */
  static IAtomContainer copyInOrder(IAtomContainer molecule, long[] labels, int[] order) {
    int[] atomPosition = new int[order.length];
    IAtom[] atoms = new IAtom[order.length];
    for (int k = 0; k < order.length; k++) {
      atoms[k] = molecule.getAtom(order[k]);
      atomPosition[order[k]] = k;
    }
    IAtomContainer ordered = molecule.getBuilder().newAtomContainer();
    ordered.setAtoms(atoms);
    int bondCount = molecule.getBondCount();
    int[] beginIndex = new int[bondCount];
    int[] endIndex = new int[bondCount];
    long[] lower = new long[bondCount];
    long[] higher = new long[bondCount];
    for (int i = 0; i < bondCount; i++) {
      IBond bond = molecule.getBond(i);
      beginIndex[i] = molecule.indexOf(bond.getBegin());
      endIndex[i] = molecule.indexOf(bond.getEnd());
      lower[i] = Math.min(labels[beginIndex[i]], labels[endIndex[i]]);
      higher[i] = Math.max(labels[beginIndex[i]], labels[endIndex[i]]);
    }
    int[] bondOrder = byKey(bondCount, i -> lower[i], i -> higher[i]);
    int[] bondPosition = new int[bondCount];
    for (int k = 0; k < bondCount; k++) {
      int i = bondOrder[k];
      IBond bond = molecule.getBond(i);
      bondPosition[i] = k;
      ordered.addBond(bond.getAtomCount() != 2 ? bond : new BondBetween(bond,
          ordered.getAtom(atomPosition[beginIndex[i]]),
          ordered.getAtom(atomPosition[endIndex[i]])));
    }
    for (IStereoElement<?, ?> element : molecule.stereoElements()) {
      ordered.addStereoElement(CheapCopyAtomContainer.mapped(element, object ->
          object instanceof IAtom atom
              ? ordered.getAtom(atomPosition[molecule.indexOf(atom)])
              : ordered.getBond(bondPosition[molecule.indexOf((IBond) object)])));
    }
    return ordered;
  }

  /**
   * The indices 0 to {@code count - 1} sorted by their keys, the first key first; equal keys keep
   * index order, as a stable sort would.
   */
  private static int[] byKey(int count, IntToLongFunction... keys) {
    // Each key and the index take INDEX_BITS of one long, so one primitive sort does it all.
    if (keys.length > 2) {
      throw new IllegalArgumentException("at most two keys fit beside the index");
    }
    if (count >= 1 << INDEX_BITS) {
      throw new IllegalArgumentException("too many atoms or bonds to order: " + count);
    }
    long[] packed = new long[count];
    for (int i = 0; i < count; i++) {
      long value = 0;
      for (IntToLongFunction key : keys) {
        long k = key.applyAsLong(i);
        if (k < 0 || k >= 1 << INDEX_BITS) {
          throw new IllegalArgumentException("label out of range: " + k);
        }
        value = value << INDEX_BITS | k;
      }
      packed[i] = value << INDEX_BITS | i;
    }
    Arrays.sort(packed);
    int[] order = new int[count];
    for (int k = 0; k < count; k++) {
      order[k] = (int) (packed[k] & ((1 << INDEX_BITS) - 1));
    }
    return order;
  }

  /**
   * A molecule's bond that names atoms of the copy as its ends. The container it is added to
   * finds those ends by reference, takes the molecule's bond out of the wrapping and wraps it
   * itself, so the copy holds exactly what adding the molecule's bond would give it.
   */
  private static final class BondBetween extends BondRef {
    private final IAtom begin;
    private final IAtom end;

    BondBetween(IBond bond, IAtom begin, IAtom end) {
      super(bond);
      this.begin = begin;
      this.end = end;
    }

    @Override
    public IAtom getBegin() {
      return begin;
    }

    @Override
    public IAtom getEnd() {
      return end;
    }
  }

  /** A stereo focus or carrier whose atoms no other atom is equivalent to. */
  private static boolean alone(IChemObject object, IAtomContainer molecule, long[] symmetry,
      Map<Long, Integer> classSizes) {
    if (object instanceof IAtom atom) {
      int index = molecule.indexOf(atom);
      return index >= 0 && classSizes.get(symmetry[index]) == 1;
    }
    if (object instanceof IBond bond) {
      return alone(bond.getBegin(), molecule, symmetry, classSizes)
          && alone(bond.getEnd(), molecule, symmetry, classSizes);
    }
    return false;
  }

  private static boolean mayNeedStereo(IAtomContainer molecule) {
    if (molecule.stereoElements().iterator().hasNext()) {
      return true;
    }
    for (IAtom atom : molecule.atoms()) {
      if (atom.getMassNumber() != null) {
        return true;
      }
    }
    return false;
  }

  /** Tetrahedral '@', double-bond '/' '\', or a mass number right after '['. */
  static boolean hasStereoOrIsotopeMark(String smiles) {
    for (int i = 0; i < smiles.length(); i++) {
      char c = smiles.charAt(i);
      if (c == '@' || c == '/' || c == '\\'
          || (c == '[' && i + 1 < smiles.length() && Character.isDigit(smiles.charAt(i + 1)))) {
        return true;
      }
    }
    return false;
  }
}
