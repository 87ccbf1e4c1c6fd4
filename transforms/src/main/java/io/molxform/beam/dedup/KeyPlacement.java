package io.molxform.beam.dedup;

import java.io.Serializable;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * The keys the dedup's shuffles group under: bucket {@code i} of the exact dedup and shard
 * {@code i} of the Bloom dedup go under the {@code i}-th of {@link #keys}, encoded with {@link
 * #KEY_CODER}. A runner sends each key to a worker by a hash of those bytes, so a few dozen keys
 * load the workers unevenly; a placement that knows the runner's hash can choose keys that load
 * every worker alike. Any distinct keys give the same rows.
 */
public interface KeyPlacement extends Serializable {
  Coder<Integer> KEY_CODER = VarIntCoder.of();

  /** Group i under key i, wherever the runner puts it. */
  KeyPlacement IN_ORDER = groups -> IntStream.range(0, groups).toArray();

  /** {@code groups} distinct keys, one per group. */
  int[] keys(int groups);
}
