package io.molxform.beam;

import java.util.Arrays;
import java.util.List;
import java.util.function.ObjLongConsumer;

/**
 * One bundle's counts by transform index, for the steps that count every record they pass (the
 * merge, the Bloom filter, the writers): an array add per record, where a map of tally keys cost
 * a string and a boxed long per record. The tally keys are made once, when the counts are handed
 * on.
 */
public final class CountsByTransform {
  private long[] counts = new long[4];

  public void add(int transform, long n) {
    if (transform >= counts.length) {
      counts = Arrays.copyOf(counts, Math.max(transform + 1, counts.length * 2));
    }
    counts[transform] += n;
  }

  /** Each transform's count that is not 0, with its tally key for {@code kind}. */
  public void forEachNonZero(List<String> transforms, String kind,
      ObjLongConsumer<String> tally) {
    for (int transform = 0; transform < counts.length; transform++) {
      if (counts[transform] != 0) {
        tally.accept(Tally.key(transform < transforms.size() ? transforms.get(transform)
            : "#" + transform, kind), counts[transform]);
      }
    }
  }
}
