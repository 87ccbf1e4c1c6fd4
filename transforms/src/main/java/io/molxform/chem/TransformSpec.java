package io.molxform.chem;

import java.io.Serializable;
import java.util.Locale;

/**
 * One catalog entry: a named SMIRKS and how to enumerate its sites. Immutable and serializable,
 * so pipelines can carry it to workers, where {@link MoleculeTransformer} compiles it once.
 *
 * @param name catalog name, by convention {@code FG_<GROUP>__<FROM>__TO__<TO>}
 * @param description what the transform does, for people
 * @param smirks one reactant, one product, atom-mapped
 * @param sites how sites become products
 * @param maxSites the most sites changed in one product (1 for {@link SiteMode#SINGLE})
 * @param maxProductsPerMolecule hard cap on distinct products per parent; more is truncation
 * @param keepFragment which fragment of a product that falls apart is kept
 * @param keepMapIndex the reactant atom map index that {@link KeepFragment#MAPPED} follows (0
 *     otherwise)
 */
public record TransformSpec(
    String name,
    String description,
    String smirks,
    SiteMode sites,
    int maxSites,
    int maxProductsPerMolecule,
    KeepFragment keepFragment,
    int keepMapIndex)
    implements Serializable {

  /** An entry that keeps the largest fragment. */
  public TransformSpec(String name, String description, String smirks, SiteMode sites,
      int maxSites, int maxProductsPerMolecule) {
    this(name, description, smirks, sites, maxSites, maxProductsPerMolecule,
        KeepFragment.LARGEST, 0);
  }

  /** The same entry with another site mode and site limit. */
  public TransformSpec withSites(SiteMode mode, int limit) {
    return new TransformSpec(name, description, smirks, mode, limit, maxProductsPerMolecule,
        keepFragment, keepMapIndex);
  }

  /** The fragment rule as a catalog writes it. */
  public String keepFragmentSpelling() {
    return keepFragment == KeepFragment.MAPPED
        ? "mapped:" + keepMapIndex
        : keepFragment.name().toLowerCase(Locale.ROOT);
  }
}
