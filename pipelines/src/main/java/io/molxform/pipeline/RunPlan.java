package io.molxform.pipeline;

import io.molxform.UsageException;
import io.molxform.Version;
import io.molxform.beam.DedupMode;
import io.molxform.beam.Reagents;
import io.molxform.beam.RunTimeline;
import io.molxform.beam.dedup.DedupProducts;
import io.molxform.beam.read.InputException;
import io.molxform.beam.read.Library;
import io.molxform.beam.read.ParquetLibrary;
import io.molxform.beam.read.ReagentFiles;
import io.molxform.chem.CatalogException;
import io.molxform.chem.ReagentSet;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformSpec;
import io.molxform.output.OutputClaim;
import io.molxform.output.OutputDirectory;
import io.molxform.output.format.Manifest;
import io.molxform.output.format.OutputFormats;
import io.molxform.storage.Storage;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything decided before the pipeline is built: the transforms, the inspected library, the
 * prepared output directory and what the manifest records about the run.
 */
public record RunPlan(String runId, MolxformOptions options, List<TransformSpec> transforms,
    Library library, String output, OutputClaim claim, String tempDirectory,
    String runInfoJson, RunnerProfile runner, SpillPlace spill, Reagents reagents) {
  /** The report is built in memory in the finalize step: its drawings are bounded here. */
  static final int MAX_REPORT_SAMPLES = 100;
  /** A small run on the DirectRunner: at most one dedup bucket per this many molecules. */
  static final long CHEMISTRY_PER_BUCKET = 5_000;
  private static final EnumSet<CompressionCodecName> CODECS = EnumSet.of(
      CompressionCodecName.ZSTD, CompressionCodecName.SNAPPY, CompressionCodecName.GZIP,
      CompressionCodecName.UNCOMPRESSED);
  private static final Logger LOG = LoggerFactory.getLogger(RunPlan.class);

  public TransformLibraryPipeline.Outputs addTo(Pipeline pipeline) {
    return TransformLibraryPipeline.build(pipeline, this);
  }

  /**
   * Checks the catalog, the input and the output; a problem is a {@link UsageException}. The
   * runner is the one the options name.
   */
  public static RunPlan prepare(MolxformOptions options) {
    return prepare(options, true);
  }

  /**
   * As {@link #prepare(MolxformOptions)}; with {@code runnerGiven} false (no {@code --runner} on
   * the command line) a small run may go to the DirectRunner ({@link #directRunnerForASmallRun}).
   */
  public static RunPlan prepare(MolxformOptions options, boolean runnerGiven) {
    validate(options);
    ObjectStoreOptions.applyTo(options);
    FileSystems.setDefaultPipelineOptions(options);
    RunTimeline.mark("filesystems");
    List<TransformSpec> transforms;
    try {
      transforms = TransformCatalog.builtInOr(options.getCatalog()).select(options.getTransform());
    } catch (CatalogException e) {
      throw new UsageException(e.getMessage());
    }
    transforms = withReagentLists(options, transforms);
    transforms.forEach(spec -> ObjectStoreOptions.lookUpRegionFor(spec.reagents(), options));
    RunTimeline.mark("catalog");
    Reagents reagents = readReagents(options, transforms);
    Library library;
    try {
      String idColumn = options.getIdColumn();
      library = Library.inspect(Storage.absolute(options.getInput()),
          new Library.Columns(options.getSmilesColumn(),
              idColumn == null ? "id" : idColumn, idColumn != null, options.getKeepColumns()),
          options.getLimit(), options.getInputFormat(), rowsPerTask(reagents));
    } catch (InputException e) {
      throw new UsageException(e.getMessage());
    }
    RunTimeline.mark("library");
    long chemistry = library.rowsToRead() * chemistryPerRow(transforms, reagents);
    RunnerProfile runner = RunnerProfile.of(options);
    if (!runnerGiven) {
      runner = directRunnerForASmallRun(options, runner, chemistry);
    }
    runner = oneTaskForASmallRun(options, runner, chemistry);
    runner.checkClusterAnswers();
    SpillPlace spill = SpillPlace.configure(options, runner);
    Instant started = Instant.now();
    String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
        .format(started) + "-" + UUID.randomUUID().toString().substring(0, 8);
    OutputDirectory.Claimed claimed = OutputDirectory.prepare(options.getOutput(),
        options.getOverwrite(), library.files().stream().map(Library.LibraryFile::path)
            .toList(), runId);
    String output = Storage.file(claimed.directory());
    String temp = claimed.directory() + Manifest.TEMP_PREFIX + runId + "/";
    LOG.info("run {}: {} rows to read in {} file(s) from {}; transforms {}; dedup {}; output {}; "
        + "runner {}; {}", runId, library.rowsToRead(), library.files().size(), library.glob(),
        options.getTransform(), options.getDedup(), output, runner.runner(), spill.description());
    try {
      return new RunPlan(runId, options, transforms, library, output, claimed.claim(), temp,
          runInfo(options, library, transforms, runId, started).toJson(), runner, spill,
          reagents);
    } catch (RuntimeException e) {
      claimed.claim().release();
      throw e;
    }
  }

  /**
   * Rows per read task: a row that meets N reagents costs about N molecules' chemistry, so its
   * tasks hold N times fewer rows, or the last long task of a building-block run would leave the
   * other workers idle (20,000 rows with 40 acids made 8 tasks of a minute each).
   */
  static long rowsPerTask(Reagents reagents) {
    long most = 1;
    for (List<ReagentSet.Row> rows : reagents.accepted().values()) {
      most = Math.max(most, reagentsEachRowMeets(reagents, rows));
    }
    return Math.max(1, Library.ROWS_PER_TASK / most);
  }

  /** How many of a transform's accepted reagents each row meets: all, or the sample drawn. */
  private static long reagentsEachRowMeets(Reagents reagents, List<ReagentSet.Row> rows) {
    return reagents.sample() > 0 ? Math.min(reagents.sample(), rows.size()) : rows.size();
  }

  /**
   * Molecules' worth of chemistry per row: one per one-molecule transform, and for a
   * two-component one the reagents each row meets.
   */
  static long chemistryPerRow(List<TransformSpec> transforms, Reagents reagents) {
    long work = 0;
    for (TransformSpec spec : transforms) {
      List<ReagentSet.Row> rows = reagents.accepted().get(spec.name());
      work += rows == null ? 1 : Math.max(1, reagentsEachRowMeets(reagents, rows));
    }
    return Math.max(1, work);
  }

  /**
   * Embedded Flink chosen by default (no {@code --runner}) for a run of less chemistry than
   * {@code --directRunnerBelow}: the DirectRunner instead, without its checks of every element
   * (each element copied and encoded to find a step that changes its input), with at most one
   * dedup bucket per {@link #CHEMISTRY_PER_BUCKET} molecules (each bucket is a step's bundle
   * there, and each bundle a shard the finalize step merges again). Any of Flink's own options
   * ({@code --parallelism}, {@code --spillDirectory}, {@code --flinkConfDir}) keeps Flink.
   */
  static RunnerProfile directRunnerForASmallRun(MolxformOptions options, RunnerProfile runner,
      long chemistry) {
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    if (!runner.embeddedFlink() || chemistry >= options.getDirectRunnerBelow()
        || flink.getParallelism() > 0 || options.getSpillDirectory() != null
        || flink.getFlinkConfDir() != null) {
      return runner;
    }
    options.setRunner(DirectRunner.class);
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    long buckets = (chemistry + CHEMISTRY_PER_BUCKET - 1) / CHEMISTRY_PER_BUCKET;
    options.setDedupBuckets((int) Math.max(1, Math.min(options.getDedupBuckets(), buckets)));
    LOG.info("the DirectRunner and {} dedup bucket(s) for a run of {} molecules' chemistry "
        + "(under --directRunnerBelow={}; --runner=FlinkRunner keeps Flink)",
        options.getDedupBuckets(), chemistry, options.getDirectRunnerBelow());
    return RunnerProfile.of(options);
  }

  /**
   * Embedded Flink without {@code --parallelism}: a run of less chemistry than {@code
   * --oneTaskBelow} gets one task rather than one per core (the profile it runs with, then).
   */
  static RunnerProfile oneTaskForASmallRun(MolxformOptions options, RunnerProfile runner,
      long chemistry) {
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    if (!runner.embeddedFlink() || flink.getParallelism() > 0 || runner.workers() == 1
        || chemistry >= options.getOneTaskBelow()) {
      return runner;
    }
    flink.setParallelism(1);
    LOG.info("one task for a run of {} molecules' chemistry (under --oneTaskBelow={}; "
        + "--parallelism sets it)", chemistry, options.getOneTaskBelow());
    return RunnerProfile.of(options);
  }

  /** The transforms with the reagent list each two-component one reads (--reagents first). */
  static List<TransformSpec> withReagentLists(MolxformOptions options,
      List<TransformSpec> transforms) {
    List<TransformSpec> resolved = new ArrayList<>();
    for (TransformSpec spec : transforms) {
      if (!spec.twoComponent()) {
        resolved.add(spec.withReagents(null));
        continue;
      }
      String list = options.getReagents() != null && !options.getReagents().isBlank()
          ? Storage.absolute(options.getReagents()) : spec.reagents();
      if (list == null) {
        throw new UsageException(spec.name() + " reacts each molecule with a reagent list and"
            + " its catalog entry names none: give one with --reagents=FILE");
      }
      resolved.add(spec.withReagents(list));
    }
    return List.copyOf(resolved);
  }

  /**
   * Reads and checks the reagent list of every two-component transform once, on the client: the
   * accepted reagents travel to the workers, the rejected ones become reject rows.
   */
  static Reagents readReagents(MolxformOptions options, List<TransformSpec> transforms) {
    Map<String, List<ReagentSet.Row>> accepted = new LinkedHashMap<>();
    Map<String, List<Reagents.RejectedReagent>> rejected = new LinkedHashMap<>();
    Map<String, Long> read = new LinkedHashMap<>();
    for (TransformSpec spec : transforms) {
      if (!spec.twoComponent()) {
        continue;
      }
      String list = spec.reagents();
      List<ReagentSet.Row> rows;
      try {
        rows = ReagentFiles.read(list, options.getReagentIdColumn(),
            options.getReagentSmilesColumn());
      } catch (InputException e) {
        throw new UsageException(e.getMessage());
      }
      ReagentSet checked = ReagentSet.prepare(spec, rows, options.getMaxHeavyAtoms());
      accepted.put(spec.name(), checked.accepted());
      rejected.put(spec.name(), checked.rejected().stream().map(r -> new Reagents.RejectedReagent(
          r.row().id(), r.row().smiles(), r.rejection().code().name(), r.rejection().message()))
          .toList());
      read.put(spec.name(), (long) rows.size());
      LOG.info("{}: {} reagents read from {}, {} accepted", spec.name(), rows.size(), list,
          checked.size());
    }
    return accepted.isEmpty() ? Reagents.NONE
        : new Reagents(accepted, rejected, read, options.getReagentSample());
  }

  private static void validate(MolxformOptions o) {
    require(o.getTransform() != null && !o.getTransform().isEmpty(), "--transform",
        "one or more catalog names");
    require(o.getReagentSample() >= 0, "--reagentSample",
        "a whole number of at least 0 (0: every reagent)");
    require(o.getMaxRowsPerShard() >= 1, "--maxRowsPerShard", "a whole number of at least 1");
    require(o.getMaxHeavyAtoms() >= 1, "--maxHeavyAtoms", "a whole number of at least 1");
    require(o.getLimit() >= 0, "--limit", "0 (all rows) or a positive number of rows");
    require(o.getExpectedProducts() >= 1, "--expectedProducts", "a whole number of at least 1");
    require(o.getBloomFpp() > 0 && o.getBloomFpp() < 1, "--bloomFpp",
        "a rate between 0 and 1, e.g. 0.001");
    require(o.getBloomShards() >= 1, "--bloomShards", "a whole number of at least 1");
    require(o.getDedupBuckets() >= 1, "--dedupBuckets", "a whole number of at least 1");
    require(o.getDedupMemoryProducts() >= 1
        && o.getDedupMemoryProducts() <= DedupProducts.MAX_RECORDS_IN_MEMORY,
        "--dedupMemoryProducts", "a whole number from 1 to "
        + DedupProducts.MAX_RECORDS_IN_MEMORY);
    require(o.getProgressSeconds() >= 1, "--progressSeconds", "a whole number of seconds");
    require(o.getSpillMergeFanIn() >= 2, "--spillMergeFanIn", "a whole number of at least 2");
    require(o.getRowGroupBytes() >= 1024 * 1024, "--rowGroupBytes", "at least 1048576 (1 MiB)");
    require(o.getReportSamples() >= 0 && o.getReportSamples() <= MAX_REPORT_SAMPLES,
        "--reportSamples", "0 to " + MAX_REPORT_SAMPLES + " parents");
    require(o.getReportProducts() >= 1, "--reportProducts", "a whole number of at least 1");
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

  /** What the manifest records before the run starts. */
  private static Manifest runInfo(MolxformOptions options, Library library,
      List<TransformSpec> transforms, String runId, Instant started) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("runner", options.getRunner().getSimpleName());
    Map<String, Object> described = new TreeMap<>();
    for (Method getter : MolxformOptions.class.getDeclaredMethods()) {
      // Hidden options are for tests; a user's manifest records what a user may set.
      if (getter.getAnnotation(Description.class) != null && getter.getParameterCount() == 0
          && getter.getAnnotation(Hidden.class) == null) {
        try {
          described.put(propertyName(getter), getter.invoke(options));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    values.putAll(described);
    List<Manifest.InputFile> files = library.files().stream()
        .map(file -> new Manifest.InputFile(file.path(), file.rows(), file.bytes())).toList();
    List<Manifest.TransformEntry> catalog = transforms.stream()
        .map(Manifest.TransformEntry::of).toList();
    return Manifest.started(runId, started.toString(),
        new Manifest.Versions(Version.molxform(), Version.beam(), Version.cdk(),
            System.getProperty("java.version")),
        values, new Manifest.Input(library.glob(), library.rowsToRead(), files), catalog,
        options.getCatalog() == null ? "built-in" : options.getCatalog());
  }

  public static String propertyName(Method getter) {
    String name = getter.getName().replaceFirst("^(get|is)", "");
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
