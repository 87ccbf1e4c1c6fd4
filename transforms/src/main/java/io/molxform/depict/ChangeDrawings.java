package io.molxform.depict;

import io.molxform.chem.ChangedProduct;
import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.ReactionTransformer;
import io.molxform.chem.ProductChanges;
import io.molxform.chem.TransformSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parents and their products as {@link Panel}s, the changed atoms highlighted: the one place
 * that turns a SMILES and a transform into what {@code apply --depict}, {@code inspect --depict}
 * and the run report draw.
 */
public final class ChangeDrawings {
  private final MoleculeParser parser;

  public ChangeDrawings(int maxHeavyAtoms) {
    this.parser = new MoleculeParser(maxHeavyAtoms);
  }

  /**
   * The transform applied to {@code parentSmiles} again; null when the SMILES does not parse, or
   * for a two-component transform, which needs its reagents ({@link #parentReagentsProducts}).
   */
  public ProductChanges explain(TransformSpec spec, String parentSmiles) {
    MoleculeParser.Result parsed = parser.parse(parentSmiles);
    return parsed.ok() && !spec.twoComponent()
        ? new MoleculeTransformer(spec).explain(parsed.molecule()) : null;
  }

  /**
   * A molecule reacted again with its reagents: the molecule (every changed site highlighted),
   * then for each of up to {@code max} products the reagent (its matched atoms highlighted) and
   * the product (the atoms new to the molecule or changed in it highlighted). Empty when the
   * SMILES does not parse or makes no product.
   */
  public List<Panel> parentReagentsProducts(ReactionTransformer reaction, String parentSmiles,
      String parentCaption, int max) {
    MoleculeParser.Result parsed = parser.parse(parentSmiles);
    if (!parsed.ok()) {
      return List.of();
    }
    List<ReactionTransformer.Drawn> drawn = reaction.explain(parsed.molecule(), max);
    if (drawn.isEmpty()) {
      return List.of();
    }
    Set<Integer> changedParent = new TreeSet<>();
    for (ReactionTransformer.Drawn one : drawn) {
      changedParent.addAll(one.product().changedParentAtoms());
    }
    List<Panel> panels = new ArrayList<>();
    panels.add(new Panel(parsed.molecule().structure(), changedParent, parentCaption));
    for (ReactionTransformer.Drawn one : drawn) {
      panels.add(new Panel(one.reagent(), one.reagentSite(), "reagent " + one.reagentId()));
      panels.add(productPanel(one.product()));
    }
    return panels;
  }

  /** The parent (every changed site highlighted), then up to {@code max} of its products. */
  public static List<Panel> parentAndProducts(ProductChanges changes, String parentCaption,
      int max) {
    List<Panel> panels = new ArrayList<>();
    panels.add(new Panel(changes.parent(), changes.changedParentAtoms(), parentCaption));
    for (ChangedProduct product : changes.products().subList(0,
        Math.min(max, changes.products().size()))) {
      panels.add(productPanel(product));
    }
    return panels;
  }

  /**
   * The parent and one product of it, each highlighted for that product; the product drawn
   * plain when the transform, applied again, does not make it (another catalog, another CDK).
   */
  public List<Panel> parentAndProduct(TransformSpec spec, String parentSmiles,
      String productSmiles, String parentCaption) {
    ProductChanges changes = explain(spec, parentSmiles);
    if (changes != null) {
      for (ChangedProduct product : changes.products()) {
        if (product.product().smiles().equals(productSmiles)) {
          return List.of(new Panel(changes.parent(), product.changedParentAtoms(), parentCaption),
              productPanel(product));
        }
      }
    }
    List<Panel> panels = new ArrayList<>();
    plain(parentSmiles, parentCaption).ifPresent(panels::add);
    plain(productSmiles, productSmiles + " (not remade: drawn without highlight)")
        .ifPresent(panels::add);
    return panels;
  }

  private static Panel productPanel(ChangedProduct product) {
    int sites = product.product().sites();
    return new Panel(product.molecule(), product.changedAtoms(),
        product.product().smiles() + (sites > 1 ? "  (" + sites + " sites)" : ""));
  }

  private Optional<Panel> plain(String smiles, String caption) {
    MoleculeParser.Result parsed = parser.parse(smiles);
    return parsed.ok()
        ? Optional.of(new Panel(parsed.molecule().structure(), Set.of(), caption))
        : Optional.empty();
  }
}
