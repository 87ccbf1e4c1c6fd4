package io.molxform.beam;

import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.Product;
import io.molxform.chem.Rejection;
import io.molxform.chem.TransformOutcome;
import io.molxform.chem.TransformSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Applies catalog transforms to every molecule: one parse per row serves every transform. Emits
 * product candidates (distinct per parent), reject rows and the run's counts ({@link Tally}).
 * The chemistry lives in {@link MoleculeTransformer}; this class only adapts it to Beam.
 */
public final class ApplyTransforms extends PTransform<PCollection<MoleculeRow>, PCollectionTuple> {
  public static final TupleTag<ProductRow> PRODUCTS = new TupleTag<>() {};
  public static final TupleTag<RejectRow> REJECTS = new TupleTag<>() {};
  /** Sums per {@link Tally} key, one element per key. */
  public static final TupleTag<KV<String, Long>> TALLIES = new TupleTag<>() {};
  /**
   * Canonical SMILES of every input molecule that parsed, when asked for (to leave out products
   * that are already in the library); empty otherwise.
   */
  public static final TupleTag<String> INPUT_MOLECULES = new TupleTag<>() {};

  /** Namespace of the Beam metrics this step publishes (same names as the tallies). */
  public static final String METRICS_NAMESPACE = "molxform";

  private final List<TransformSpec> specs;
  private final int maxHeavyAtoms;
  private final boolean emitInputMolecules;

  public ApplyTransforms(List<TransformSpec> specs, int maxHeavyAtoms) {
    this(specs, maxHeavyAtoms, false);
  }

  /**
   * @param emitInputMolecules also emit each parsed input molecule's canonical SMILES under
   *     {@link #INPUT_MOLECULES} (costs one canonical SMILES per row)
   */
  public ApplyTransforms(List<TransformSpec> specs, int maxHeavyAtoms,
      boolean emitInputMolecules) {
    this.specs = List.copyOf(specs);
    this.maxHeavyAtoms = maxHeavyAtoms;
    this.emitInputMolecules = emitInputMolecules;
  }

  @Override
  public PCollectionTuple expand(PCollection<MoleculeRow> rows) {
    PCollectionTuple outputs = rows.apply("ApplyChemistry",
        ParDo.of(new ApplyFn(specs, maxHeavyAtoms, emitInputMolecules))
            .withOutputTags(PRODUCTS,
                TupleTagList.of(REJECTS).and(TALLIES).and(INPUT_MOLECULES)));
    outputs.get(PRODUCTS).setCoder(new ProductRow.Coder());
    outputs.get(REJECTS).setCoder(new RejectRow.Coder());
    outputs.get(INPUT_MOLECULES).setCoder(StringUtf8Coder.of());
    PCollection<KV<String, Long>> bundleTallies = outputs.get(TALLIES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return PCollectionTuple.of(PRODUCTS, outputs.get(PRODUCTS))
        .and(REJECTS, outputs.get(REJECTS))
        .and(TALLIES, bundleTallies.apply("SumTallies", Sum.longsPerKey()))
        .and(INPUT_MOLECULES, outputs.get(INPUT_MOLECULES));
  }

  static final class ApplyFn extends DoFn<MoleculeRow, ProductRow> {
    private static final long serialVersionUID = 1L;

    private final List<TransformSpec> specs;
    private final int maxHeavyAtoms;
    private final boolean emitInputMolecules;
    private transient MoleculeParser parser;
    private transient List<MoleculeTransformer> transformers;
    /** Counts of this bundle: a handful of keys, emitted and cleared at the bundle's end. */
    private transient Map<String, Long> tallies;

    ApplyFn(List<TransformSpec> specs, int maxHeavyAtoms, boolean emitInputMolecules) {
      this.specs = specs;
      this.maxHeavyAtoms = maxHeavyAtoms;
      this.emitInputMolecules = emitInputMolecules;
    }

    @Setup
    public void setup() {
      parser = new MoleculeParser(maxHeavyAtoms);
      transformers = new ArrayList<>();
      for (TransformSpec spec : specs) {
        transformers.add(new MoleculeTransformer(spec));
      }
    }

    @StartBundle
    public void startBundle() {
      tallies = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element MoleculeRow row, MultiOutputReceiver out) {
      count(Tally.ROWS_READ, 1);
      RunProgress.rowRead();
      MoleculeParser.Result parsed = parser.parse(row.smiles());
      if (!parsed.ok()) {
        for (TransformSpec spec : specs) {
          reject(out, row, spec.name(), parsed.rejection(), false);
        }
        return;
      }
      if (emitInputMolecules) {
        out.get(INPUT_MOLECULES).output(parsed.molecule().canonicalSmiles());
      }
      for (MoleculeTransformer transformer : transformers) {
        String name = transformer.spec().name();
        TransformOutcome outcome = transformer.apply(parsed.molecule());
        switch (outcome.status()) {
          case PRODUCTS -> {
            count(Tally.key(name, Tally.WITH_PRODUCTS), 1);
            count(Tally.key(name, Tally.CANDIDATES), outcome.products().size());
            RunProgress.productsMade(outcome.products().size());
            for (Product product : outcome.products()) {
              out.get(PRODUCTS).output(new ProductRow(name, product.smiles(), row.id(),
                  row.smiles(), product.sites(), 1, row.carried()));
            }
          }
          case NO_SITE -> count(Tally.key(name, Tally.NO_SITE), 1);
          case NO_CHANGE -> count(Tally.key(name, Tally.NO_CHANGE), 1);
          case REJECTED -> reject(out, row, name, outcome.rowRejection(), false);
        }
        for (Rejection rejection : outcome.productRejects()) {
          reject(out, row, name, rejection, true);
        }
        if (outcome.truncated()) {
          count(Tally.key(name, Tally.TRUNCATED), 1);
        }
      }
    }

    private void reject(MultiOutputReceiver out, MoleculeRow row, String transform,
        Rejection rejection, boolean singleProduct) {
      String code = rejection.code().name();
      count(Tally.key(transform, singleProduct ? Tally.PRODUCT_REJECTED : Tally.REJECTED, code),
          1);
      out.get(REJECTS).output(new RejectRow(row.id(), row.smiles(), transform,
          rejection.stage().label(), code, rejection.message(),
          singleProduct ? rejection.subject() : null));
    }

    private void count(String key, long by) {
      tallies.merge(key, by, Long::sum);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (Map.Entry<String, Long> tally : tallies.entrySet()) {
        Metrics.counter(METRICS_NAMESPACE, tally.getKey()).inc(tally.getValue());
        context.output(TALLIES, KV.of(tally.getKey(), tally.getValue()),
            BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
      tallies.clear();
    }
  }
}
