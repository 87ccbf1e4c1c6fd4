package io.molxform.chem;

import org.openscience.cdk.exception.InvalidSmilesException;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.smarts.SmartsPattern;
import org.openscience.cdk.smiles.SmilesParser;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/**
 * Reads input SMILES into {@link ParsedMolecule}s, or says why not with a typed {@link Rejection}.
 * Never throws for bad input.
 *
 * <p>Not thread-safe: one instance per thread (in a pipeline, per {@code DoFn} instance).
 */
public final class MoleculeParser {
  /** A default that admits large natural products (glycosides, tannins) and stops polymers. */
  public static final int DEFAULT_MAX_HEAVY_ATOMS = 150;

  private final SmilesParser smilesParser = new SmilesParser(CheapCopyAtomContainer.BUILDER);
  private final CanonicalSmiles canonical = new CanonicalSmiles();
  private final int maxHeavyAtoms;

  public MoleculeParser(int maxHeavyAtoms) {
    if (maxHeavyAtoms < 1) {
      throw new IllegalArgumentException("maxHeavyAtoms must be at least 1, got " + maxHeavyAtoms);
    }
    this.maxHeavyAtoms = maxHeavyAtoms;
  }

  /** The outcome of parsing: exactly one of {@code molecule} and {@code rejection} is set. */
  public record Result(ParsedMolecule molecule, Rejection rejection) {
    public boolean ok() {
      return molecule != null;
    }
  }

  public Result parse(String smiles) {
    if (smiles == null) {
      return reject(ReasonCode.MISSING_SMILES, "SMILES is null", null);
    }
    String text = smiles.strip();
    if (text.isEmpty()) {
      return reject(ReasonCode.EMPTY_SMILES, "SMILES is empty", smiles);
    }
    IAtomContainer molecule;
    try {
      molecule = smilesParser.parseSmiles(text);
    } catch (InvalidSmilesException e) {
      return reject(ReasonCode.INVALID_SMILES, Messages.firstLine(e.getMessage()), smiles);
    }
    if (molecule.isEmpty()) {
      return reject(ReasonCode.EMPTY_SMILES, "SMILES has no atoms", smiles);
    }
    if (hasHydrogenAtoms(molecule)) {
      molecule = AtomContainerManipulator.suppressHydrogens(molecule);
    }
    int heavyAtoms = AtomCounts.heavyAtoms(molecule);
    if (heavyAtoms > maxHeavyAtoms) {
      return reject(ReasonCode.TOO_LARGE,
          heavyAtoms + " heavy atoms, more than the limit of " + maxHeavyAtoms, smiles);
    }
    for (IAtom atom : molecule.atoms()) {
      String problem = ValenceRules.problem(molecule, atom, false);
      if (problem != null) {
        return reject(ReasonCode.INVALID_VALENCE, problem, smiles);
      }
    }
    for (int i = 0; i < molecule.getAtomCount(); i++) {
      ParentTags.set(molecule.getAtom(i), i + 1);
    }
    try {
      SmartsPattern.prepare(molecule);
    } catch (RuntimeException e) {
      return reject(ReasonCode.INVALID_SMILES, "rings or aromaticity cannot be perceived: "
          + Messages.firstLine(e.getMessage()), smiles);
    }
    // Before any transform: a meaningless mark on a parent would become a real one on a product
    // that breaks the symmetry. After aromaticity, so that symmetric rings match whatever their
    // Kekulé form.
    StereoMarks.clean(molecule);
    return new Result(new ParsedMolecule(molecule, text, canonical), null);
  }

  private static boolean hasHydrogenAtoms(IAtomContainer molecule) {
    for (IAtom atom : molecule.atoms()) {
      if (atom.getAtomicNumber() == 1) {
        return true;
      }
    }
    return false;
  }

  private static Result reject(ReasonCode code, String message, String subject) {
    return new Result(null, new Rejection(code, message, subject));
  }
}
