package io.molxform.chem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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
      // The CDK re-adds them as equal new element objects.
      setStereoElements(elements);
    }
    for (IStereoElement<?, ?> element : elements) {
      copy.addStereoElement(mapped(element, object -> counterpart(object, copy)));
    }
    return copy;
  }

  /** The atom or bond in this one's place in the copy; null for one not of this container. */
  private IChemObject counterpart(IChemObject object, IAtomContainer copy) {
    if (object instanceof IAtom atom) {
      int index = indexOf(atom);
      return index < 0 ? null : copy.getAtom(index);
    }
    int index = indexOf((IBond) object);
    return index < 0 ? null : copy.getBond(index);
  }

  /**
   * The element with its focus and carriers replaced by their {@code counterpart}s (kept where
   * that is null), for a container that knows where each of them is: the CDK's own mapping takes
   * a map of every atom and bond of the molecule.
   */
  static IStereoElement<?, ?> mapped(IStereoElement<?, ?> element,
      UnaryOperator<IChemObject> counterpart) {
    Map<IChemObject, IChemObject> map = new HashMap<>();
    putIfFound(element.getFocus(), counterpart, map);
    for (IChemObject carrier : element.getCarriers()) {
      putIfFound(carrier, counterpart, map);
    }
    return element.map(map);
  }

  private static void putIfFound(IChemObject object, UnaryOperator<IChemObject> counterpart,
      Map<IChemObject, IChemObject> map) {
    IChemObject found = counterpart.apply(object);
    if (found != null) {
      map.put(object, found);
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
