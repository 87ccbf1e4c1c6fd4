package io.molxform.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.retry.backoff.BackoffStrategy;
import software.amazon.awssdk.core.retry.backoff.EqualJitterBackoffStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * What molxform adds to Beam's options for {@code s3://} ({@code --endpoint}, {@code --awsRegion},
 * {@code --awsCredentialsProvider} are Beam's own): path-style addressing, which S3-compatible
 * servers on a host and port (S3Proxy, MinIO, Ceph) need, and which Beam has no option for;
 * upload parts of 5 MB unless {@code --s3UploadBufferSizeBytes} says otherwise; and retries of a
 * store's transient errors for a bounded time ({@code --storeRetrySeconds}), where the AWS SDK's
 * default gives up within about a second (three retries) and a blip of seconds ended a run of
 * hours.
 */
public interface ObjectStoreOptions extends S3Options {
  @Description("Address S3 buckets by path (http://HOST:PORT/BUCKET/KEY) rather than by host "
      + "name (http://BUCKET.HOST/KEY): needed for S3-compatible servers reached at an address "
      + "or a port, such as the local one of runners-config/object-store.")
  @Default.Boolean(false)
  boolean getPathStyleAccess();

  void setPathStyleAccess(boolean value);

  @Description("Seconds over which a request to an object store that fails for now (connection"
      + " refused or reset, a timeout, HTTP 5xx, throttling) is retried, with backoff, before the"
      + " run fails naming the store; errors of the data itself are never retried.")
  @Default.Integer(60)
  int getStoreRetrySeconds();

  void setStoreRetrySeconds(int value);

  /**
   * The region a run gets when nothing it names is on {@code s3://}: no S3 client is built, and
   * the value says the region was never looked up ({@link #lookUpRegionFor}).
   */
  Region REGION_NOT_LOOKED_UP = Region.AWS_GLOBAL;

  /**
   * {@code args} with {@code --awsRegion} set when none is given and no argument names an
   * {@code s3://} path. Beam looks the region up whenever it registers its S3 filesystem, which
   * every run does; off AWS that asks the EC2 instance metadata service and waits through its
   * retries, 0.9 s of every run here, for a region no path needs.
   */
  static List<String> sparingRegionLookup(Collection<String> args) {
    List<String> spared = new ArrayList<>(args);
    boolean regionGiven = args.stream().anyMatch(a -> a.startsWith("--awsRegion"));
    if (!regionGiven && args.stream().noneMatch(ObjectStoreOptions::onObjectStore)) {
      spared.add("--awsRegion=" + REGION_NOT_LOOKED_UP.id());
    }
    return spared;
  }

  /**
   * Looks the region up after all when {@code path}, found in a file the run read (a catalog's
   * reagent list), is on {@code s3://} and the arguments had spared the lookup; registers the
   * filesystems again with it.
   */
  static void lookUpRegionFor(String path, PipelineOptions options) {
    AwsOptions aws = options.as(AwsOptions.class);
    if (onObjectStore(path) && Objects.equals(aws.getAwsRegion(), REGION_NOT_LOOKED_UP)) {
      aws.setAwsRegion(new AwsOptions.AwsRegionFactory().create(options));
      FileSystems.setDefaultPipelineOptions(options);
    }
  }

  private static boolean onObjectStore(String arg) {
    return arg != null && arg.contains("s3://");
  }

  /**
   * Makes the S3 clients honour {@code --pathStyleAccess}, unless the user chose a client
   * factory of their own. Called before Beam's filesystems are registered; the choice travels
   * with the options to every worker.
   */
  static void applyTo(PipelineOptions options) {
    S3Options s3 = options.as(S3Options.class);
    if (s3.getS3ClientFactoryClass() == DefaultS3ClientBuilderFactory.class) {
      s3.setS3ClientFactoryClass(PathStyleAware.class);
    }
    // Beam's S3 writer holds a whole upload part in memory for every open file, 64 MB by
    // default, and the exact dedup keeps a file open per bucket on every worker: on a cluster
    // writing to S3, 32 buckets on two slots asked for 4 GB and the TaskManager ran out of heap.
    // S3's smallest part (5 MB) keeps that at 160 MB a worker; any size but Beam's default stays.
    if (s3.getS3UploadBufferSizeBytes()
        == S3Options.S3UploadBufferSizeBytesFactory.DEFAULT_UPLOAD_BUFFER_SIZE_BYTES) {
      s3.setS3UploadBufferSizeBytes(
          S3Options.S3UploadBufferSizeBytesFactory.MINIMUM_UPLOAD_BUFFER_SIZE_BYTES);
    }
  }

  /**
   * Beam's default S3 client builder, with path-style addressing when asked for and retries
   * over {@code --storeRetrySeconds}.
   */
  final class PathStyleAware implements S3ClientBuilderFactory {
    @Override
    public S3ClientBuilder createBuilder(S3Options options) {
      ObjectStoreOptions store = options.as(ObjectStoreOptions.class);
      S3ClientBuilder builder = new DefaultS3ClientBuilderFactory().createBuilder(options)
          .overrideConfiguration(c -> c.retryPolicy(StoreRetries.policy(store.getStoreRetrySeconds())));
      return store.getPathStyleAccess() ? builder.forcePathStyle(true) : builder;
    }
  }

  /** How long and how a store's transient errors are retried. */
  final class StoreRetries {
    /** The first wait between attempts, doubled after each up to {@link #MAX_BACKOFF}. */
    static final Duration BASE_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private StoreRetries() {}

    /**
     * Retries of the SDK's retryable errors (I/O errors, 5xx, throttling) whose waits add up to at
     * least {@code seconds}: each wait lies between half and all of its backoff, so the retries end
     * within about twice that. Without the SDK's retry quota, which stops retrying after a burst of
     * failures, exactly what an outage of a few seconds is.
     */
    static RetryPolicy policy(int seconds) {
      BackoffStrategy backoff = EqualJitterBackoffStrategy.builder().baseDelay(BASE_BACKOFF)
          .maxBackoffTime(MAX_BACKOFF).build();
      return RetryPolicy.builder(RetryMode.STANDARD)
          .numRetries(retriesFor(Duration.ofSeconds(seconds)))
          .backoffStrategy(backoff)
          .throttlingBackoffStrategy(backoff)
          .retryCapacityCondition(null)
          .build();
    }

    /** Retries whose shortest waits (half of each backoff) add up to {@code total}. */
    static int retriesFor(Duration total) {
      long waitedMillis = 0;
      int retries = 0;
      while (waitedMillis < total.toMillis()) {
        long backoff = Math.min(MAX_BACKOFF.toMillis(),
            BASE_BACKOFF.toMillis() << Math.min(retries, 20));
        waitedMillis += backoff / 2;
        retries++;
      }
      return retries;
    }
  }
}
