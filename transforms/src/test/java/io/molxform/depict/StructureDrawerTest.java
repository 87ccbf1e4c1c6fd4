package io.molxform.depict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.chem.ChangedProduct;
import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.ProductChanges;
import io.molxform.chem.TransformCatalog;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StructureDrawerTest {
  private static ProductChanges methylated(String smiles) {
    return new MoleculeTransformer(TransformCatalog.builtIn().get("FG_PHENOL_OH__OH__TO__OMe"))
        .explain(new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS).parse(smiles)
            .molecule());
  }

  @Test
  void svgHighlightsOnlyTheChangedAtoms() throws Exception {
    ChangedProduct product = methylated("Cc1ccc(O)cc1").products().get(0);
    String svg = new StructureDrawer("t").svg(new Panel(product.molecule(),
        product.changedAtoms(), "product"), 200, 150);
    assertTrue(svg.startsWith("<svg"), svg.substring(0, 40));
    assertTrue(svg.contains(StructureDrawer.HIGHLIGHT_SVG), "highlight colour drawn");

    String plain = new StructureDrawer("t").svg(new Panel(product.molecule(), Set.of(),
        "product"), 200, 150);
    assertFalse(plain.contains(StructureDrawer.HIGHLIGHT_SVG), "nothing highlighted");
  }

  @Test
  void drawingsOfOneDrawerHaveIdsOfTheirOwn() throws Exception {
    ProductChanges changes = methylated("Oc1ccc(O)c(C)c1");
    StructureDrawer drawer = new StructureDrawer("page");
    Set<String> ids = new HashSet<>();
    int count = 0;
    for (ChangedProduct product : changes.products()) {
      String svg = drawer.svg(new Panel(product.molecule(), product.changedAtoms(), null), 120,
          90);
      Matcher m = Pattern.compile("id=['\"]([^'\"]+)['\"]").matcher(svg);
      while (m.find()) {
        assertTrue(ids.add(m.group(1)), "id used twice: " + m.group(1));
        count++;
      }
    }
    assertTrue(count > 0);
  }

  @Test
  void writesAGridAsPng(@TempDir Path dir) throws Exception {
    ProductChanges changes = methylated("Oc1ccc(O)c(C)c1");
    List<Panel> panels = new ArrayList<>();
    panels.add(new Panel(changes.parent(), changes.changedParentAtoms(), "parent"));
    for (ChangedProduct product : changes.products()) {
      panels.add(new Panel(product.molecule(), product.changedAtoms(), product.product().smiles()));
    }
    assertEquals(3, panels.size());
    Path png = dir.resolve("grid.png");
    new StructureDrawer("g").writeGrid(panels, 3, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image.getWidth() > image.getHeight(), "three panels in one row");
    Set<Integer> colours = new HashSet<>();
    for (int x = 0; x < image.getWidth(); x += 3) {
      for (int y = 0; y < image.getHeight(); y += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 10, "a drawing, not a blank image: " + colours.size());

    Path svg = dir.resolve("grid.svg");
    new StructureDrawer("g").writeGrid(panels, 3, svg);
    assertTrue(Files.readString(svg).contains(StructureDrawer.HIGHLIGHT_SVG));
  }
}
