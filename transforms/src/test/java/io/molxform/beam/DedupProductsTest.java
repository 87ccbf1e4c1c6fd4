package io.molxform.beam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Dedup semantics on the DirectRunner, without chemistry: rows stand for products. */
@RunWith(JUnit4.class)
public class DedupProductsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  static ProductRow row(String transform, String product, String parent, int sites) {
    return new ProductRow(transform, product, parent, "parent-of-" + parent, sites, 1, List.of());
  }

  @Test
  public void exactKeepsOneRowPerProductWithTheSmallestParentAndCountsParents() {
    List<ProductRow> candidates = List.of(
        row("T", "P1", "id-9", 1), row("T", "P1", "id-10", 1), row("T", "P1", "id-3", 2),
        row("T", "P2", "id-5", 1),
        // The same product under another transform is another row.
        row("U", "P1", "id-7", 1));
    PCollection<ProductRow> unique = pipeline.apply(Create.of(candidates)
            .withCoder(new ProductRow.Coder()))
        .apply(DedupProducts.exact());
    PAssert.that(unique).containsInAnyOrder(
        // "id-10" < "id-3" < "id-9" in string order: the smallest id represents the product.
        new ProductRow("T", "P1", "id-10", "parent-of-id-10", 1, 3, List.of()),
        new ProductRow("T", "P2", "id-5", "parent-of-id-5", 1, 1, List.of()),
        new ProductRow("U", "P1", "id-7", "parent-of-id-7", 1, 1, List.of()));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(2, distinctCounter(result, "T"));
    assertEquals(1, distinctCounter(result, "U"));
  }

  private static long distinctCounter(PipelineResult result, String transform) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(ApplyTransforms.METRICS_NAMESPACE,
            Tally.key(transform, "DISTINCT")))
        .build());
    long total = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  @Test
  public void noneKeepsEveryCandidate() {
    List<ProductRow> candidates = List.of(row("T", "P1", "a", 1), row("T", "P1", "b", 1));
    PAssert.that(pipeline.apply(Create.of(candidates).withCoder(new ProductRow.Coder()))
        .apply(DedupProducts.none())).containsInAnyOrder(candidates);
    pipeline.run().waitUntilFinish();
  }

  /**
   * 60,000 distinct products, 40 % of them made twice or three times: Bloom dedup removes every
   * true duplicate (no false negatives), keeps only real products, and loses fewer distinct
   * products than its configured false-positive rate allows.
   */
  @Test
  public void bloomLossStaysWithinTheFalsePositiveRate() {
    int distinct = 60_000;
    double fpp = 0.01;
    Random random = new Random(1);
    List<ProductRow> candidates = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      int copies = random.nextDouble() < 0.4 ? 2 + random.nextInt(2) : 1;
      for (int c = 0; c < copies; c++) {
        candidates.add(row("T", "C" + i + "O" + Integer.toHexString(i * 7919), "p" + i + "-" + c,
            1));
      }
    }
    PCollection<ProductRow> kept = pipeline
        .apply(Create.of(candidates).withCoder(new ProductRow.Coder()))
        .apply(DedupProducts.bloom(distinct, fpp, 8));
    PAssert.that(kept).satisfies(rows -> {
      Set<String> seen = new HashSet<>();
      for (ProductRow r : rows) {
        assertTrue("a true duplicate got through: " + r.productSmiles(),
            seen.add(r.productSmiles()));
      }
      int lost = distinct - seen.size();
      assertTrue(lost + " of " + distinct + " lost", lost <= fpp * distinct);
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void perShardSizingLeavesHeadroom() {
    assertTrue(DedupProducts.perShardInsertions(1_000_000, 64) > 1_000_000 / 64);
    assertEquals(1, DedupProducts.perShardInsertions(1, 1000));
    Map<Integer, Integer> spread = new HashMap<>();
    for (int i = 0; i < 64_000; i++) {
      spread.merge(DedupProducts.shardOf("key" + i, 64), 1, Integer::sum);
    }
    assertEquals(64, spread.size());
    assertTrue(spread.values().stream().allMatch(
        n -> n <= DedupProducts.perShardInsertions(64_000, 64)));
  }
}
