package io.molxform.pipeline;

import io.molxform.beam.dedup.KeyPlacement;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.flink.util.MathUtils;

/**
 * Keys for the dedup's buckets (or Bloom shards) that Flink's batch runner spreads evenly over
 * its workers.
 *
 * <p>Beam's Flink runner groups by the key's encoded bytes, and Flink sends a key to worker
 * {@code MathUtils.murmurHash(Arrays.hashCode(bytes)) % workers}. Under the keys 0 to 31 the
 * exact dedup's 32 buckets went 13 to one worker and 19 to the other of two, and the merge phase
 * lasts as long as the busier worker's share, the other core idling (docs/benchmarks.md). Like
 * Beam's own balanced shard keys for Flink's streaming writes, this
 * gives group {@code i} the smallest unused key that Flink sends to worker {@code i % workers}.
 * Should Flink place keys otherwise, they are still distinct keys and the dedup as exact.
 */
final class FlinkKeyPlacement implements KeyPlacement {
  private static final long serialVersionUID = 1L;
  private final int workers;

  FlinkKeyPlacement(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.workers = workers;
  }

  /**
   * The placement for a run on Flink over its workers; in order where their number is not known
   * here (a cluster's own default parallelism) or the runner is not Flink.
   */
  static KeyPlacement forRun(RunnerProfile runner) {
    return runner.onFlink() && runner.workers() > 1 ? new FlinkKeyPlacement(runner.workers())
        : KeyPlacement.IN_ORDER;
  }

  @Override
  public int[] keys(int groups) {
    int[] keys = new int[groups];
    int[] nextCandidate = new int[workers];
    for (int group = 0; group < groups; group++) {
      int worker = group % workers;
      int key = nextCandidate[worker];
      while (workerOf(key) != worker) {
        key++;
      }
      keys[group] = key;
      nextCandidate[worker] = key + 1;
    }
    return keys;
  }

  /** The worker Flink's hash partitioning sends {@code key} to. */
  int workerOf(int key) {
    try {
      byte[] bytes = CoderUtils.encodeToByteArray(KEY_CODER, key);
      return MathUtils.murmurHash(Arrays.hashCode(bytes)) % workers;
    } catch (CoderException e) {
      throw new IllegalStateException("cannot encode bucket key " + key, e);
    }
  }
}
