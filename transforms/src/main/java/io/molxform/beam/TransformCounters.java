package io.molxform.beam;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Beam counters named {@code TRANSFORM|KIND} for one kind, created once per transform and
 * kept by a {@code DoFn} instance (hold it in a transient field: counters are not serializable).
 */
final class TransformCounters {
  private final String kind;
  private final Map<String, Counter> byTransform = new HashMap<>();

  TransformCounters(String kind) {
    this.kind = kind;
  }

  void inc(String transform) {
    byTransform.computeIfAbsent(transform, name -> Metrics.counter(
        ApplyTransforms.METRICS_NAMESPACE, Tally.key(name, kind))).inc();
  }
}
