package io.molxform.chem;

import java.io.Serializable;
import java.util.Locale;

/**
 * One catalog entry: a named SMIRKS and how to enumerate its sites. Immutable and serializable,
 * so pipelines can carry it to workers, where {@link MoleculeTransformer} compiles it once.
 *
 * @param name catalog name, by convention {@code FG_<GROUP>__<FROM>__TO__<TO>}
 * @param description what the transform does, for people
 * @param smirks one reactant (or a molecule's and a reagent's template), one product, atom-mapped
 * @param sites how sites become products
 * @param maxSites the most sites changed in one product (1 for {@link SiteMode#SINGLE})
 * @param maxProductsPerMolecule hard cap on distinct products per parent; more is truncation
 * @param keepFragment which fragment of a product that falls apart is kept
 * @param keepMapIndex the reactant atom map index that {@link KeepFragment#MAPPED} follows (0
 *     otherwise)
 * @param reagents for a two-component entry ({@code MOLECULE.REAGENT>>PRODUCT}), the reagent
 *     list the catalog names for it (a path as written, relative to the catalog); null when
 *     none is named, and always null for a one-molecule entry
 */
public record TransformSpec(
    String name,
    String description,
    String smirks,
    SiteMode sites,
    int maxSites,
    int maxProductsPerMolecule,
    KeepFragment keepFragment,
    int keepMapIndex,
    String reagents)
    implements Serializable {

  /** An entry with no reagent list of its own. */
  public TransformSpec(String name, String description, String smirks, SiteMode sites,
      int maxSites, int maxProductsPerMolecule, KeepFragment keepFragment, int keepMapIndex) {
    this(name, description, smirks, sites, maxSites, maxProductsPerMolecule, keepFragment,
        keepMapIndex, null);
  }

  /** An entry that keeps the largest fragment. */
  public TransformSpec(String name, String description, String smirks, SiteMode sites,
      int maxSites, int maxProductsPerMolecule) {
    this(name, description, smirks, sites, maxSites, maxProductsPerMolecule,
        KeepFragment.LARGEST, 0);
  }

  /** The same entry with another site mode and site limit. */
  public TransformSpec withSites(SiteMode mode, int limit) {
    return new TransformSpec(name, description, smirks, mode, limit, maxProductsPerMolecule,
        keepFragment, keepMapIndex, reagents);
  }

  /** The same entry reading its reagents from {@code list}. */
  public TransformSpec withReagents(String list) {
    return new TransformSpec(name, description, smirks, sites, maxSites, maxProductsPerMolecule,
        keepFragment, keepMapIndex, list);
  }

  /**
   * Whether the SMIRKS has two reactant templates, the library molecule's and a reagent's (a
   * building block), rather than one.
   */
  public boolean twoComponent() {
    return Reactants.split(smirks).length == 2;
  }

  /** The fragment rule as a catalog writes it. */
  public String keepFragmentSpelling() {
    return keepFragment == KeepFragment.MAPPED
        ? "mapped:" + keepMapIndex
        : keepFragment.name().toLowerCase(Locale.ROOT);
  }
}
