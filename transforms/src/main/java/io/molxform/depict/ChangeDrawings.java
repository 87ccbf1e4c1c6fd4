package io.molxform.depict;

import io.molxform.chem.ChangedProduct;
import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.ProductChanges;
import io.molxform.chem.TransformSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

  /** The transform applied to {@code parentSmiles} again; null when the SMILES does not parse. */
  public ProductChanges explain(TransformSpec spec, String parentSmiles) {
    MoleculeParser.Result parsed = parser.parse(parentSmiles);
    return parsed.ok() ? new MoleculeTransformer(spec).explain(parsed.molecule()) : null;
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
