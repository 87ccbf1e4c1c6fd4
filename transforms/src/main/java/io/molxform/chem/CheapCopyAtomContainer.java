package io.molxform.chem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The CDK's container with a cheaper copy of stereo elements. Every product starts as a copy of
 * its parent ({@code Transform} clones the parent once per site), and the CDK's {@code clone}
 * maps each stereo element through a new map of every atom and bond of the molecule: for a sugar
 * with ten stereocentres, a thousand map entries per product, an eighth of the chemistry's time
 * on a 1-million-row run. This copy lets the CDK clone the atoms and bonds without the stereo
 * elements, then maps each element's few atoms and bonds by their positions.
 *
 * <p>The copy holds what the CDK's {@code clone} gives (the test compares both); it is of this
 * class too, so copies of copies stay cheap. Parsed molecules are of this class through
 * {@link #BUILDER}. The copy sets the original's stereo elements aside while the CDK clones it
 * and puts them back after (as equal element objects: the CDK's {@code setStereoElements} makes
 * new ones), so it must not be taken while its stereo elements are being iterated, nor from two
 * threads at once (no CDK container is thread-safe).
 */
final class CheapCopyAtomContainer extends AtomContainer {
  private static final long serialVersionUID = 1L;

  /** The silent builder, except that new containers are of this class. */
  static final IChemObjectBuilder BUILDER = new Builder();

  @Override
  public IAtomContainer clone() throws CloneNotSupportedException {
    List<IStereoElement> elements = new ArrayList<>();
    for (IStereoElement<?, ?> element : stereoElements()) {
      elements.add(element);
    }
    if (elements.isEmpty()) {
      return super.clone();
    }
    IAtomContainer copy;
    setStereoElements(new ArrayList<>());
    try {
      copy = super.clone();
    } finally {
      // Re-adding its own elements gives this container the same element objects back.
      setStereoElements(elements);
    }
    for (IStereoElement<?, ?> element : elements) {
      Map<IChemObject, IChemObject> inCopy = new HashMap<>();
      putCounterpart(element.getFocus(), copy, inCopy);
      for (IChemObject carrier : element.getCarriers()) {
        putCounterpart(carrier, copy, inCopy);
      }
      copy.addStereoElement(element.map(inCopy));
    }
    return copy;
  }

  /** Maps an atom or bond of this container to the one in its place in the copy. */
  private void putCounterpart(IChemObject object, IAtomContainer copy,
      Map<IChemObject, IChemObject> inCopy) {
    if (object instanceof IAtom atom) {
      int index = indexOf(atom);
      if (index >= 0) {
        inCopy.put(atom, copy.getAtom(index));
      }
    } else if (object instanceof IBond bond) {
      int index = indexOf(bond);
      if (index >= 0) {
        inCopy.put(bond, copy.getBond(index));
      }
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
