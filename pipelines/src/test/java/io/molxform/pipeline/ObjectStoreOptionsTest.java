package io.molxform.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryPolicy;

/**
 * The store's retries span at least --storeRetrySeconds, without the SDK's retry quota; the
 * region is looked up only for a run that reaches an object store.
 */
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

  @Test
  void aRunThatNamesNoObjectStoreIsSparedTheRegionLookup() {
    List<String> local = List.of("--input=/data/lib.parquet", "--output=out/x");
    assertEquals(List.of("--input=/data/lib.parquet", "--output=out/x", "--awsRegion=aws-global"),
        ObjectStoreOptions.sparingRegionLookup(local));
    List<String> onStore = List.of("--input=s3://bucket/lib/*.parquet", "--output=out/x");
    assertEquals(onStore, ObjectStoreOptions.sparingRegionLookup(onStore),
        "a run on a store keeps Beam's lookup (environment, profile, instance metadata)");
    List<String> given = List.of("--input=/data/lib.parquet", "--awsRegion=eu-west-1");
    assertEquals(given, ObjectStoreOptions.sparingRegionLookup(given));
  }

  @Test
  void aStorePathFoundLaterLooksTheRegionUpAfterAll() {
    PipelineOptions options = PipelineOptionsFactory.fromArgs(ObjectStoreOptions
        .sparingRegionLookup(List.of("--tempLocation=/tmp/x")).toArray(String[]::new)).create();
    AwsOptions aws = options.as(AwsOptions.class);
    assertEquals(ObjectStoreOptions.REGION_NOT_LOOKED_UP, aws.getAwsRegion());
    ObjectStoreOptions.lookUpRegionFor("/data/acids.csv", options);
    assertEquals(ObjectStoreOptions.REGION_NOT_LOOKED_UP, aws.getAwsRegion(),
        "a local reagent list needs no region");
    ObjectStoreOptions.lookUpRegionFor("s3://bucket/acids.csv", options);
    assertEquals(new AwsOptions.AwsRegionFactory().create(options), aws.getAwsRegion(),
        "the region Beam's own lookup finds, none where nothing says one");
  }
}
