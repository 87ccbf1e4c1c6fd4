package io.molxform.chem;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.graph.invariant.Canon;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IChemObject;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.smarts.SmartsPattern;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import uk.ac.ebi.beam.Functions;
import uk.ac.ebi.beam.Graph;
import uk.ac.ebi.beam.SmilesWriter;

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
 * <p>The fast path writes the CDK's Beam graph of the molecule ({@link BeamGraphs}) permuted into
 * label order, copies the CDK canonical writer's normalization of double-bond marks, and
 * relies on {@code Canon.label} ordering atoms as that writer does. {@code CanonicalSmilesTest}
 * pins all three and must pass again on every CDK upgrade.
 *
 * <p>Not thread-safe: one instance per thread.
 */
final class CanonicalSmiles {
  /** Bits of a count or the charge in {@link #comparatorKeys}; a sum of two counts takes 13. */
  private static final int FIELD = 12;
  private static final int FIELD_MAX = (1 << FIELD) - 1;

  private final SmilesGenerator plain = new SmilesGenerator(BeamGraphs.PLAIN);
  private final SmilesGenerator absolute =
      new SmilesGenerator(SmiFlavor.Absolute | SmiFlavor.UseAromaticSymbols);

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
   * refinement ({@link CdkInternals#canon}). Stereo marks do not enter either, so cleaning the marks
   * leaves both as they are.
   */
  private record Symmetry(long[] classes, long[] labels) {
    static Symmetry of(IAtomContainer molecule) {
      CdkInternals.CanonResult refined =
          CdkInternals.canon(molecule, GraphUtil.toAdjList(molecule));
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
    return plainCanonical(molecule, rank);
  }

  /**
   * What the CDK's plain canonical writer writes ({@code SmilesGenerator.create} with {@link
   * BeamGraphs#PLAIN}), by the writer's own steps: {@code Canon.label} seeded with the partition
   * of the atoms that the writer's atom comparator ({@code SmilesGenerator.createComparator})
   * makes, the Beam graph permuted into label order and written. The writer finds that partition
   * by sorting the atoms with the comparator, which lists both atoms' bonds on every comparison
   * (about 5 % of a two-component product's chemistry in a profile); here each atom's comparison
   * fields are packed into one number, in the comparator's order, once. Falls back to the writer
   * where a field does not fit.
   */
  String plainCanonical(IAtomContainer molecule, int[] rank) throws CDKException {
    int atoms = molecule.getAtomCount();
    long[] keys = atoms == 0 ? null : comparatorKeys(molecule);
    if (keys == null) {
      return rank == null ? plain.create(molecule) : plain.create(molecule, rank);
    }
    long[] labels = Canon.label(molecule, GraphUtil.toAdjList(molecule), partition(keys));
    int[] permutation = new int[atoms];
    for (int i = 0; i < atoms; i++) {
      permutation[i] = (int) labels[i] - 1;
    }
    int[] written = new int[atoms];
    String smiles;
    try {
      smiles = SmilesWriter.toSmiles(
          BeamGraphs.of(molecule, BeamGraphs.PLAIN).permute(permutation), written);
    } catch (IOException e) {
      throw new CDKException(e.getMessage(), e);
    }
    if (rank != null) {
      for (int i = 0; i < atoms; i++) {
        rank[i] = written[permutation[i]];
      }
    }
    return smiles;
  }

  /**
   * Per atom, the fields {@code SmilesGenerator.createComparator} compares for the plain flavour,
   * most significant first: connectivity (bonds plus implicit hydrogens), bonds, atomic number,
   * whether the charge is negative, the charge's magnitude, total hydrogens (implicit plus
   * hydrogen neighbours); null values count as 0, as there. Null when a field is out of range, an
   * atomic number is unset (where the comparator itself would fail) or the container does not
   * keep its atoms' bonds, for the writer to decide.
   */
  static long[] comparatorKeys(IAtomContainer molecule) {
    long[] keys = new long[molecule.getAtomCount()];
    for (int i = 0; i < keys.length; i++) {
      IAtom atom = molecule.getAtom(i);
      if (atom.getContainer() != molecule) {
        // Only a container's own atom references list their bonds (IAtom.bonds()).
        return null;
      }
      Integer element = atom.getAtomicNumber();
      Integer implicit = atom.getImplicitHydrogenCount();
      Integer charge = atom.getFormalCharge();
      int hydrogens = implicit == null ? 0 : implicit;
      int q = charge == null ? 0 : charge;
      int bonds = 0;
      int totalHydrogens = hydrogens;
      for (IBond bond : atom.bonds()) {
        bonds++;
        Integer other = bond.getOther(atom).getAtomicNumber();
        if (other == null) {
          return null;
        }
        if (other == 1) {
          totalHydrogens++;
        }
      }
      if (element == null || element < 0 || element > 255 || hydrogens < 0 || bonds > FIELD_MAX
          || hydrogens > FIELD_MAX || Math.abs(q) > FIELD_MAX || q == Integer.MIN_VALUE) {
        return null;
      }
      long key = bonds + hydrogens;
      key = (key << FIELD) | bonds;
      key = (key << 8) | element;
      key = (key << 1) | (q < 0 ? 1 : 0);
      key = (key << FIELD) | Math.abs(q);
      key = (key << (FIELD + 1)) | totalHydrogens;
      keys[i] = key;
    }
    return keys;
  }

  /** Each key's rank among the distinct keys, from 1: how {@code Canon.label} numbers parts. */
  static long[] partition(long[] keys) {
    long[] distinct = keys.clone();
    Arrays.sort(distinct);
    int count = 0;
    for (int i = 0; i < distinct.length; i++) {
      if (i == 0 || distinct[i] != distinct[i - 1]) {
        distinct[count++] = distinct[i];
      }
    }
    long[] parts = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      parts[i] = Arrays.binarySearch(distinct, 0, count, keys[i]) + 1;
    }
    return parts;
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
    for (IStereoElement<?, ?> element : molecule.stereoElements()) {
      if (!alone(element.getFocus(), molecule, symmetry, classSizes)) {
        return null;
      }
      for (IChemObject carrier : element.getCarriers()) {
        if (!alone(carrier, molecule, symmetry, classSizes)) {
          return null;
        }
      }
    }
    return inLabelOrder(molecule, classes.labels(), rank);
  }

  /**
   * Writes the molecule's Beam graph permuted into label order, normalizing double-bond marks as
   * the CDK's canonical writer does. The permuted graph lists each atom's neighbours in label
   * order, so it is the graph the isomeric writer makes of a copy of the molecule in label order
   * (atoms by label, bonds by their ends' labels), except for which bonds carry the double-bond
   * marks: the graph builder picks those in the order it meets them, and the marks can be
   * written C/C=C/C or C\C=C\C for one molecule. Both are settled by writing the string again
   * ({@link #withDoubleBondMarksNormalized}).
   */
  static String inLabelOrder(IAtomContainer molecule, long[] labels, int[] rank)
      throws CDKException {
    int[] permutation = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      permutation[i] = (int) labels[i] - 1;
    }
    Graph beam = BeamGraphs.of(molecule, BeamGraphs.ISOMERIC).permute(permutation);
    int[] written = new int[labels.length];
    String smiles;
    try {
      smiles = withDoubleBondMarksNormalized(SmilesWriter.of(beam, written), written);
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
   * The string {@code writer} wrote, again with its double-bond marks placed as the CDK's canonical
   * writer places them: read back, sorted and normalized, so that the marks depend on the molecule
   * alone, not on which bonds carried them. {@code written} (each atom's position in the string)
   * is updated to the new string. A string without double-bond marks is returned as it is.
   */
  static String withDoubleBondMarksNormalized(SmilesWriter writer, int[] written)
      throws IOException {
    String smiles = writer.smiles();
    if (smiles.indexOf('/') < 0 && smiles.indexOf('\\') < 0) {
      return smiles;
    }
    Graph read = writer.readBack();
    read.sort(new Graph.VisitHighOrderFirst());
    read = Functions.normaliseDirectionalLabels(read);
    read.sort(new Graph.VisitHighOrderFirst()).sort(new Graph.VisitHydrogenFirst());
    int[] rewritten = new int[read.order()];
    String normalized = SmilesWriter.toSmiles(read, rewritten);
    for (int k = 0; k < written.length; k++) {
      written[k] = rewritten[written[k]];
    }
    return normalized;
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
