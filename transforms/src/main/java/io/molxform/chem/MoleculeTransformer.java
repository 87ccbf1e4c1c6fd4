package io.molxform.chem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Applies one catalog transform to parsed molecules and enumerates the products its site mode
 * asks for ({@link SiteEnumeration}), each kept by the fragment rule ({@link FragmentRule}),
 * checked and written as canonical isomeric SMILES.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class MoleculeTransformer {
  private final TransformSpec spec;
  private final CompiledTransform transform;
  private final CanonicalSmiles canonical = new CanonicalSmiles();
  private final FragmentRule fragments;

  public MoleculeTransformer(TransformSpec spec) {
    this.spec = spec;
    this.transform = new CompiledTransform(spec);
    this.fragments = new FragmentRule(spec.keepFragment(), canonical);
  }

  public TransformSpec spec() {
    return spec;
  }

  /**
   * The same outcome as {@link #apply}, with each product's structure and the atoms the
   * transform changed, for drawing. Slower than {@code apply}: not for the run's hot path.
   */
  public ProductChanges explain(ParsedMolecule parent) {
    SiteEnumeration enumeration =
        new SiteEnumeration(spec, transform, canonical, fragments, parent).keepStructures();
    TransformOutcome outcome;
    try {
      outcome = enumeration.run();
    } catch (RuntimeException e) {
      return new ProductChanges(failed(parent, e), parent.structure(), Set.of(), List.of());
    }
    IAtomContainer parentAtoms = parent.molecule();
    List<ChangedProduct> products = new ArrayList<>();
    Set<Integer> changedParent = new TreeSet<>();
    for (Product product : outcome.products()) {
      ChangedProduct changed = AtomChanges.of(product, enumeration.structure(product.smiles()),
          parentAtoms);
      products.add(changed);
      changedParent.addAll(changed.changedParentAtoms());
    }
    return new ProductChanges(outcome, parent.structure(), changedParent, products);
  }

  public TransformOutcome apply(ParsedMolecule parent) {
    try {
      return new SiteEnumeration(spec, transform, canonical, fragments, parent).run();
    } catch (RuntimeException e) {
      return failed(parent, e);
    }
  }

  private TransformOutcome failed(ParsedMolecule parent, RuntimeException e) {
    return TransformOutcome.rejected(new Rejection(ReasonCode.TRANSFORM_ERROR,
        spec.name() + ": " + e.getClass().getSimpleName() + ": "
            + Messages.firstLine(e.getMessage()), parent.canonicalSmiles()));
  }
}
