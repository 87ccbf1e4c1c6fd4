package io.molxform.beam;

import org.apache.beam.sdk.coders.CustomCoder;

/**
 * A coder with no state of its own: every instance encodes alike, so all instances are equal.
 * Flink unions two collections only when their coders are equal, as the writers' shards and
 * report samples are, one collection per dedup branch ({@code WriteShards}).
 */
public abstract class StatelessCoder<T> extends CustomCoder<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }
}
