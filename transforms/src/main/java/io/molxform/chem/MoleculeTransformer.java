package io.molxform.chem;

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

  public TransformOutcome apply(ParsedMolecule parent) {
    try {
      return new SiteEnumeration(spec, transform, canonical, fragments, parent).run();
    } catch (RuntimeException e) {
      return TransformOutcome.rejected(new Rejection(ReasonCode.TRANSFORM_ERROR,
          spec.name() + ": " + e.getClass().getSimpleName() + ": "
              + Messages.firstLine(e.getMessage()), parent.canonicalSmiles()));
    }
  }
}
