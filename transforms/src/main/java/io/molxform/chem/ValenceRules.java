package io.molxform.chem;

import java.util.HashMap;
import java.util.Map;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;

/**
 * Allowed valences of the elements of organic chemistry, in the spirit of RDKit's sanitization: a
 * charged atom has the valences of its isoelectronic neutral element (N+ like C, O- like F, S+ like
 * P). Elements outside the table (metals) are not checked.
 */
final class ValenceRules {
  private static final int MAX_ABS_CHARGE = 3;
  private static final Map<Integer, int[]> ALLOWED = new HashMap<>();

  static {
    ALLOWED.put(1, new int[] {1}); // H
    ALLOWED.put(2, new int[] {0}); // He
    ALLOWED.put(5, new int[] {3}); // B
    ALLOWED.put(6, new int[] {4}); // C
    ALLOWED.put(7, new int[] {3}); // N
    ALLOWED.put(8, new int[] {2}); // O
    ALLOWED.put(9, new int[] {1}); // F
    ALLOWED.put(10, new int[] {0}); // Ne
    ALLOWED.put(14, new int[] {4}); // Si
    ALLOWED.put(15, new int[] {3, 5}); // P
    ALLOWED.put(16, new int[] {2, 4, 6}); // S
    ALLOWED.put(17, new int[] {1}); // Cl
    ALLOWED.put(18, new int[] {0}); // Ar
    ALLOWED.put(32, new int[] {4}); // Ge
    ALLOWED.put(33, new int[] {3, 5}); // As
    ALLOWED.put(34, new int[] {2, 4, 6}); // Se
    ALLOWED.put(35, new int[] {1}); // Br
    ALLOWED.put(36, new int[] {0}); // Kr
    ALLOWED.put(52, new int[] {2, 4, 6}); // Te
    ALLOWED.put(53, new int[] {1, 3, 5}); // I
    ALLOWED.put(54, new int[] {0}); // Xe
  }

  private ValenceRules() {}

  /** Bond orders plus hydrogens; -1 when a bond has no order (aromatic without a Kekulé form). */
  static int valence(IAtomContainer molecule, IAtom atom) {
    int valence = atom.getImplicitHydrogenCount() == null ? 0 : atom.getImplicitHydrogenCount();
    for (IBond bond : molecule.getConnectedBondsList(atom)) {
      if (bond.getOrder() == null || bond.getOrder() == IBond.Order.UNSET) {
        return -1;
      }
      valence += bond.getOrder().numeric();
    }
    return valence;
  }

  /**
   * Why the atom's valence is not allowed, or null when it is. With {@code strict} false, only a
   * valence above the element's largest is an error (a lower one is a radical, which input may
   * have); with {@code strict} true the valence must be one of the allowed values.
   */
  static String problem(IAtomContainer molecule, IAtom atom, boolean strict) {
    int charge = atom.getFormalCharge() == null ? 0 : atom.getFormalCharge();
    if (Math.abs(charge) > MAX_ABS_CHARGE) {
      return "atom " + describe(molecule, atom) + " has charge " + charge;
    }
    int valence = valence(molecule, atom);
    if (valence < 0) {
      return "atom " + describe(molecule, atom) + " has a bond without an order";
    }
    int[] allowed = ALLOWED.get(atom.getAtomicNumber() - charge);
    if (allowed == null) {
      return null;
    }
    for (int a : allowed) {
      if (valence == a) {
        return null;
      }
    }
    if (!strict && valence < allowed[allowed.length - 1]) {
      return null;
    }
    return "atom " + describe(molecule, atom) + " has valence " + valence + ", allowed "
        + java.util.Arrays.toString(allowed);
  }

  private static String describe(IAtomContainer molecule, IAtom atom) {
    int charge = atom.getFormalCharge() == null ? 0 : atom.getFormalCharge();
    String sign = charge == 0 ? "" : charge > 0 ? "+" + (charge > 1 ? charge : "") : "-" + (charge < -1 ? -charge : "");
    return "#" + (molecule.indexOf(atom) + 1) + " " + atom.getSymbol() + sign;
  }
}
