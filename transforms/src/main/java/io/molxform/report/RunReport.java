package io.molxform.report;

import io.molxform.beam.ParentSample;
import io.molxform.chem.ChangedProduct;
import io.molxform.chem.ProductChanges;
import io.molxform.chem.ReactionTransformer;
import io.molxform.chem.ReagentSet;
import io.molxform.chem.TransformSpec;
import io.molxform.depict.ChangeDrawings;
import io.molxform.depict.Panel;
import io.molxform.depict.StructureDrawer;
import io.molxform.output.format.Manifest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;
import org.openscience.cdk.exception.CDKException;

/**
 * {@code report.html}: a finished run for people. The manifest's summary and accounting, per
 * transform a histogram of products per parent and a grid of sampled parents beside their
 * products, changed atoms highlighted. One self-contained page: styles and drawings inline (SVG),
 * no script, nothing fetched, so it opens offline and from any copy of the output.
 */
public final class RunReport {
  private static final int CELL_WIDTH = 220;
  private static final int CELL_HEIGHT = 170;

  private final Manifest manifest;
  private final List<TransformSpec> specs;
  private final Map<String, ParentSample> samples;
  private final int productsPerParent;
  private final Map<String, List<ReagentSet.Row>> reagents;
  private final StructureDrawer drawer = new StructureDrawer("s");
  private final ChangeDrawings drawings = new ChangeDrawings(Integer.MAX_VALUE);
  private final StringBuilder html = new StringBuilder(1 << 16);
  /** Each two-component transform with its reagents, prepared once for all its parents. */
  private final Map<String, ReactionTransformer> reactions = new HashMap<>();

  /**
   * @param manifest the run's manifest with its counts
   * @param samples the parents to draw per transform name
   * @param productsPerParent the most products drawn beside one parent
   * @param reagents the accepted reagents of each two-component transform
   */
  public RunReport(Manifest manifest, List<TransformSpec> specs,
      Map<String, ParentSample> samples, int productsPerParent,
      Map<String, List<ReagentSet.Row>> reagents) {
    this.manifest = manifest;
    this.specs = specs;
    this.samples = samples;
    this.productsPerParent = productsPerParent;
    this.reagents = reagents;
  }

  public String html() {
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>molxform run ").append(escape(manifest.runId())).append("</title>")
        .append("<style>").append(STYLE).append("</style></head><body>");
    html.append("<h1>molxform run <code>").append(escape(manifest.runId()))
        .append("</code></h1>");
    summary();
    for (TransformSpec spec : specs) {
      transform(spec);
    }
    options();
    html.append("</body></html>\n");
    return html.toString();
  }

  private void summary() {
    Manifest.Counts counts = manifest.counts();
    html.append("<section id=\"summary\"><h2>Summary</h2><table class=\"facts\">");
    fact("input", manifest.input().glob());
    fact("rows read", number(counts.rowsRead()));
    fact("started", manifest.started());
    fact("finished", manifest.finished());
    fact("wall time", duration(manifest.started(), manifest.finished()));
    fact("dedup", manifest.option("dedup"));
    fact("reject rows written", number(counts.rejectRowsWritten()));
    fact("molxform, CDK, Beam, Java", manifest.versions().molxform() + ", "
        + manifest.versions().cdk() + ", " + manifest.versions().beam() + ", "
        + manifest.versions().java());
    for (Manifest.Unreadable skipped : manifest.unreadable()) {
      fact("skipped (unreadable)", number(skipped.rows()) + " rows: " + skipped.where());
    }
    html.append("</table>");
    html.append("<table class=\"counts\"><thead><tr><th>transform</th><th>rows with products"
        + "</th><th>no site</th><th>no change</th><th>rejected</th><th>truncated</th>"
        + "<th>candidates</th><th>duplicates removed</th><th>in the input</th>"
        + "<th>products written</th><th>accounting</th></tr></thead><tbody>");
    counts.transforms().forEach((name, t) -> html.append("<tr><td><a href=\"#")
        .append(anchor(name)).append("\">").append(escape(name)).append("</a></td>")
        .append(cell(t.rowsWithProducts())).append(cell(t.rowsNoSite()))
        .append(cell(t.rowsNoChange())).append(cell(t.rowsRejected()))
        .append(cell(t.rowsTruncated())).append(cell(t.candidates()))
        .append(cell(t.duplicatesRemoved())).append(cell(t.productsInInput()))
        .append(cell(t.productsWritten()))
        .append("<td>").append(t.accountingBalances() ? "balances" : "<b>does not balance</b>")
        .append("</td></tr>"));
    html.append("</tbody></table></section>");
  }

  private void transform(TransformSpec spec) {
    String name = spec.name();
    Manifest.TransformCounts counts = manifest.counts().transforms().get(name);
    html.append("<section class=\"transform\" id=\"").append(anchor(name)).append("\"><h2>")
        .append(escape(name)).append("</h2>");
    html.append("<p class=\"smirks\"><code>").append(escape(spec.smirks()))
        .append("</code> &middot; sites ").append(spec.sites().yamlName())
        .append(spec.maxSites() > 1 ? " (at most " + spec.maxSites() + ")" : "")
        .append(" &middot; keep fragment ").append(escape(spec.keepFragmentSpelling()))
        .append("</p>");
    if (counts != null) {
      reasons("rows rejected by reason", counts.rowsRejectedByReason());
      reasons("single products rejected by reason", counts.productRejectsByReason());
      html.append("<h3>Products per parent</h3>");
      if (counts.productsPerParent() == null || counts.productsPerParent().isEmpty()) {
        html.append("<p>No parent made a product.</p>");
      } else {
        html.append(Histogram.svg(counts.productsPerParent(), name + ": products per parent"));
      }
    }
    ParentSample sample = samples.get(name);
    html.append("<h3>Sample parents and their products</h3>");
    if (sample == null || sample.parents().isEmpty()) {
      html.append("<p>No parents sampled (none made products, or --reportSamples=0).</p>");
    } else {
      html.append("<p class=\"note\">").append(sample.parents().size())
          .append(" parents chosen by a hash of id and SMILES (the same on every runner);"
              + " changed atoms highlighted; the products each parent makes before the"
              + " library-wide dedup.</p>");
      for (ParentSample.Parent parent : sample.parents()) {
        parentRow(spec, parent);
      }
    }
    html.append("</section>");
  }

  private void parentRow(TransformSpec spec, ParentSample.Parent parent) {
    html.append("<div class=\"row\">");
    if (spec.twoComponent()) {
      reactionRow(spec, parent);
      return;
    }
    ProductChanges changes = drawings.explain(spec, parent.smiles());
    if (changes == null || changes.products().isEmpty()) {
      html.append("<p>").append(escape(parent.id())).append(": ")
          .append(escape(parent.smiles())).append(" gives no product when drawn again</p>");
    } else {
      List<Panel> panels = ChangeDrawings.parentAndProducts(changes, parent.id(),
          productsPerParent);
      figure(panels.get(0), "parent " + parent.id(), parent.smiles(), "parent");
      for (int i = 1; i < panels.size(); i++) {
        ChangedProduct product = changes.products().get(i - 1);
        int sites = product.product().sites();
        figure(panels.get(i), sites + " site" + (sites == 1 ? "" : "s"),
            product.product().smiles(), "product");
      }
      int more = changes.products().size() - (panels.size() - 1);
      if (more > 0) {
        html.append("<p class=\"more\">and ").append(more).append(" more</p>");
      }
    }
    html.append("</div>");
  }

  /** A parent, then each of its first products beside the reagent that made it. */
  private void reactionRow(TransformSpec spec, ParentSample.Parent parent) {
    ReactionTransformer reaction = reactions.computeIfAbsent(spec.name(), name ->
        new ReactionTransformer(spec, ReagentSet.prepare(spec,
            reagents.getOrDefault(name, List.of()), Integer.MAX_VALUE)));
    List<Panel> panels = drawings.parentReagentsProducts(reaction, parent.smiles(), parent.id(),
        productsPerParent);
    if (panels.isEmpty()) {
      html.append("<p>").append(escape(parent.id())).append(": ")
          .append(escape(parent.smiles())).append(" gives no product when drawn again</p>")
          .append("</div>");
      return;
    }
    figure(panels.get(0), "parent " + parent.id(), parent.smiles(), "parent");
    for (int i = 1; i + 1 < panels.size(); i += 2) {
      figure(panels.get(i), panels.get(i).caption(), "", "reagent");
      figure(panels.get(i + 1), "product", panels.get(i + 1).caption(), "product");
    }
    html.append("</div>");
  }

  private void figure(Panel panel, String title, String smiles, String kind) {
    html.append("<figure class=\"").append(kind).append("\">");
    try {
      html.append(drawer.svg(panel, CELL_WIDTH, CELL_HEIGHT));
    } catch (CDKException | RuntimeException | LinkageError | InternalError e) {
      // A drawing is not worth a run: a worker without fonts (AWT lays out the atom labels)
      // still finishes its output, and the page says what it could not draw.
      html.append("<p>cannot draw: ").append(escape(e.getClass().getSimpleName() + ": "
          + e.getMessage())).append("</p>");
    }
    html.append("<figcaption><b>").append(escape(title)).append("</b><br><code>")
        .append(escape(smiles)).append("</code></figcaption></figure>");
  }

  private void reasons(String title, Map<String, Long> byReason) {
    if (byReason == null || byReason.isEmpty()) {
      return;
    }
    html.append("<p>").append(title).append(": ");
    StringBuilder list = new StringBuilder();
    byReason.forEach((reason, rows) -> list.append(list.length() == 0 ? "" : ", ")
        .append("<code>").append(escape(reason)).append("</code> ").append(number(rows)));
    html.append(list).append("</p>");
  }

  private void options() {
    html.append("<section id=\"options\"><h2>Options</h2><table class=\"facts\">");
    if (manifest.options() != null) {
      manifest.options().forEach(this::fact);
    }
    html.append("</table></section>");
  }

  private void fact(String name, Object value) {
    html.append("<tr><th>").append(escape(name)).append("</th><td>")
        .append(escape(value)).append("</td></tr>");
  }

  private static String cell(long value) {
    return "<td class=\"n\">" + number(value) + "</td>";
  }

  private static String number(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String anchor(String name) {
    return "t-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static String duration(String started, String finished) {
    try {
      Duration d = Duration.between(Instant.parse(started), Instant.parse(finished));
      return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(),
          d.toSecondsPart());
    } catch (DateTimeParseException | NullPointerException e) {
      return "unknown";
    }
  }

  private static final String STYLE = String.join("",
      "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1400px}",
      "h1{font-size:1.5em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}",
      "table{border-collapse:collapse;margin:.5em 0}",
      "th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}",
      "td.n{text-align:right;font-variant-numeric:tabular-nums}",
      "table.facts th{background:#f6f6f6;font-weight:600}",
      "table.counts th{background:#f6f6f6}",
      ".row{display:flex;flex-wrap:wrap;gap:.5em;align-items:flex-start;",
      "border-top:1px solid #eee;padding:.5em 0}",
      "figure{margin:0;width:", Integer.toString(CELL_WIDTH), "px}",
      "figure.parent{background:#f7f9fc;border-right:2px solid #4C78A8}",
      "figcaption{font-size:.75em;word-break:break-all}",
      ".note,.more{color:#555;font-size:.9em}code{font-size:.9em}");

  /** Text made safe for the report's HTML and for the SVG drawings inside it (XML 1.0). */
  private static String escape(Object value) {
    return StringEscapeUtils.escapeXml10(String.valueOf(value));
  }
}
