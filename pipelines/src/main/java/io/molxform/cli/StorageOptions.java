package io.molxform.cli;

import io.molxform.UsageException;
import io.molxform.chem.Messages;
import io.molxform.pipeline.ObjectStoreOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The options that reach a store, for the commands that read or write one without running a
 * pipeline ({@code generate}, {@code inspect}, {@code verify}): Beam's own, as {@code run} takes
 * them, such as {@code --endpoint}, {@code --awsRegion}, {@code --awsCredentialsProvider} and
 * {@code --pathStyleAccess} for {@code s3://}, {@code --hdfsConfiguration} for {@code hdfs://}
 * (or a profile file of them: {@code @FILE}). Any other unknown option is a usage error.
 */
final class StorageOptions {
  private StorageOptions() {}

  static final String STORE_OPTIONS = "--endpoint, --awsRegion, --awsCredentialsProvider, "
      + "--pathStyleAccess for s3://; --hdfsConfiguration for hdfs://";

  /** Names the argument Beam refused, which its messages leave to the reader. */
  private static String culprit(List<String> args) {
    for (String arg : args) {
      try {
        PipelineOptionsFactory.fromArgs(arg).create();
      } catch (IllegalArgumentException e) {
        return "unknown or bad option " + arg + ": ";
      }
    }
    return "";
  }

  /**
   * Registers Beam's filesystems with {@code args}, for a command that reads or writes
   * {@code paths}; returns the options, for a path found later ({@code lookUpRegionFor}).
   */
  static PipelineOptions register(List<String> args, String... paths) {
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
    }
    PipelineOptionsFactory.register(ObjectStoreOptions.class);
    PipelineOptions options;
    try {
      List<String> named = new ArrayList<>(args);
      Arrays.stream(paths).filter(Objects::nonNull).forEach(named::add);
      List<String> withRegion = new ArrayList<>(args);
      // What sparing the lookup adds to the arguments and paths, if anything.
      List<String> spared = ObjectStoreOptions.sparingRegionLookup(named);
      withRegion.addAll(spared.subList(named.size(), spared.size()));
      options = PipelineOptionsFactory.fromArgs(withRegion.toArray(String[]::new)).create();
    } catch (IllegalArgumentException e) {
      throw new UsageException(culprit(args) + Messages.firstLine(e.getMessage())
          + " (options of a store: " + STORE_OPTIONS + ")");
    }
    ObjectStoreOptions.applyTo(options);
    FileSystems.setDefaultPipelineOptions(options);
    return options;
  }
}
