package io.molxform.beam;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Beam counters named {@code TRANSFORM|KIND} for one kind, created once per transform and
 * kept by a {@code DoFn} instance (hold it in a transient field: counters are not serializable).
 */
public final class TransformCounters {
  private final String kind;
  private final Map<String, Counter> byTransform = new HashMap<>();

  public TransformCounters(String kind) {
    this.kind = kind;
  }

  public void inc(String transform) {
    byTransform.computeIfAbsent(transform, name -> Metrics.counter(
        ApplyTransforms.METRICS_NAMESPACE, Tally.key(name, kind))).inc();
  }
}
