package io.molxform.beam;

import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.ParsedMolecule;
import io.molxform.chem.ReactionOutcome;
import io.molxform.chem.ReactionTransformer;
import io.molxform.chem.ReagentSet;
import io.molxform.chem.Product;
import io.molxform.chem.ReasonCode;
import io.molxform.chem.Rejection;
import io.molxform.chem.TransformOutcome;
import io.molxform.chem.TransformSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Applies catalog transforms to every molecule: one parse per row serves every transform. Emits
 * one stream of {@link ChemistryRecord}s: product candidates (distinct per parent) under their
 * {@link RecordKey}, reject rows, the run's counts ({@link Tally}) and, when asked, the input
 * molecules and the parents sampled for the run report. The chemistry lives in
 * {@link MoleculeTransformer}; this class only adapts it to Beam.
 */
public final class ApplyTransforms
    extends PTransform<PCollection<MoleculeRow>, PCollection<KV<RecordKey, ChemistryRecord>>> {
  /** Namespace of the Beam metrics this step publishes (same names as the tallies). */
  public static final String METRICS_NAMESPACE = "molxform";

  private final List<TransformSpec> specs;
  private final int maxHeavyAtoms;
  private final boolean emitInputMolecules;
  private final int reportSamples;
  private final Reagents reagents;
  private final long staggerMillis;

  public ApplyTransforms(List<TransformSpec> specs, int maxHeavyAtoms) {
    this(specs, maxHeavyAtoms, false);
  }

  /**
   * @param emitInputMolecules also emit each parsed input molecule under the product key of
   *     every transform, for the dedup to leave out products that are already in the library
   *     (costs one canonical SMILES per row)
   */
  public ApplyTransforms(List<TransformSpec> specs, int maxHeavyAtoms,
      boolean emitInputMolecules) {
    this(specs, maxHeavyAtoms, emitInputMolecules, 0, Reagents.NONE, 0);
  }

  private ApplyTransforms(List<TransformSpec> specs, int maxHeavyAtoms,
      boolean emitInputMolecules, int reportSamples, Reagents reagents, long staggerMillis) {
    this.specs = List.copyOf(specs);
    this.maxHeavyAtoms = maxHeavyAtoms;
    this.emitInputMolecules = emitInputMolecules;
    this.reportSamples = reportSamples;
    this.reagents = reagents;
    this.staggerMillis = staggerMillis;
  }

  /**
   * The reagents of the run's two-component transforms ({@link Reagents}); required when any
   * transform has two reactant templates.
   */
  public ApplyTransforms withReagents(Reagents reagents) {
    return new ApplyTransforms(specs, maxHeavyAtoms, emitInputMolecules, reportSamples,
        reagents, staggerMillis);
  }

  /**
   * Also samples, per transform, {@code parents} of the parents with products for the run
   * report ({@link ParentSample}): records under {@link RecordKey.Sample} keys.
   */
  public ApplyTransforms withReportSamples(int parents) {
    return new ApplyTransforms(specs, maxHeavyAtoms, emitInputMolecules, parents, reagents,
        staggerMillis);
  }

  /**
   * Starts one chemistry task per JVM first and the others once the JIT has compiled the
   * chemistry, waiting at most {@code maxSeconds} ({@link StaggeredStart}); 0 starts every task
   * at once. Only for runners that ask for a task's input after setting up its steps (Flink).
   */
  public ApplyTransforms withStaggeredStart(int maxSeconds) {
    return new ApplyTransforms(specs, maxHeavyAtoms, emitInputMolecules, reportSamples,
        reagents, Math.max(0, maxSeconds) * 1000L);
  }

  @Override
  public PCollection<KV<RecordKey, ChemistryRecord>> expand(PCollection<MoleculeRow> rows) {
    for (TransformSpec spec : specs) {
      if (spec.twoComponent() && reagents.of(spec.name()) == null) {
        throw new IllegalArgumentException(spec.name() + " reacts with reagents, and none were"
            + " given for it");
      }
    }
    return rows.apply("ApplyChemistry",
            ParDo.of(new ApplyFn(specs, maxHeavyAtoms, emitInputMolecules, reportSamples,
                reagents, staggerMillis)))
        .setCoder(KvCoder.of(new RecordKey.Coder(), new ChemistryRecord.Coder()));
  }

  static final class ApplyFn extends DoFn<MoleculeRow, KV<RecordKey, ChemistryRecord>> {
    private static final long serialVersionUID = 1L;

    private final List<TransformSpec> specs;
    private final int maxHeavyAtoms;
    private final boolean emitInputMolecules;
    private final int reportSamples;
    private final Reagents reagents;
    private final long staggerMillis;
    private transient MoleculeParser parser;
    private transient List<MoleculeTransformer> transformers;
    /** Per transform, its reaction with the reagents (null for a one-molecule transform). */
    private transient List<ReactionTransformer> reactions;
    /** Counts of this bundle: a handful of keys, emitted and cleared at the bundle's end. */
    private transient Map<String, Long> tallies;
    /**
     * This instance's best {@code reportSamples} parents per transform, kept across bundles so
     * that ever fewer parents qualify as rows go by.
     */
    private transient List<TreeSet<ParentSample.Parent>> sampled;
    /** The parents that joined {@link #sampled} in this bundle: only those are sent on. */
    private transient List<Set<ParentSample.Parent>> newlySampled;

    ApplyFn(List<TransformSpec> specs, int maxHeavyAtoms, boolean emitInputMolecules,
        int reportSamples, Reagents reagents, long staggerMillis) {
      this.specs = specs;
      this.maxHeavyAtoms = maxHeavyAtoms;
      this.emitInputMolecules = emitInputMolecules;
      this.reportSamples = reportSamples;
      this.reagents = reagents;
      this.staggerMillis = staggerMillis;
    }

    @Setup
    public void setup() {
      if (staggerMillis > 0) {
        StaggeredStart.jvm().awaitTurn(staggerMillis);
      }
      parser = new MoleculeParser(maxHeavyAtoms);
      transformers = new ArrayList<>();
      reactions = new ArrayList<>();
      sampled = new ArrayList<>();
      for (TransformSpec spec : specs) {
        // Each worker parses and matches the reagents once, here, not once per pair.
        boolean reaction = spec.twoComponent();
        transformers.add(reaction ? null : new MoleculeTransformer(spec));
        reactions.add(reaction ? new ReactionTransformer(spec,
            ReagentSet.prepare(spec, reagents.of(spec.name()), maxHeavyAtoms)) : null);
        sampled.add(new TreeSet<>(ParentSample.RANK_ORDER));
      }
    }

    @Teardown
    public void teardown() {
      StaggeredStart.jvm().taskEnds();
    }

    @StartBundle
    public void startBundle() {
      RunTimeline.mark("chemistry");
      tallies = new HashMap<>();
      newlySampled = new ArrayList<>();
      for (int t = 0; t < specs.size(); t++) {
        newlySampled.add(new HashSet<>());
      }
    }

    @ProcessElement
    public void process(@Element MoleculeRow row,
        OutputReceiver<KV<RecordKey, ChemistryRecord>> out) {
      count(Tally.ROWS_READ, 1);
      RunProgress.rowRead();
      StaggeredStart.jvm().chemistryBegins();
      if (row.unreadable() != null) {
        count(Tally.unreadable(row.unreadable()), 1);
        Rejection rejection = new Rejection(ReasonCode.UNREADABLE_ROW_GROUP, row.unreadable(),
            null);
        for (TransformSpec spec : specs) {
          reject(out, row, spec.name(), rejection, false);
        }
        return;
      }
      if (row.invalid() != null) {
        Rejection rejection = new Rejection(ReasonCode.INVALID_RECORD, row.invalid(), null);
        for (TransformSpec spec : specs) {
          reject(out, row, spec.name(), rejection, false);
        }
        return;
      }
      MoleculeParser.Result parsed = parser.parse(row.smiles());
      if (!parsed.ok()) {
        for (TransformSpec spec : specs) {
          reject(out, row, spec.name(), parsed.rejection(), false);
        }
        return;
      }
      if (emitInputMolecules) {
        String canonical = parsed.molecule().canonicalSmiles();
        for (int t = 0; t < specs.size(); t++) {
          out.output(KV.of(new RecordKey.Product(t, canonical),
              new ChemistryRecord.InputMolecule()));
        }
      }
      for (int t = 0; t < transformers.size(); t++) {
        if (reactions.get(t) != null) {
          react(t, row, parsed.molecule(), out);
          continue;
        }
        MoleculeTransformer transformer = transformers.get(t);
        String name = transformer.spec().name();
        TransformOutcome outcome = transformer.apply(parsed.molecule());
        switch (outcome.status()) {
          case PRODUCTS -> {
            count(Tally.key(name, Tally.WITH_PRODUCTS), 1);
            count(Tally.key(name, Tally.CANDIDATES), outcome.products().size());
            count(Tally.key(name, Tally.PRODUCTS_PER_PARENT,
                Integer.toString(outcome.products().size())), 1);
            sample(t, row);
            RunProgress.productsMade(outcome.products().size());
            for (Product product : outcome.products()) {
              out.output(KV.of(new RecordKey.Product(t, product.smiles()),
                  ChemistryRecord.Product.of(row.id(), row.smiles(), product.sites(),
                      row.carried())));
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

    /** One row through a two-component transform: its products stream out reagent by reagent. */
    private void react(int t, MoleculeRow row, ParsedMolecule molecule,
        OutputReceiver<KV<RecordKey, ChemistryRecord>> out) {
      ReactionTransformer reaction = reactions.get(t);
      String name = reaction.spec().name();
      ReactionOutcome outcome = reaction.apply(molecule, row.id(), reagents.sample(),
          new ReactionTransformer.Sink() {
            @Override
            public void products(String reagentId, List<Product> products) {
              RunProgress.productsMade(products.size());
              for (Product product : products) {
                out.output(KV.of(new RecordKey.Product(t, product.smiles()),
                    ChemistryRecord.Product.of(row.id(), row.smiles(), product.sites(),
                        row.carried(), reagentId)));
              }
            }

            @Override
            public void productRejected(String reagentId, Rejection rejection) {
              reject(out, row, name, rejection, true, reagentId);
            }
          });
      count(Tally.key(name, Tally.PAIRS_TRIED), outcome.pairsTried());
      count(Tally.key(name, Tally.PAIRS_WITH_PRODUCTS), outcome.pairsWithProducts());
      switch (outcome.status()) {
        case PRODUCTS -> {
          count(Tally.key(name, Tally.WITH_PRODUCTS), 1);
          count(Tally.key(name, Tally.CANDIDATES), outcome.products());
          count(Tally.key(name, Tally.PRODUCTS_PER_PARENT,
              Integer.toString(outcome.products())), 1);
          sample(t, row);
        }
        case NO_SITE -> count(Tally.key(name, Tally.NO_SITE), 1);
        case NO_CHANGE -> count(Tally.key(name, Tally.NO_CHANGE), 1);
        case REJECTED -> reject(out, row, name, outcome.rowRejection(), false);
      }
      if (outcome.truncated()) {
        count(Tally.key(name, Tally.TRUNCATED), 1);
      }
    }

    private void reject(OutputReceiver<KV<RecordKey, ChemistryRecord>> out, MoleculeRow row,
        String transform, Rejection rejection, boolean singleProduct) {
      reject(out, row, transform, rejection, singleProduct, null);
    }

    private void reject(OutputReceiver<KV<RecordKey, ChemistryRecord>> out, MoleculeRow row,
        String transform, Rejection rejection, boolean singleProduct, String reagentId) {
      String code = rejection.code().name();
      count(Tally.key(transform, singleProduct ? Tally.PRODUCT_REJECTED : Tally.REJECTED, code),
          1);
      // A row from a text file names its file and line, so that a bad record can be found.
      String reason = row.where() == null ? rejection.message()
          : rejection.message() + " (" + row.where() + ")";
      out.output(KV.of(RecordKey.Reject.random(), new ChemistryRecord.Reject(new RejectRow(row.id(),
          row.smiles(), transform, rejection.stage().label(), code, reason,
          singleProduct ? rejection.subject() : null, reagentId))));
    }

    private void sample(int transform, MoleculeRow row) {
      if (reportSamples == 0) {
        return;
      }
      TreeSet<ParentSample.Parent> best = sampled.get(transform);
      ParentSample.Parent parent = ParentSample.Parent.of(row.id(), row.smiles());
      if (best.size() < reportSamples || ParentSample.RANK_ORDER.compare(parent, best.last()) < 0) {
        if (best.add(parent)) {
          newlySampled.get(transform).add(parent);
        }
        if (best.size() > reportSamples) {
          newlySampled.get(transform).remove(best.pollLast());
        }
      }
    }

    private void count(String key, long by) {
      tallies.merge(key, by, Long::sum);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      RunTimeline.mark("chemistry");
      for (Map.Entry<String, Long> tally : tallies.entrySet()) {
        Metrics.counter(METRICS_NAMESPACE, tally.getKey()).inc(tally.getValue());
        context.output(KV.of(new RecordKey.Count(tally.getKey()),
                new ChemistryRecord.Count(tally.getValue())),
            BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
      tallies.clear();
      for (int t = 0; t < specs.size(); t++) {
        Set<ParentSample.Parent> joined = newlySampled.get(t);
        if (!joined.isEmpty()) {
          List<ParentSample.Parent> parents = new ArrayList<>(joined);
          parents.sort(ParentSample.RANK_ORDER);
          context.output(KV.of(new RecordKey.Sample(t), new ChemistryRecord.Samples(
                  new ParentSample(reportSamples, List.copyOf(parents)))),
              BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
          joined.clear();
        }
      }
    }
  }
}
