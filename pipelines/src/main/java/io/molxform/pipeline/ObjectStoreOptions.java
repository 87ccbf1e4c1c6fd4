package io.molxform.pipeline;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * What molxform adds to Beam's options for {@code s3://} ({@code --endpoint}, {@code --awsRegion},
 * {@code --awsCredentialsProvider} are Beam's own): path-style addressing, which S3-compatible
 * servers on a host and port (S3Proxy, MinIO, Ceph) need, and which Beam has no option for; and
 * upload parts of 5 MB unless {@code --s3UploadBufferSizeBytes} says otherwise.
 */
public interface ObjectStoreOptions extends S3Options {
  @Description("Address S3 buckets by path (http://HOST:PORT/BUCKET/KEY) rather than by host "
      + "name (http://BUCKET.HOST/KEY): needed for S3-compatible servers reached at an address "
      + "or a port, such as the local one of runners-config/object-store.")
  @Default.Boolean(false)
  boolean getPathStyleAccess();

  void setPathStyleAccess(boolean value);

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

  /** Beam's default S3 client builder, with path-style addressing when asked for. */
  final class PathStyleAware implements S3ClientBuilderFactory {
    @Override
    public S3ClientBuilder createBuilder(S3Options options) {
      S3ClientBuilder builder = new DefaultS3ClientBuilderFactory().createBuilder(options);
      return options.as(ObjectStoreOptions.class).getPathStyleAccess()
          ? builder.forcePathStyle(true) : builder;
    }
  }
}
