package io.molxform.pipeline;

import io.molxform.beam.DedupMode;
import io.molxform.beam.FaultInjection;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The options of {@code molxform run}: one interface, grouped for {@code --help} by the
 * {@link Group} on each getter. Runner options ({@code --runner}, {@code --parallelism},
 * {@code --flinkMaster}, ...) come from Beam's own interfaces.
 */
public interface MolxformOptions extends PipelineOptions {

  /** The help section an option is listed under. */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
  @interface Group {
    String value();
  }

  // ---- input

  @Group("input")
  @Description("File, glob or folder of the library to read, e.g. 'lib/*.parquet': Parquet "
      + "(each file read with its own schema), SMILES (.smi), CSV or TSV with a header, or SD "
      + "files (.sdf), each optionally .gz or .zst.")
  @Default.String("testdata/polyphenols.parquet")
  String getInput();

  void setInput(String value);

  @Group("input")
  @Description("The input's format when the file names do not say it: auto (by extension), "
      + "parquet, smi, csv, tsv or sdf.")
  @Default.String("auto")
  String getInputFormat();

  void setInputFormat(String value);

  @Group("input")
  @Description("Column holding the SMILES (a string column; CSV and TSV: a header name).")
  @Default.String("smiles")
  String getSmilesColumn();

  void setSmilesColumn(String value);

  @Group("input")
  @Description("Column holding row ids (SD files: a data field; unset, the title line). "
      + "Unset: 'id' where a file has it, otherwise ids are derived as <file name>:<row index>. "
      + "Set: the column must exist in every file.")
  String getIdColumn();

  void setIdColumn(String value);

  @Group("input")
  @Description("Input columns to carry onto every product row (comma-separated), e.g. a name or "
      + "source; the values are those of the representative parent.")
  @Default.InstanceFactory(EmptyList.class)
  List<String> getKeepColumns();

  void setKeepColumns(List<String> value);

  @Group("input")
  @Description("A row group that cannot be decoded (a corrupt page) is skipped instead of failing "
      + "the run: its rows become reject rows with reason UNREADABLE_ROW_GROUP, and the manifest "
      + "lists each skipped stretch (file, row group, first row, rows) under 'unreadable'")
  @Default.Boolean(false)
  boolean getSkipUnreadableRowGroups();

  void setSkipUnreadableRowGroups(boolean value);

  @Group("input")
  @Description("Read only the first N rows, in file order (0: all), to try a run before a long "
      + "one.")
  @Default.Long(0)
  long getLimit();

  void setLimit(long value);

  // ---- transform

  @Group("transform")
  @Description("Catalog name(s) of the transform(s) to apply, comma-separated; each writes its "
      + "own partition. 'molxform transforms' lists them.")
  @Default.InstanceFactory(DefaultTransform.class)
  List<String> getTransform();

  void setTransform(List<String> value);

  @Group("transform")
  @Description("A YAML catalog file that replaces the built-in catalog for this run (same "
      + "format: see transforms/src/main/resources/io/molxform/chem/catalog.yaml). Unset: the "
      + "built-in catalog.")
  String getCatalog();

  void setCatalog(String value);

  @Group("transform")
  @Description("Molecules with more heavy atoms are rejected (TOO_LARGE) instead of transformed.")
  @Default.Integer(150)
  int getMaxHeavyAtoms();

  void setMaxHeavyAtoms(int value);

  @Group("transform")
  @Description("Reagent list (building blocks) for the two-component transforms of the run "
      + "(MOLECULE.REAGENT>>PRODUCT), in any input format (CSV or TSV with a header, SMILES, "
      + "SD, Parquet), local or on any store. Unset: the list each catalog entry names "
      + "('reagents:').")
  String getReagents();

  void setReagents(String value);

  @Group("transform")
  @Description("Column of the reagent list holding reagent ids; where the list has none, ids are "
      + "<file name>:<row index>.")
  @Default.String("id")
  String getReagentIdColumn();

  void setReagentIdColumn(String value);

  @Group("transform")
  @Description("Column of the reagent list holding the reagents' SMILES.")
  @Default.String("smiles")
  String getReagentSmilesColumn();

  void setReagentSmilesColumn(String value);

  @Group("transform")
  @Description("Two-component transforms: react each molecule with N reagents drawn by a hash "
      + "of the molecule's and the reagent's ids (the same on every runner) instead of every "
      + "reagent, for spaces too large to enumerate (0: every reagent).")
  @Default.Integer(0)
  int getReagentSample();

  void setReagentSample(int value);

  // ---- dedup

  @Group("dedup")
  @Description("Library-wide dedup of products within each transform: exact (by canonical "
      + "SMILES; smallest parent id represents), bloom (approximate, bounded memory, may drop "
      + "products), or none.")
  @Default.Enum("exact")
  DedupMode getDedup();

  void setDedup(DedupMode value);

  @Group("dedup")
  @Description("Exact dedup: how many buckets the candidates are spread over by a hash of the "
      + "product, each written as compressed files where the run spills and merged by one worker "
      + "at a time. Each worker of the chemistry keeps one open file per bucket (a Zstandard "
      + "compressor and a 64 KB buffer); fewer, larger buckets keep more similar molecules "
      + "together in the output, which then compresses better.")
  @Default.Integer(32)
  int getDedupBuckets();

  void setDedupBuckets(int value);

  @Group("dedup")
  @Description("Exact dedup: the most records (product candidates and input molecules, "
      + "duplicates included) one worker holds in memory while it merges a bucket, packed "
      + "as bytes: about 170 bytes of heap each for natural products' SMILES; a larger bucket "
      + "is merged through sorted runs in compressed files, which costs a second write and "
      + "read of its products. At most 100,000,000.")
  @Default.Integer(250_000)
  int getDedupMemoryProducts();

  void setDedupMemoryProducts(int value);

  @Group("dedup")
  @Description("Bloom dedup: the number of distinct products the filters are sized for (over "
      + "all transforms).")
  @Default.Long(10_000_000L)
  long getExpectedProducts();

  void setExpectedProducts(long value);

  @Group("dedup")
  @Description("Bloom dedup: false-positive rate per lookup at the expected number of products; "
      + "each false positive drops a real product.")
  @Default.Double(0.001)
  double getBloomFpp();

  void setBloomFpp(double value);

  @Group("dedup")
  @Description("Bloom dedup: number of hash shards, each with its own filter held in Beam state.")
  @Default.Integer(64)
  int getBloomShards();

  void setBloomShards(int value);

  @Group("dedup")
  @Description("Leave out products that are molecules of the input library itself (same "
      + "canonical SMILES), so only new molecules are written; counted as products_in_input. "
      + "Needs --dedup=exact: input molecules meet their products in the dedup's shuffle. "
      + "Costs one canonical SMILES per input row and one shuffle record per row and transform.")
  @Default.Boolean(false)
  boolean getExcludeInputMolecules();

  void setExcludeInputMolecules(boolean value);

  // ---- output

  @Group("output")
  @Description("Output directory: products/transform=NAME/, rejects/, report.html and "
      + "_MANIFEST.json, written last.")
  @Default.String("out/demo")
  String getOutput();

  void setOutput(String value);

  @Group("output")
  @Description("Replace an existing non-empty output directory (its manifest is removed first, "
      + "so an interrupted overwrite never looks finished).")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);

  @Group("output")
  @Description("Most rows in one Parquet shard; the number of shards follows from the data.")
  @Default.Long(1_000_000L)
  long getMaxRowsPerShard();

  void setMaxRowsPerShard(long value);

  @Group("output")
  @Description("Parquet compression codec: ZSTD, SNAPPY, GZIP or UNCOMPRESSED.")
  @Default.Enum("ZSTD")
  CompressionCodecName getCompression();

  void setCompression(CompressionCodecName value);

  @Group("output")
  @Description("Parquet row group size in bytes.")
  @Default.Integer(64 * 1024 * 1024)
  int getRowGroupBytes();

  void setRowGroupBytes(int value);

  @Group("output")
  @Description("Parents per transform drawn in report.html beside their products, chosen by a "
      + "hash of id and SMILES (0: no drawings; the report's counts and histogram remain; at "
      + "most 100).")
  @Default.Integer(12)
  int getReportSamples();

  void setReportSamples(int value);

  @Group("output")
  @Description("The most products report.html draws beside one sampled parent.")
  @Default.Integer(6)
  int getReportProducts();

  void setReportProducts(int value);

  // ---- run

  @Group("run")
  @Description("Folder where a run with embedded Flink spills: the exact dedup's bucket files "
      + "and Flink's sort files (Flink's io.tmp.dirs), in a folder of the run's own that goes "
      + "when the run ends; it needs free space of about three times the output. Unset: the system "
      + "temporary folder (java.io.tmpdir). On a Flink cluster the dedup's files go to the "
      + "output's temporary folder and Flink spills where its own configuration says.")
  String getSpillDirectory();

  void setSpillDirectory(String value);

  @Group("run")
  @Description("How many spilled sorted runs embedded Flink merges in one pass (Flink's "
      + "taskmanager.runtime.max-fan). Beyond it Flink merges in extra passes that write the "
      + "spilled data again; with Flink's 128, 10 million rows spilled 2.4 GB more at the end of "
      + "the chemistry. Each run merged needs a 32 KB page of the sorter's memory; Flink lowers "
      + "the fan-in when memory is short. Applies to Flink embedded in this process without "
      + "--flinkConfDir.")
  @Default.Integer(1024)
  int getSpillMergeFanIn();

  void setSpillMergeFanIn(int value);

  @Group("run")
  @Description("With no --runner, a run of less chemistry than this many molecules (rows times, "
      + "per transform, one or the reagents each row meets) runs on Beam's DirectRunner in this "
      + "process instead of embedded Flink, and spreads its candidates over at most one dedup "
      + "bucket per 5,000 molecules: it starts without Flink's mini cluster, about two seconds "
      + "sooner. The DirectRunner holds a step's output in memory until the next step takes it, "
      + "which this bound keeps small. On two cores the demo took 0.75 of its time on Flink, "
      + "10,000 generated rows 0.90, 30,000 rows 1.00, and 450 molecules with 40 acids "
      + "(18,000 molecules' worth) 0.90 to 1.09. Not with --parallelism, --spillDirectory or "
      + "--flinkConfDir, which are Flink's. 0: embedded Flink always.")
  @Default.Long(15_000)
  long getDirectRunnerBelow();

  void setDirectRunnerBelow(long value);

  @Group("run")
  @Description("Embedded Flink without --parallelism: a run of less chemistry than this many "
      + "molecules (rows times, per transform, one or the reagents each row meets) runs on one "
      + "task instead of one per core. A short run on every core spends more on its tasks' "
      + "start and the JIT than the second core gains it: on two cores the demo took 0.90 of "
      + "its time on one task and 30,000 rows 0.94, where 100,000 rows took 1.17. 0: one task "
      + "per core always.")
  @Default.Long(50_000)
  long getOneTaskBelow();

  void setOneTaskBelow(long value);

  @Group("run")
  @Description("On Flink, in each JVM (this process, or each TaskManager for each job): start one "
      + "chemistry task at once and the others when the JIT has compiled the chemistry (its "
      + "compilers nearly idle for a second) or the first task has read every row, waiting at most "
      + "this many seconds; 0 starts every task at once. With a chemistry task on every core, the "
      + "compilers otherwise share the cores with chemistry that is still slow code. A waiting "
      + "task has taken no rows: the first one reads meanwhile.")
  @Default.Integer(20)
  int getStaggerSeconds();

  void setStaggerSeconds(int value);

  @Group("run")
  @Description("No progress lines (standard error) and no summary (standard output); errors "
      + "are still printed.")
  @Default.Boolean(false)
  boolean getQuiet();

  void setQuiet(boolean value);

  @Group("run")
  @Description("Seconds between progress lines.")
  @Default.Integer(10)
  int getProgressSeconds();

  void setProgressSeconds(int value);

  @Group("run")
  @Description("Submit the job to the cluster (--flinkMaster), print its id and how to follow "
      + "it, and return: the job finishes the output on its own, and its claim on the output "
      + "lasts as long as the job runs. Without it, the run waits for the job, and stopping the "
      + "run (Ctrl-C, SIGTERM) cancels the job.")
  @Default.Boolean(false)
  boolean getDetached();

  void setDetached(boolean value);

  @Group("run")
  @Description("Seconds a stopped run waits for its cluster job to be cancelled before it "
      + "cleans up and exits.")
  @Default.Integer(60)
  int getCancelWaitSeconds();

  void setCancelWaitSeconds(int value);

  @Hidden
  @Description("For tests: a failure the pipeline makes on purpose (NONE, "
      + "FAIL_AFTER_FIRST_MERGE, DROP_PRODUCTS), to test recovery and accounting.")
  @Default.Enum("NONE")
  FaultInjection getFaultInjection();

  void setFaultInjection(FaultInjection value);

  /** Default for {@link #getKeepColumns()}. */
  final class EmptyList implements org.apache.beam.sdk.options.DefaultValueFactory<List<String>> {
    @Override
    public List<String> create(PipelineOptions options) {
      return List.of();
    }
  }

  /** Default for {@link #getTransform()}: the demo's phenol O-methylation. */
  final class DefaultTransform
      implements org.apache.beam.sdk.options.DefaultValueFactory<List<String>> {
    @Override
    public List<String> create(PipelineOptions options) {
      return List.of("FG_PHENOL_OH__OH__TO__OMe");
    }
  }
}
