package io.molxform.depict;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.openscience.cdk.CDKConstants;
import org.openscience.cdk.aromaticity.Kekulization;
import org.openscience.cdk.depict.Depiction;
import org.openscience.cdk.depict.DepictionGenerator;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IChemObject;
import org.openscience.cdk.renderer.elements.MarkedElement;

/**
 * Draws molecules with the CDK's depiction, the atoms a transform changed highlighted (with the
 * bonds between them). One drawer serves a page: each drawing gets ids of its own, so that many
 * inline SVGs can sit in one HTML document.
 */
public final class StructureDrawer {
  /** The highlight: a light orange that reads on white and in print. */
  public static final Color HIGHLIGHT = new Color(0xFF, 0xA5, 0x4D);
  /** The highlight as SVG writes it, for checks of a drawing. */
  public static final String HIGHLIGHT_SVG = String.format(Locale.ROOT, "#%02X%02X%02X",
      HIGHLIGHT.getRed(), HIGHLIGHT.getGreen(), HIGHLIGHT.getBlue());

  private final AtomicLong drawings = new AtomicLong();
  private final String idPrefix;

  /** @param idPrefix starts every element id of this drawer's SVGs (letters, digits, dashes) */
  public StructureDrawer(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  /** One molecule as an SVG element of the given size in pixels, without an XML prolog. */
  public String svg(Panel panel, int widthPx, int heightPx) throws CDKException {
    IAtomContainer molecule = prepared(panel, false);
    // Scaled down to fit, never up: a reagent of five atoms beside a flavonoid keeps its size.
    Depiction depiction = generator(panel, molecule).withSize(widthPx, heightPx)
        .depict(molecule);
    return withoutProlog(depiction.toSvgStr(Depiction.UNITS_PX));
  }

  /**
   * Panels in a grid of {@code columns}, each captioned, written to {@code file} as SVG, PNG or
   * PDF after its extension.
   */
  public void writeGrid(List<Panel> panels, int columns, Path file) throws CDKException,
      IOException {
    DepictionGenerator generator = new DepictionGenerator().withMolTitle().withTitleScale(0.8)
        .withTitleColor(Color.DARK_GRAY).withZoom(1.6);
    List<IAtomContainer> molecules = new ArrayList<>();
    for (Panel panel : panels) {
      IAtomContainer molecule = prepared(panel, true);
      generator = generator.withHighlight(highlighted(panel, molecule), HIGHLIGHT);
      molecules.add(molecule);
    }
    int columnCount = Math.max(1, Math.min(columns, molecules.size()));
    int rows = (molecules.size() + columnCount - 1) / columnCount;
    Depiction depiction = generator.withOuterGlowHighlight().depict(molecules, rows, columnCount);
    depiction.writeTo(extension(file), file.toFile());
  }

  /** The formats {@link #writeGrid} writes, by file extension. */
  public static boolean canWrite(Path file) {
    return List.of("svg", "png", "pdf").contains(extension(file));
  }

  private DepictionGenerator generator(Panel panel, IAtomContainer molecule) {
    return new DepictionGenerator().withOuterGlowHighlight()
        .withHighlight(highlighted(panel, molecule), HIGHLIGHT);
  }

  /** A copy to draw: own ids, a caption, Kekulé bonds where the chemistry left them unset. */
  private IAtomContainer prepared(Panel panel, boolean titled) throws CDKException {
    IAtomContainer molecule;
    try {
      molecule = panel.molecule().clone();
    } catch (CloneNotSupportedException e) {
      throw new CDKException("cannot copy the molecule to draw", e);
    }
    molecule.setProperty(MarkedElement.ID_KEY, idPrefix + "-" + drawings.incrementAndGet());
    if (titled && panel.caption() != null) {
      molecule.setTitle(panel.caption());
      molecule.setProperty(CDKConstants.TITLE, panel.caption());
    }
    for (IBond bond : molecule.bonds()) {
      if (bond.getOrder() == null || bond.getOrder() == IBond.Order.UNSET) {
        Kekulization.kekulize(molecule);
        break;
      }
    }
    return molecule;
  }

  private static List<IChemObject> highlighted(Panel panel, IAtomContainer molecule) {
    Set<Integer> atoms = panel.highlighted();
    List<IChemObject> objects = new ArrayList<>();
    for (int index : atoms) {
      objects.add(molecule.getAtom(index));
    }
    for (IBond bond : molecule.bonds()) {
      if (atoms.contains(molecule.indexOf(bond.getBegin()))
          && atoms.contains(molecule.indexOf(bond.getEnd()))) {
        objects.add(bond);
      }
    }
    return objects;
  }

  private static String withoutProlog(String svg) {
    int start = svg.indexOf("<svg");
    return start < 0 ? svg : svg.substring(start);
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
