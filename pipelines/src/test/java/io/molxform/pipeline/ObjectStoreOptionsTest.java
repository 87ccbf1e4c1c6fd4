package io.molxform.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryPolicy;

/** The store's retries span at least --storeRetrySeconds, without the SDK's retry quota. */
class ObjectStoreOptionsTest {
  /** The shortest total wait of {@code retries} retries: half of each backoff. */
  private static long shortestWaitMillis(int retries) {
    long total = 0;
    for (int n = 0; n < retries; n++) {
      total += Math.min(10_000, 500L << Math.min(n, 20)) / 2;
    }
    return total;
  }

  @Test
  void theRetriesSpanTheTimeAskedAndNoMore() {
    for (int seconds : new int[] {1, 10, 60, 600}) {
      int retries = ObjectStoreOptions.StoreRetries.retriesFor(Duration.ofSeconds(seconds));
      long covered = shortestWaitMillis(retries);
      long oneLess = shortestWaitMillis(retries - 1);
      assertEquals(true, covered >= seconds * 1000L && oneLess < seconds * 1000L,
          seconds + " s: " + retries + " retries wait at least " + covered + " ms");
    }
    assertEquals(16, ObjectStoreOptions.StoreRetries.retriesFor(Duration.ofSeconds(60)));
  }

  @Test
  void thePolicyHasNoRetryQuota() {
    RetryPolicy policy = ObjectStoreOptions.StoreRetries.policy(60);
    assertEquals(16, policy.numRetries());
    assertNull(policy.toBuilder().retryCapacityCondition(),
        "a quota stops retrying after a burst of failures: what an outage is");
  }
}
