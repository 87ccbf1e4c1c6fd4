package io.molxform.tools;

import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.Product;
import io.molxform.chem.ReactionTransformer;
import io.molxform.chem.ReagentSet;
import io.molxform.chem.Rejection;
import io.molxform.chem.TransformSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The per-molecule path alone (parse, match, apply, validate, canonical SMILES), without a
 * pipeline ({@code molxform bench-chemistry}). Each of {@code threads} threads runs the whole
 * sample with its own parser and transformer, as each worker of a run does, so the figure per
 * thread is the chemistry's speed per core when that many cores are busy. The first rounds warm
 * the JIT; the last is reported. A round goes through the sample as many times as it takes each
 * thread to reach {@link #MIN_MOLECULES_PER_ROUND} molecules, so that a round lasts long enough
 * to time.
 */
public final class ChemistryBenchmark {
  static final int MIN_MOLECULES_PER_ROUND = 20_000;

  private ChemistryBenchmark() {}

  /**
   * Runs {@code rounds} timed rounds over {@code smiles}, printing one line per round.
   *
   * @param reagents for a two-component transform, its reagents (each molecule meets every one)
   */
  public static void run(List<String> smiles, TransformSpec transform,
      List<ReagentSet.Row> reagents, int rounds, int threads, PrintStream out) {
    // A pair costs about what a one-molecule transform's molecule does: rounds count pairs.
    long perPass = (long) smiles.size() * Math.max(1, reagents.size());
    int passes = (int) Math.max(1, (MIN_MOLECULES_PER_ROUND + perPass - 1) / perPass);
    List<Worker> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(new Worker(smiles, transform, reagents, passes));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 1; round <= rounds; round++) {
        long started = System.nanoTime();
        List<CompletableFuture<long[]>> running = new ArrayList<>();
        for (Worker worker : workers) {
          running.add(CompletableFuture.supplyAsync(worker::round, pool));
        }
        long products = 0;
        long parseNanos = 0;
        for (CompletableFuture<long[]> result : running) {
          long[] counts = result.join();
          products += counts[0];
          parseNanos += counts[1];
        }
        long molecules = (long) passes * smiles.size() * threads;
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println(String.format(Locale.ROOT,
            "%s round %d/%d: threads=%d molecules=%d products=%d seconds=%.2f mol_per_s=%.0f"
                + " mol_per_s_per_thread=%.0f products_per_s=%.0f"
                + " products_per_s_per_thread=%.0f parse_share=%.0f%%",
            round == rounds ? "molxform" : "warm-up", round, rounds, threads, molecules,
            products, seconds, molecules / seconds, molecules / seconds / threads,
            products / seconds, products / seconds / threads,
            100.0 * parseNanos / 1e9 / seconds / threads));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** One thread's parser and transformer, as one worker of a run holds them. */
  private static final class Worker {
    private final List<String> smiles;
    private final int passes;
    private final MoleculeTransformer transformer;
    private final ReactionTransformer reaction;
    private final MoleculeParser parser =
        new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    private long products;

    Worker(List<String> smiles, TransformSpec transform, List<ReagentSet.Row> reagents,
        int passes) {
      this.smiles = smiles;
      this.passes = passes;
      boolean twoComponent = transform.twoComponent();
      this.transformer = twoComponent ? null : new MoleculeTransformer(transform);
      this.reaction = twoComponent ? new ReactionTransformer(transform, ReagentSet.prepare(
          transform, reagents, MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS)) : null;
    }

    /** Products made and nanoseconds spent parsing, over every pass of one round. */
    long[] round() {
      products = 0;
      long parseNanos = 0;
      ReactionTransformer.Sink sink = new ReactionTransformer.Sink() {
        @Override
        public void products(String reagentId, List<Product> made) {
          products += made.size();
        }

        @Override
        public void productRejected(String reagentId, Rejection rejection) {}
      };
      for (int pass = 0; pass < passes; pass++) {
        for (String text : smiles) {
          long before = System.nanoTime();
          MoleculeParser.Result parsed = parser.parse(text);
          parseNanos += System.nanoTime() - before;
          if (parsed.ok() && reaction != null) {
            reaction.apply(parsed.molecule(), text, 0, sink);
          } else if (parsed.ok()) {
            products += transformer.apply(parsed.molecule()).products().size();
          }
        }
      }
      return new long[] {products, parseNanos};
    }
  }
}
