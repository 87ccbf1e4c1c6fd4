package io.molxform.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.molxform.beam.DedupMode;
import io.molxform.beam.InputException;
import io.molxform.beam.Manifest;
import io.molxform.beam.OutputFormats;
import io.molxform.beam.ParquetLibrary;
import io.molxform.beam.ShardFiles;
import io.molxform.chem.CatalogException;
import io.molxform.chem.Messages;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code molxform run}: checks everything it can, runs the pipeline, prints the summary. */
final class RunCommand {
  static final EnumSet<CompressionCodecName> CODECS = EnumSet.of(CompressionCodecName.ZSTD,
      CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.UNCOMPRESSED);

  /** What a finished run leaves: where, and its manifest. */
  record Outcome(Path output, JsonNode manifest) {}

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  private RunCommand() {}

  static int main(String[] args, PrintStream out, PrintStream err) {
    MolxformOptions options = parseOptions(args);
    Outcome outcome = run(options, err);
    if (!options.getQuiet()) {
      Summary.print(outcome.manifest(), outcome.output().toString(), out);
    }
    return 0;
  }

  /**
   * Parses {@code run}'s arguments. With no {@code --runner}, the job runs on Flink embedded in
   * this process, the runner that serves any library size on one machine.
   */
  static MolxformOptions parseOptions(String[] args) {
    List<String> list = new ArrayList<>(Arrays.asList(args));
    if (list.stream().noneMatch(a -> a.startsWith("--runner=") || a.equals("--runner"))) {
      list.add("--runner=FlinkRunner");
    }
    PipelineOptionsFactory.register(MolxformOptions.class);
    MolxformOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(list.toArray(String[]::new))
          .as(MolxformOptions.class);
    } catch (IllegalArgumentException e) {
      throw new UsageException(culprit(list) + Messages.firstLine(e.getMessage()));
    }
    validate(options);
    return options;
  }

  /** Names the argument Beam refused, which its own messages often leave out. */
  private static String culprit(List<String> args) {
    for (String arg : args) {
      try {
        PipelineOptionsFactory.fromArgs(arg).as(MolxformOptions.class);
      } catch (IllegalArgumentException e) {
        return "bad option " + arg + ": ";
      }
    }
    return "";
  }

  static void validate(MolxformOptions o) {
    require(o.getTransform() != null && !o.getTransform().isEmpty(), "--transform",
        "one or more catalog names");
    require(o.getMaxRowsPerShard() >= 1, "--maxRowsPerShard", "a whole number of at least 1");
    require(o.getMaxHeavyAtoms() >= 1, "--maxHeavyAtoms", "a whole number of at least 1");
    require(o.getLimit() >= 0, "--limit", "0 (all rows) or a positive number of rows");
    require(o.getExpectedProducts() >= 1, "--expectedProducts", "a whole number of at least 1");
    require(o.getBloomFpp() > 0 && o.getBloomFpp() < 1, "--bloomFpp",
        "a rate between 0 and 1, e.g. 0.001");
    require(o.getBloomShards() >= 1, "--bloomShards", "a whole number of at least 1");
    require(o.getProgressSeconds() >= 1, "--progressSeconds", "a whole number of seconds");
    require(o.getRowGroupBytes() >= 1024 * 1024, "--rowGroupBytes", "at least 1048576 (1 MiB)");
    require(CODECS.contains(o.getCompression()), "--compression",
        "one of ZSTD, SNAPPY, GZIP, UNCOMPRESSED");
    require(!o.getSmilesColumn().isBlank(), "--smilesColumn", "a column name");
    if (o.getExcludeInputMolecules() && o.getDedup() != DedupMode.exact) {
      throw new UsageException("--excludeInputMolecules needs --dedup=exact (input molecules "
          + "meet their products in the exact dedup's shuffle); got --dedup=" + o.getDedup());
    }
    try {
      ParquetLibrary.checkCarriedNames(o.getKeepColumns(), OutputFormats.reservedColumnNames());
    } catch (InputException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static void require(boolean ok, String option, String accepts) {
    if (!ok) {
      throw new UsageException("bad value for " + option + ": expected " + accepts);
    }
  }

  /**
   * Everything decided before the pipeline is built: the transforms, the inspected library, the
   * prepared output directory and what the manifest records about the run.
   */
  record Plan(MolxformOptions options, List<TransformSpec> transforms, ParquetLibrary library,
      Path output, OutputClaim claim, String tempDirectory, String runInfoJson, String clusterUi,
      SpillPlace spill) {

    TransformLibraryPipeline.Outputs addTo(Pipeline pipeline) {
      return TransformLibraryPipeline.build(pipeline, options, library, transforms,
          output.toString(), tempDirectory, runInfoJson);
    }
  }

  /** Checks the catalog, the input and the output; a problem is a {@link UsageException}. */
  static Plan plan(MolxformOptions options) {
    FileSystems.setDefaultPipelineOptions(options);
    List<TransformSpec> transforms;
    try {
      transforms = TransformCatalog.builtInOr(options.getCatalog()).select(options.getTransform());
    } catch (CatalogException e) {
      throw new UsageException(e.getMessage());
    }
    ParquetLibrary library;
    try {
      String idColumn = options.getIdColumn();
      library = ParquetLibrary.inspect(localToAbsolute(options.getInput()),
          new ParquetLibrary.Columns(options.getSmilesColumn(),
              idColumn == null ? "id" : idColumn, idColumn != null, options.getKeepColumns()),
          options.getLimit());
    } catch (InputException e) {
      throw new UsageException(e.getMessage());
    }
    String clusterUi = checkFlinkMaster(options);
    SpillPlace spill = SpillPlace.configure(options);
    Instant started = Instant.now();
    String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
        .format(started) + "-" + UUID.randomUUID().toString().substring(0, 8);
    OutputDirectory.Claimed claimed = OutputDirectory.prepare(options.getOutput(),
        options.getOverwrite(), library.files().stream().map(ParquetLibrary.LibraryFile::path)
            .toList(), runId);
    Path output = claimed.directory();
    String temp = output.resolve(Manifest.TEMP_PREFIX + runId) + "/";
    LOG.info("run {}: {} rows to read in {} file(s) from {}; transforms {}; dedup {}; output {}; "
        + "runner {}; {}", runId, library.rowsToRead(), library.files().size(), library.glob(),
        options.getTransform(), options.getDedup(), output, options.getRunner().getSimpleName(),
        spill.description());
    try {
      return new Plan(options, transforms, library, output, claimed.claim(), temp,
          runInfo(options, library, transforms, runId, started).toString(), clusterUi, spill);
    } catch (RuntimeException e) {
      claimed.claim().release();
      throw e;
    }
  }

  /**
   * Runs the job to its end; throws on any failure, with the output left without manifest and
   * without the run's temporary folder. The output's claim ends either way.
   */
  static Outcome run(MolxformOptions options, PrintStream err) {
    Plan plan = plan(options);
    try {
      return runPlanned(plan, err);
    } catch (RuntimeException e) {
      LOG.info("the run failed; removing its temporary folder {}", plan.tempDirectory());
      try {
        ShardFiles.removeTemporaryFolder(plan.tempDirectory());
      } catch (IOException | RuntimeException cleanup) {
        LOG.warn("could not remove the temporary folder {}", plan.tempDirectory(), cleanup);
        if (!options.getQuiet()) {
          err.println("[molxform] could not remove the temporary folder " + plan.tempDirectory()
              + ": " + Messages.firstLine(cleanup.getMessage()));
        }
      }
      throw e;
    } finally {
      plan.claim().release();
    }
  }

  private static Outcome runPlanned(Plan plan, PrintStream err) {
    MolxformOptions options = plan.options();
    Pipeline pipeline = Pipeline.create(options);
    plan.addTo(pipeline);
    PipelineResult.State state;
    if (!options.getQuiet()) {
      err.println("[molxform] " + plan.spill().description());
      err.println("[molxform] log (the run's plan and decisions, the runner's warnings and "
          + "errors): " + RunnerLog.path());
    }
    try (Progress progress = options.getQuiet() ? null : Progress.start(err,
        plan.library().rowsToRead(), options.getProgressSeconds(), plan.clusterUi(),
        plan.spill())) {
      state = pipeline.run().waitUntilFinish();
    } catch (RuntimeException e) {
      if (SpillPlace.isDiskFull(e)) {
        throw new IllegalStateException("a disk filled up (No space left on device): "
            + (plan.spill().directory() == null ? "" : "the spill folder "
                + plan.spill().directory() + " or ") + "the output " + plan.output()
            + "; free space there, or choose another disk with --spillDirectory", e);
      }
      throw e;
    }
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the pipeline ended in state " + state
          + "; the output has no manifest and is not a finished output");
    }
    return new Outcome(plan.output(), readManifest(plan.output()));
  }

  static JsonNode readManifest(Path output) {
    try {
      JsonNode manifest = Manifest.read(output.toString());
      if (manifest == null) {
        throw new IllegalStateException("the pipeline finished but wrote no manifest in "
            + output);
      }
      return manifest;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the manifest in " + output + ": " + e, e);
    }
  }

  /**
   * For a remote Flink master, checks that it answers before anything is built, and returns its
   * web UI address; null for runs in this process.
   */
  static String checkFlinkMaster(MolxformOptions options) {
    if (!options.getRunner().getSimpleName().equals("FlinkRunner")) {
      return null;
    }
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    if (master == null || master.startsWith("[")) {
      return null;
    }
    String hostPort = master.replaceFirst("^https?://", "");
    int colon = hostPort.lastIndexOf(':');
    String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    int port = colon < 0 ? 8081
        : Arguments.intValue("--flinkMaster (port)", hostPort.substring(colon + 1));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 3000);
    } catch (IOException e) {
      throw new UsageException("cannot reach the Flink master at " + host + ":" + port + " ("
          + e.getMessage() + "); start a cluster with runners-config/flink-cluster/start.sh, "
          + "or leave out --flinkMaster to run on Flink embedded in this process");
    }
    return "http://" + host + ":" + port;
  }

  /** A local path (no scheme) made absolute, so that workers in other directories find it. */
  static String localToAbsolute(String path) {
    if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return path;
    }
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  /** What the manifest records before the run starts. */
  static ObjectNode runInfo(MolxformOptions options, ParquetLibrary library,
      List<TransformSpec> transforms, String runId, Instant started) {
    ObjectNode info = Manifest.json().createObjectNode();
    info.put("run_id", runId);
    info.put("started", started.toString());
    ObjectNode versions = info.putObject("versions");
    versions.put("molxform", Version.molxform());
    versions.put("beam", Version.beam());
    versions.put("cdk", Version.cdk());
    versions.put("java", System.getProperty("java.version"));
    ObjectNode opts = info.putObject("options");
    opts.put("runner", options.getRunner().getSimpleName());
    Map<String, Object> values = new TreeMap<>();
    for (Method getter : MolxformOptions.class.getDeclaredMethods()) {
      if (getter.getAnnotation(Description.class) != null && getter.getParameterCount() == 0) {
        try {
          values.put(propertyName(getter), getter.invoke(options));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    values.forEach((name, value) -> opts.set(name, Manifest.json().valueToTree(value)));
    ObjectNode input = info.putObject("input");
    input.put("glob", library.glob());
    input.put("rows_to_read", library.rowsToRead());
    var files = input.putArray("files");
    for (ParquetLibrary.LibraryFile file : library.files()) {
      ObjectNode f = files.addObject();
      f.put("path", file.path());
      f.put("rows", file.rows());
      f.put("bytes", file.bytes());
    }
    var catalog = info.putArray("transforms");
    for (TransformSpec spec : transforms) {
      ObjectNode t = catalog.addObject();
      t.put("name", spec.name());
      t.put("smirks", spec.smirks());
      t.put("sites", spec.sites().yamlName());
      t.put("max_sites", spec.maxSites());
      t.put("max_products_per_molecule", spec.maxProductsPerMolecule());
      t.put("keep_fragment", spec.keepFragmentSpelling());
    }
    info.put("catalog", options.getCatalog() == null ? "built-in" : options.getCatalog());
    return info;
  }

  static String propertyName(Method getter) {
    String name = getter.getName().replaceFirst("^(get|is)", "");
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
