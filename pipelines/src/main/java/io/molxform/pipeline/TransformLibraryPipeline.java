package io.molxform.pipeline;

import io.molxform.beam.ApplyTransforms;
import io.molxform.beam.ChemistryRecord;
import io.molxform.beam.MoleculeRow;
import io.molxform.beam.Reagents;
import io.molxform.beam.RecordKey;
import io.molxform.beam.dedup.DedupProducts;
import io.molxform.beam.write.FinalizeOutput;
import io.molxform.beam.write.ShardFiles;
import io.molxform.beam.write.WriteShards;
import io.molxform.chem.TransformSpec;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The molxform pipeline: read the library, apply the transforms, dedup the products, write
 * bounded shards of products and rejects, and finish with the run report and the manifest.
 *
 * <pre>
 * Read ─> ApplyTransforms ─> Dedup ─> WriteShards ─> Finalize
 * </pre>
 *
 * <p>Everything the chemistry makes (products, rejects, counts, input molecules) travels as one
 * stream of {@link ChemistryRecord}s. No product crosses a runner's shuffle: the exact dedup
 * moves them through compressed files of its own and shuffles only their names and the run's
 * counts; the writers roll files at the bound as rows arrive, each dedup branch written in the
 * step that makes it.
 */
public final class TransformLibraryPipeline {
  private TransformLibraryPipeline() {}

  /**
   * The job's main collections, for tests to assert on: the records after dedup, as the dedup's
   * branches (flatten them to see them together), and the run's counts.
   */
  public record Outputs(
      PCollectionList<KV<RecordKey, ChemistryRecord>> records,
      PCollection<KV<String, Long>> tallies) {}

  /** Adds the whole job to {@code pipeline}, as {@code plan} decided it. */
  public static Outputs build(Pipeline pipeline, RunPlan plan) {
    MolxformOptions options = plan.options();
    List<TransformSpec> transforms = plan.transforms();
    Reagents reagents = plan.reagents();
    List<String> names = transforms.stream().map(TransformSpec::name).toList();
    PCollection<MoleculeRow> molecules = pipeline.apply("ReadLibrary",
        plan.library().read(options.getSkipUnreadableRowGroups()));
    PCollectionList<KV<RecordKey, ChemistryRecord>> records = molecules
        .apply("ApplyTransforms", new ApplyTransforms(
            transforms, options.getMaxHeavyAtoms(), options.getExcludeInputMolecules())
            .withReportSamples(options.getReportSamples())
            .withReagents(reagents)
            .withStaggeredStart(plan.runner().onFlink() ? options.getStaggerSeconds() : 0))
        .apply("Dedup", dedup(options, plan.spill().dedupDirectory(plan.tempDirectory()),
            plan.runner()).countedFor(names));
    List<KV<RecordKey, ChemistryRecord>> reagentRecords = reagents.records(transforms);
    if (!reagentRecords.isEmpty()) {
      records = records.and(pipeline.apply("ReagentRejects", Create.of(reagentRecords)
          .withCoder(KvCoder.of(new RecordKey.Coder(), new ChemistryRecord.Coder()))));
    }
    ShardFiles files = new ShardFiles(plan.tempDirectory(), options.getMaxRowsPerShard(),
        options.getCompression(), options.getRowGroupBytes());
    PCollectionTuple written = records.apply("WriteShards",
        new WriteShards(names, options.getKeepColumns(), files)
            .withFault(options.getFaultInjection()));
    PCollection<KV<String, Long>> tallies = written.get(WriteShards.TALLIES);
    pipeline.apply("Finalize", new FinalizeOutput(plan.output(), plan.runInfoJson(), transforms,
        written.get(WriteShards.SHARDS), tallies, written.get(WriteShards.SAMPLES),
        options.getReportProducts(), files, reagents.accepted()));
    return new Outputs(records, tallies);
  }

  private static DedupProducts dedup(MolxformOptions options, String dedupDirectory,
      RunnerProfile runner) {
    DedupProducts dedup = switch (options.getDedup()) {
      case exact -> DedupProducts.exact(dedupDirectory, options.getDedupBuckets(),
          options.getDedupMemoryProducts());
      case bloom -> DedupProducts.bloom(options.getExpectedProducts(), options.getBloomFpp(),
          options.getBloomShards());
      case none -> DedupProducts.none();
    };
    return dedup.placedBy(FlinkKeyPlacement.forRun(runner))
        .withFault(options.getFaultInjection());
  }
}
