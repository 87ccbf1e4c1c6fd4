package io.molxform.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The words a person reads at the end of a run, from the run's manifest. */
final class Summary {
  private static final int TOP_REASONS = 5;

  private Summary() {}

  static void print(JsonNode manifest, String output, PrintStream out) {
    JsonNode counts = manifest.path("counts");
    long rowsRead = counts.path("rows_read").asLong();
    double seconds = wallSeconds(manifest);
    out.println("molxform run finished: " + output);
    out.println(String.format(Locale.ROOT, "  rows read           %,d in %s (%,.0f molecules/s)",
        rowsRead, Progress.clock(seconds), rowsRead / Math.max(seconds, 1e-9)));
    out.println("  dedup               " + manifest.path("options").path("dedup").asText());
    Iterator<Map.Entry<String, JsonNode>> transforms = counts.path("transforms").fields();
    while (transforms.hasNext()) {
      Map.Entry<String, JsonNode> entry = transforms.next();
      JsonNode t = entry.getValue();
      out.println("  " + entry.getKey());
      out.println(String.format(Locale.ROOT,
          "    rows: %,d with products, %,d no site, %,d no change, %,d rejected%s",
          t.path("rows_with_products").asLong(), t.path("rows_no_site").asLong(),
          t.path("rows_no_change").asLong(), t.path("rows_rejected").asLong(),
          t.path("accounting_balances").asBoolean() ? "" : "  (ACCOUNTING DOES NOT BALANCE)"));
      out.println(String.format(Locale.ROOT,
          "    products: %,d candidates, %,d duplicates removed, %s%,d written%s",
          t.path("candidates").asLong(), t.path("duplicates_removed").asLong(),
          t.path("products_in_input").asLong() > 0
              ? String.format(Locale.ROOT, "%,d already in the input, ",
                  t.path("products_in_input").asLong())
              : "",
          t.path("products_written").asLong(),
          t.path("rows_truncated").asLong() > 0
              ? String.format(Locale.ROOT, " (%,d rows hit the product cap)",
                  t.path("rows_truncated").asLong())
              : ""));
      String reasons = topReasons(t.path("rows_rejected_by_reason"));
      if (!reasons.isEmpty()) {
        out.println("    rejected rows by reason: " + reasons);
      }
      String productReasons = topReasons(t.path("product_rejects_by_reason"));
      if (!productReasons.isEmpty()) {
        out.println("    rejected products by reason: " + productReasons);
      }
    }
    long productFiles = 0;
    long rejectFiles = 0;
    for (JsonNode file : manifest.path("files")) {
      if (file.path("kind").asText().equals("products")) {
        productFiles++;
      } else {
        rejectFiles++;
      }
    }
    out.println(String.format(Locale.ROOT,
        "  files               %,d product shards, %,d reject shards (%,d reject rows)",
        productFiles, rejectFiles, counts.path("reject_rows_written").asLong()));
    for (JsonNode skipped : manifest.path("unreadable")) {
      out.println(String.format(Locale.ROOT, "  unreadable, skipped %,d rows: %s",
          skipped.path("rows").asLong(), skipped.path("where").asText()));
    }
    out.println("  manifest            " + output + "/_MANIFEST.json");
  }

  static double wallSeconds(JsonNode manifest) {
    try {
      Instant started = Instant.parse(manifest.path("started").asText());
      Instant finished = Instant.parse(manifest.path("finished").asText());
      return Duration.between(started, finished).toMillis() / 1000.0;
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static String topReasons(JsonNode byReason) {
    List<Map.Entry<String, JsonNode>> reasons = new ArrayList<>();
    byReason.fields().forEachRemaining(reasons::add);
    reasons.sort((a, b) -> Long.compare(b.getValue().asLong(), a.getValue().asLong()));
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> reason : reasons.subList(0, Math.min(TOP_REASONS,
        reasons.size()))) {
      parts.add(String.format(Locale.ROOT, "%s %,d", reason.getKey(), reason.getValue().asLong()));
    }
    if (reasons.size() > TOP_REASONS) {
      parts.add("and " + (reasons.size() - TOP_REASONS) + " more");
    }
    return String.join(", ", parts);
  }
}
