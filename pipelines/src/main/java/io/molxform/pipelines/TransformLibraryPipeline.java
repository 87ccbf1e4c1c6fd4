package io.molxform.pipelines;

import io.molxform.beam.ApplyTransforms;
import io.molxform.beam.DedupProducts;
import io.molxform.beam.ExcludeInputMolecules;
import io.molxform.beam.FinalizeOutput;
import io.molxform.beam.MoleculeRow;
import io.molxform.beam.OutputFormats;
import io.molxform.beam.ParquetLibrary;
import io.molxform.beam.ProductRow;
import io.molxform.beam.ReadMolecules;
import io.molxform.beam.RejectRow;
import io.molxform.beam.WriteShards;
import io.molxform.beam.WrittenShard;
import io.molxform.chem.TransformSpec;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The molxform pipeline: read the library, apply the transforms, dedup the products, write
 * bounded shards of products and rejects, and finish with the manifest.
 *
 * <pre>
 * Read ─> ApplyTransforms ─> Dedup ─> [ExcludeInputMolecules] ─> WriteShards(products) ─┐
 *               └─> rejects ─────────────────────────────────> WriteShards(rejects) ──┴─> Finalize
 * </pre>
 */
public final class TransformLibraryPipeline {
  private TransformLibraryPipeline() {}

  /** The job's main collections, for tests to assert on. */
  public record Outputs(
      PCollection<ProductRow> products,
      PCollection<RejectRow> rejects,
      PCollection<KV<String, Long>> tallies) {}

  /**
   * Adds the whole job to {@code pipeline}.
   *
   * @param output absolute output directory, prepared by {@link OutputDirectory}
   * @param tempDirectory the run's temporary folder inside {@code output}
   * @param runInfoJson what the manifest records about the run before it starts
   */
  public static Outputs build(Pipeline pipeline, MolxformOptions options, ParquetLibrary library,
      List<TransformSpec> transforms, String output, String tempDirectory, String runInfoJson) {
    PCollection<MoleculeRow> molecules = pipeline.apply("ReadLibrary", new ReadMolecules(library));

    PCollectionTuple applied = molecules.apply("ApplyTransforms", new ApplyTransforms(
        transforms, options.getMaxHeavyAtoms(), options.getExcludeInputMolecules()));
    PCollection<KV<String, Long>> tallies = applied.get(ApplyTransforms.TALLIES);

    PCollection<ProductRow> products = applied.get(ApplyTransforms.PRODUCTS)
        .apply("Dedup", DedupProducts.of(options.getDedup(), options.getExpectedProducts(),
            options.getBloomFpp(), options.getBloomShards()));
    if (options.getExcludeInputMolecules()) {
      PCollectionTuple excluded = products.apply("ExcludeInputMolecules",
          new ExcludeInputMolecules(applied.get(ApplyTransforms.INPUT_MOLECULES)));
      products = excluded.get(ExcludeInputMolecules.NEW_PRODUCTS);
      tallies = PCollectionList.of(tallies).and(excluded.get(ExcludeInputMolecules.TALLIES))
          .apply("AllTallies", Flatten.pCollections());
    }

    PCollection<WrittenShard> productShards = products.apply("WriteProducts",
        new WriteShards<>(OutputFormats.products(options.getKeepColumns()), new ProductRow.Coder(),
            tempDirectory, options.getMaxRowsPerShard(), options.getCompression(),
            options.getRowGroupBytes()));
    PCollection<WrittenShard> rejectShards = applied.get(ApplyTransforms.REJECTS)
        .apply("WriteRejects", new WriteShards<>(OutputFormats.rejects(), new RejectRow.Coder(),
            tempDirectory, options.getMaxRowsPerShard(), options.getCompression(),
            options.getRowGroupBytes()));

    PCollection<WrittenShard> shards = PCollectionList.of(productShards).and(rejectShards)
        .apply("AllShards", Flatten.pCollections());
    pipeline.apply("Finalize", new FinalizeOutput(output, tempDirectory, runInfoJson,
        transforms.stream().map(TransformSpec::name).toList(), shards, tallies));
    return new Outputs(products, applied.get(ApplyTransforms.REJECTS), tallies);
  }
}
