package io.molxform.beam;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Leaves out the products that are molecules of the input library itself: a chemist expanding
 * a library wants the new molecules. Products and input molecules meet in a join on canonical
 * SMILES, so memory is bounded by the runner's shuffle, as for exact dedup. Runs after dedup,
 * where each product has one row per transform, so a join group holds a few rows.
 *
 * <p>Outputs the products that are new under {@link #NEW_PRODUCTS} and, under {@link #TALLIES},
 * per transform the count of those left out ({@link Tally#IN_INPUT}).
 */
public final class ExcludeInputMolecules
    extends PTransform<PCollection<ProductRow>, PCollectionTuple> {
  public static final TupleTag<ProductRow> NEW_PRODUCTS = new TupleTag<>() {};
  public static final TupleTag<KV<String, Long>> TALLIES = new TupleTag<>() {};

  private static final TupleTag<ProductRow> PRODUCT = new TupleTag<>() {};
  private static final TupleTag<Void> IN_INPUT = new TupleTag<>() {};

  private final PCollection<String> inputMolecules;

  /** @param inputMolecules canonical SMILES of the input molecules, as products are written */
  public ExcludeInputMolecules(PCollection<String> inputMolecules) {
    this.inputMolecules = inputMolecules;
  }

  @Override
  public PCollectionTuple expand(PCollection<ProductRow> products) {
    PCollection<KV<String, ProductRow>> bySmiles = products
        .apply("KeyProductsBySmiles", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), products.getTypeDescriptor()))
            .via((ProductRow row) -> KV.of(row.productSmiles(), row)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), new ProductRow.Coder()));
    PCollection<KV<String, Void>> inputs = inputMolecules
        .apply("KeyInputsBySmiles", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.voids()))
            .via((String smiles) -> KV.of(smiles, (Void) null)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VoidCoder.of()));
    PCollectionTuple split = KeyedPCollectionTuple.of(PRODUCT, bySmiles)
        .and(IN_INPUT, inputs)
        .apply("JoinOnSmiles", CoGroupByKey.create())
        .apply("DropInputMolecules", ParDo.of(new DropInputMoleculesFn())
            .withOutputTags(NEW_PRODUCTS, TupleTagList.of(TALLIES)));
    split.get(NEW_PRODUCTS).setCoder(new ProductRow.Coder());
    PCollection<KV<String, Long>> tallies = split.get(TALLIES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("SumLeftOut", Sum.longsPerKey());
    return PCollectionTuple.of(NEW_PRODUCTS, split.get(NEW_PRODUCTS)).and(TALLIES, tallies);
  }

  static final class DropInputMoleculesFn extends DoFn<KV<String, CoGbkResult>, ProductRow> {
    private static final long serialVersionUID = 1L;
    private transient TransformCounters leftOut;

    @Setup
    public void setup() {
      leftOut = new TransformCounters(Tally.IN_INPUT);
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      boolean inInput = group.getValue().getAll(IN_INPUT).iterator().hasNext();
      for (ProductRow row : group.getValue().getAll(PRODUCT)) {
        if (inInput) {
          leftOut.inc(row.transform());
          out.get(TALLIES).output(KV.of(Tally.key(row.transform(), Tally.IN_INPUT), 1L));
        } else {
          out.get(NEW_PRODUCTS).output(row);
        }
      }
    }
  }
}
