package io.molxform.chem;

import java.util.AbstractMap;
import java.util.Set;
import org.openscience.cdk.AtomRef;
import org.openscience.cdk.BondRef;
import org.openscience.cdk.CDKConstants;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IChemObject;
import org.openscience.cdk.interfaces.IChemObjectBuilder;
import org.openscience.cdk.interfaces.ICDKObject;
import org.openscience.cdk.interfaces.IReaction;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.silent.AtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;

/**
 * The CDK's container with a cheaper copy. Every product starts as a copy of its parent
 * ({@code Transform} clones the parent once per site), and the CDK's {@code clone} finds each
 * copied atom and bond through hash maps of the whole molecule, clones both atoms of every bond
 * only to replace them with the copy's own, and maps each stereo element through those maps: on
 * a 1-million-row run a third of the chemistry's time went to copies of parents. This copy puts
 * the copied atoms in the original's places and finds them by position: each atom is cloned
 * once, each bond without its atoms, and each stereo element is mapped through its own few atoms
 * and bonds.
 *
 * <p>The copy holds what the CDK's {@code clone} gives, field by field (the test compares both
 * by reflection); it is of this class too, so copies of copies stay cheap. Parsed molecules are
 * of this class through {@link #BUILDER}. Molecules with lone pairs, single electrons or
 * S-groups, which the chemistry does not make, are copied by the CDK's own clone. While a bond
 * is copied, the original bond's own atom list is set aside and put back, so a copy must not be
 * taken while the molecule's bonds are being read, nor from two threads at once (no CDK
 * container is thread-safe).
 */
final class CheapCopyAtomContainer extends AtomContainer {
  private static final long serialVersionUID = 1L;
  private static final IAtom[] NO_ATOMS = new IAtom[0];

  /** The silent builder, except that new containers are of this class. */
  static final IChemObjectBuilder BUILDER = new Builder();

  @Override
  public IAtomContainer clone() throws CloneNotSupportedException {
    if (!copiesCheaply()) {
      return super.clone();
    }
    CheapCopyAtomContainer copy = emptyCopy();
    IAtom[] atoms = new IAtom[getAtomCount()];
    cloneAtomsInto(atoms, 0);
    copy.setAtoms(atoms);
    IBond[] bonds = new IBond[getBondCount()];
    cloneBondsInto(bonds, 0, copy, 0);
    copy.setBonds(bonds);
    mapStereoInto(copy, 0, 0);
    return copy;
  }

  /**
   * A copy of {@code first} with a copy of {@code second} after it: what {@code first.clone()}
   * then {@code add(second.clone())} give, atom for atom and bond for bond, in one pass. A
   * two-component product starts as its molecule joined to its reagent; the two steps wrapped
   * every atom and bond of the reagent twice and looked each one up in the joined molecule.
   * Like {@code add}, leaves every atom and bond marked {@link IChemObject#VISITED}.
   */
  static IAtomContainer joined(IAtomContainer first, IAtomContainer second)
      throws CloneNotSupportedException {
    if (!(first instanceof CheapCopyAtomContainer a && a.copiesCheaply()
        && second instanceof CheapCopyAtomContainer b && b.copiesCheaply())) {
      IAtomContainer joined = first.clone();
      joined.add(second.clone());
      return joined;
    }
    CheapCopyAtomContainer copy = a.emptyCopy();
    int firstAtoms = a.getAtomCount();
    int firstBonds = a.getBondCount();
    IAtom[] atoms = new IAtom[firstAtoms + b.getAtomCount()];
    a.cloneAtomsInto(atoms, 0);
    b.cloneAtomsInto(atoms, firstAtoms);
    copy.setAtoms(atoms);
    IBond[] bonds = new IBond[firstBonds + b.getBondCount()];
    a.cloneBondsInto(bonds, 0, copy, 0);
    b.cloneBondsInto(bonds, firstBonds, copy, firstAtoms);
    copy.setBonds(bonds);
    a.mapStereoInto(copy, 0, 0);
    b.mapStereoInto(copy, firstAtoms, firstBonds);
    for (IAtom atom : copy.atoms()) {
      atom.setFlag(IChemObject.VISITED, true);
    }
    for (IBond bond : copy.bonds()) {
      bond.setFlag(IChemObject.VISITED, true);
    }
    return copy;
  }

  /** Whether this copy can be made here rather than by the CDK's own clone. */
  private boolean copiesCheaply() {
    return getLonePairCount() == 0 && getSingleElectronCount() == 0
        && getProperty(CDKConstants.CTAB_SGROUPS) == null;
  }

  /** A container with this one's own fields and no atoms or bonds yet. */
  private CheapCopyAtomContainer emptyCopy() {
    CheapCopyAtomContainer copy = new CheapCopyAtomContainer();
    copy.setID(getID());
    copy.set(flags());
    copy.setNotification(getNotification());
    if (!getProperties().isEmpty()) {
      copy.addProperties(getProperties());
    }
    return copy;
  }

  /** Clones of this one's atoms, in order, from {@code atoms[from]} on. */
  private void cloneAtomsInto(IAtom[] atoms, int from) throws CloneNotSupportedException {
    for (int i = 0; i < getAtomCount(); i++) {
      atoms[from + i] = AtomRef.deref(getAtom(i)).clone();
    }
  }

  /**
   * Clones of this one's bonds, in order, from {@code bonds[from]} on, between the atoms of
   * {@code copy} that this one's atoms were copied to ({@code atomOffset} on).
   */
  private void cloneBondsInto(IBond[] bonds, int from, IAtomContainer copy, int atomOffset)
      throws CloneNotSupportedException {
    for (int i = 0; i < getBondCount(); i++) {
      IBond bond = getBond(i);
      IAtom[] ends = new IAtom[bond.getAtomCount()];
      for (int j = 0; j < ends.length; j++) {
        IAtom end = bond.getAtom(j);
        ends[j] = end == null ? null : copy.getAtom(atomOffset + end.getIndex());
      }
      IBond copied = withoutItsAtoms(BondRef.deref(bond));
      copied.setAtoms(ends);
      bonds[from + i] = copied;
    }
  }

  /**
   * This one's stereo elements, added to {@code copy} with its atoms and bonds there: each
   * element's focus and carriers replaced by their counterparts in the copy (kept where one is
   * not of this container) through the CDK's own {@code map}, which asks its map for the focus
   * and each carrier; {@link Counterparts} finds each by its position rather than through a hash
   * map built for every element of every copy.
   */
  private void mapStereoInto(IAtomContainer copy, int atomOffset, int bondOffset) {
    Counterparts counterparts = new Counterparts(this, copy, atomOffset, bondOffset);
    for (IStereoElement<?, ?> element : stereoElements()) {
      copy.addStereoElement(element.map(counterparts));
    }
  }

  /**
   * The CDK's clone of the bond, without the clones of its atoms that it would make and the
   * caller would throw away.
   */
  private static IBond withoutItsAtoms(IBond bond) throws CloneNotSupportedException {
    IAtom[] atoms = new IAtom[bond.getAtomCount()];
    for (int j = 0; j < atoms.length; j++) {
      atoms[j] = bond.getAtom(j);
    }
    bond.setAtoms(NO_ATOMS);
    try {
      return bond.clone();
    } finally {
      bond.setAtoms(atoms);
    }
  }

  /**
   * The atom or bond in an original's place in the copy (offset by where the original's atoms and
   * bonds begin there); null for one not of the original. Only {@link #get} answers: the CDK's
   * stereo elements ask nothing else of the map they are given, and anything else fails loudly.
   */
  private static final class Counterparts extends AbstractMap<IChemObject, IChemObject> {
    private final IAtomContainer original;
    private final IAtomContainer copy;
    private final int atomOffset;
    private final int bondOffset;

    Counterparts(IAtomContainer original, IAtomContainer copy, int atomOffset, int bondOffset) {
      this.original = original;
      this.copy = copy;
      this.atomOffset = atomOffset;
      this.bondOffset = bondOffset;
    }

    @Override
    public IChemObject get(Object object) {
      if (object instanceof IAtom atom) {
        int index = original.indexOf(atom);
        return index < 0 ? null : copy.getAtom(atomOffset + index);
      }
      if (object instanceof IBond bond) {
        int index = original.indexOf(bond);
        return index < 0 ? null : copy.getBond(bondOffset + index);
      }
      return null;
    }

    @Override
    public Set<Entry<IChemObject, IChemObject>> entrySet() {
      throw new UnsupportedOperationException("a stereo element's map is only looked up");
    }
  }

  private static final class Builder implements IChemObjectBuilder {
    private static final IChemObjectBuilder SILENT = SilentChemObjectBuilder.getInstance();

    @Override
    public <T extends ICDKObject> T newInstance(Class<T> type, Object... parameters) {
      return SILENT.newInstance(type, parameters);
    }

    @Override
    public IAtom newAtom() {
      return SILENT.newAtom();
    }

    @Override
    public IBond newBond() {
      return SILENT.newBond();
    }

    @Override
    public IAtomContainer newAtomContainer() {
      return new CheapCopyAtomContainer();
    }

    @Override
    public IReaction newReaction() {
      return SILENT.newReaction();
    }
  }
}
