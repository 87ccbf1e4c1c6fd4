package io.molxform.report;

import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;

/** A bar chart as inline SVG: rows by how many products each parent made. */
final class Histogram {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 220;
  private static final int LEFT = 64;
  private static final int BOTTOM = 40;
  private static final int TOP = 12;

  private Histogram() {}

  /** @param rowsByProducts rows (values) by products per parent (keys, whole numbers) */
  static String svg(Map<String, Long> rowsByProducts, String label) {
    int maxProducts = rowsByProducts.keySet().stream().mapToInt(Integer::parseInt).max()
        .orElse(0);
    long maxRows = rowsByProducts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg class=\"histogram\" xmlns=\"http://www.w3.org/2000/svg\""
        + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
        WIDTH, HEIGHT, WIDTH, HEIGHT, StringEscapeUtils.escapeXml10(label)));
    int plotWidth = WIDTH - LEFT - 8;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    int baseline = TOP + plotHeight;
    svg.append(line(LEFT, baseline, LEFT + plotWidth, baseline));
    svg.append(line(LEFT, TOP, LEFT, baseline));
    svg.append(text(LEFT - 6, TOP + 10, String.format(Locale.ROOT, "%,d", maxRows), "end"));
    svg.append(text(LEFT - 6, baseline, "0", "end"));
    svg.append(text(LEFT + plotWidth / 2, HEIGHT - 4, "products per parent", "middle"));
    if (maxProducts > 0 && maxRows > 0) {
      double slot = (double) plotWidth / maxProducts;
      int labelEvery = Math.max(1, (int) Math.ceil(maxProducts / 20.0));
      for (int products = 1; products <= maxProducts; products++) {
        long rows = rowsByProducts.getOrDefault(Integer.toString(products), 0L);
        double height = (double) plotHeight * rows / maxRows;
        double x = LEFT + (products - 1) * slot;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                + " height=\"%.1f\" fill=\"#4C78A8\"><title>%d product%s: %,d rows</title></rect>",
            x + slot * 0.1, baseline - height, slot * 0.8, height, products,
            products == 1 ? "" : "s", rows));
        if (products % labelEvery == 0 || products == 1) {
          svg.append(text((int) Math.round(x + slot / 2), baseline + 16,
              Integer.toString(products), "middle"));
        }
      }
    }
    return svg.append("</svg>").toString();
  }

  private static String line(int x1, int y1, int x2, int y2) {
    return String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", x1, y1, x2, y2);
  }

  private static String text(int x, int y, String text, String anchor) {
    return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\""
        + " text-anchor=\"%s\" fill=\"#333\">%s</text>", x, y, anchor, StringEscapeUtils.escapeXml10(text));
  }
}
