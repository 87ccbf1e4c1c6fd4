package io.molxform.cli;

import io.molxform.output.format.Manifest;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The words a person reads at the end of a run, from the run's manifest. */
final class Summary {
  private static final int TOP_REASONS = 5;

  private Summary() {}

  static void print(Manifest manifest, String output, PrintStream out) {
    Manifest.Counts counts = manifest.counts();
    long rowsRead = counts.rowsRead();
    double seconds = wallSeconds(manifest);
    out.println("molxform run finished: " + output);
    out.println(String.format(Locale.ROOT, "  rows read           %,d in %s (%,.0f molecules/s)",
        rowsRead, Progress.clock(seconds), rowsRead / Math.max(seconds, 1e-9)));
    out.println("  dedup               " + manifest.option("dedup"));
    for (Map.Entry<String, Manifest.TransformCounts> entry : counts.transforms().entrySet()) {
      Manifest.TransformCounts t = entry.getValue();
      out.println("  " + entry.getKey());
      out.println(String.format(Locale.ROOT,
          "    rows: %,d with products, %,d no site, %,d no change, %,d rejected%s",
          t.rowsWithProducts(), t.rowsNoSite(), t.rowsNoChange(), t.rowsRejected(),
          t.accountingBalances() ? "" : "  (ACCOUNTING DOES NOT BALANCE)"));
      out.println(String.format(Locale.ROOT,
          "    products: %,d candidates, %,d duplicates removed, %s%,d written%s",
          t.candidates(), t.duplicatesRemoved(),
          t.productsInInput() > 0
              ? String.format(Locale.ROOT, "%,d already in the input, ", t.productsInInput())
              : "",
          t.productsWritten(),
          t.rowsTruncated() > 0
              ? String.format(Locale.ROOT, " (%,d rows hit the product cap)", t.rowsTruncated())
              : ""));
      if (t.reagentsRead() > 0) {
        String reagentReasons = topReasons(t.reagentsRejectedByReason());
        out.println(String.format(Locale.ROOT,
            "    reagents: %,d read, %,d rejected%s; pairs: %,d tried, %,d with products",
            t.reagentsRead(), t.reagentsRejected(),
            reagentReasons.isEmpty() ? "" : " (" + reagentReasons + ")", t.pairsTried(),
            t.pairsWithProducts()));
      }
      String reasons = topReasons(t.rowsRejectedByReason());
      if (!reasons.isEmpty()) {
        out.println("    rejected rows by reason: " + reasons);
      }
      String productReasons = topReasons(t.productRejectsByReason());
      if (!productReasons.isEmpty()) {
        out.println("    rejected products by reason: " + productReasons);
      }
    }
    long productFiles = manifest.files().stream().filter(Manifest.FileEntry::isProducts).count();
    long rejectFiles = manifest.files().stream().filter(Manifest.FileEntry::isRejects).count();
    out.println(String.format(Locale.ROOT,
        "  files               %,d product shards, %,d reject shards (%,d reject rows)",
        productFiles, rejectFiles, counts.rejectRowsWritten()));
    for (Manifest.Unreadable skipped : manifest.unreadable()) {
      out.println(String.format(Locale.ROOT, "  unreadable, skipped %,d rows: %s",
          skipped.rows(), skipped.where()));
    }
    manifest.files().stream().filter(Manifest.FileEntry::isReport).findFirst().ifPresent(
        report -> out.println("  report              " + output + "/" + report.path()));
    out.println("  manifest            " + output + "/" + Manifest.FILE_NAME);
  }

  static double wallSeconds(Manifest manifest) {
    try {
      Instant started = Instant.parse(manifest.started());
      Instant finished = Instant.parse(manifest.finished());
      return Duration.between(started, finished).toMillis() / 1000.0;
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static String topReasons(Map<String, Long> byReason) {
    List<Map.Entry<String, Long>> reasons = new ArrayList<>(byReason.entrySet());
    reasons.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> reason : reasons.subList(0, Math.min(TOP_REASONS,
        reasons.size()))) {
      parts.add(String.format(Locale.ROOT, "%s %,d", reason.getKey(), reason.getValue()));
    }
    if (reasons.size() > TOP_REASONS) {
      parts.add("and " + (reasons.size() - TOP_REASONS) + " more");
    }
    return String.join(", ", parts);
  }
}
