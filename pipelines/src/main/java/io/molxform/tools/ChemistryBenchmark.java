package io.molxform.tools;

import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.TransformSpec;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The per-molecule path alone (parse, match, apply, validate, canonical SMILES) on one thread, so
 * its figures are per core ({@code molxform bench-chemistry}). The first rounds warm the JIT; the
 * last is reported. A round goes through a small sample as many times as it takes to reach
 * {@link #MIN_MOLECULES_PER_ROUND} molecules, so that a round lasts long enough to time.
 */
public final class ChemistryBenchmark {
  static final int MIN_MOLECULES_PER_ROUND = 20_000;

  private ChemistryBenchmark() {}

  /** Runs {@code rounds} timed rounds over {@code smiles}, printing one line per round. */
  public static void run(List<String> smiles, TransformSpec transform, int rounds,
      PrintStream out) {
    int passes = (MIN_MOLECULES_PER_ROUND + smiles.size() - 1) / smiles.size();
    MoleculeTransformer transformer = new MoleculeTransformer(transform);
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    for (int round = 1; round <= rounds; round++) {
      long[] parseNanos = {0};
      long products = 0;
      long started = System.nanoTime();
      for (int pass = 0; pass < passes; pass++) {
        products += transformAll(smiles, parser, transformer, parseNanos);
      }
      long molecules = (long) passes * smiles.size();
      double seconds = (System.nanoTime() - started) / 1e9;
      out.println(String.format(Locale.ROOT,
          "%s round %d/%d: molecules=%d products=%d seconds=%.2f mol_per_s=%.0f"
              + " products_per_s=%.0f parse_share=%.0f%%",
          round == rounds ? "molxform" : "warm-up", round, rounds, molecules, products,
          seconds, molecules / seconds, products / seconds,
          100.0 * parseNanos[0] / 1e9 / seconds));
    }
  }

  /** Parses and transforms every molecule once; returns the products, adds parse time. */
  private static long transformAll(List<String> smiles, MoleculeParser parser,
      MoleculeTransformer transformer, long[] parseNanos) {
    long products = 0;
    for (String text : smiles) {
      long before = System.nanoTime();
      MoleculeParser.Result parsed = parser.parse(text);
      parseNanos[0] += System.nanoTime() - before;
      if (parsed.ok()) {
        products += transformer.apply(parsed.molecule()).products().size();
      }
    }
    return products;
  }
}
