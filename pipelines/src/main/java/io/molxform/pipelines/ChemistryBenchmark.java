package io.molxform.pipelines;

import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.TransformCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code molxform bench-chemistry --file=molecules.tsv --transform=NAME [--rounds=5]}: the
 * per-molecule path alone (parse, match, apply, validate, canonical SMILES) on one thread, so
 * its figures are per core. The first rounds warm the JIT; the last is reported. The file is
 * tab-separated text with the SMILES in column 2, counting from 1, as {@code generate
 * --format=tsv} writes it ({@code --column=5} for testdata/polyphenols.tsv). A round goes through
 * a small file as many times as it takes to reach {@link #MIN_MOLECULES_PER_ROUND} molecules, so
 * that a round lasts long enough to time.
 */
final class ChemistryBenchmark {
  static final int MIN_MOLECULES_PER_ROUND = 20_000;

  private ChemistryBenchmark() {}

  static int main(String[] args, PrintStream out) {
    String file = null;
    String transform = null;
    int rounds = 5;
    int column = 2;
    for (String arg : args) {
      String value = arg.substring(arg.indexOf('=') + 1);
      if (arg.startsWith("--file=")) {
        file = value;
      } else if (arg.startsWith("--transform=")) {
        transform = value;
      } else if (arg.startsWith("--rounds=")) {
        rounds = Arguments.intValue("--rounds", value);
      } else if (arg.startsWith("--column=")) {
        column = Arguments.intValue("--column", value);
        if (column < 1) {
          throw new UsageException("--column counts from 1; got " + value);
        }
      } else {
        throw new UsageException("bench-chemistry does not know " + arg);
      }
    }
    if (file == null || transform == null) {
      throw new UsageException("bench-chemistry needs --file=TSV and --transform=NAME");
    }
    List<String> smiles = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        String[] fields = line.split("\t", -1);
        if (fields.length >= column && !fields[column - 1].equals("smiles")) {
          smiles.add(fields[column - 1]);
        }
      }
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    }
    if (smiles.isEmpty()) {
      throw new UsageException(file + " has no column " + column + " (--column counts from 1)");
    }
    int passes = (MIN_MOLECULES_PER_ROUND + smiles.size() - 1) / smiles.size();
    MoleculeTransformer transformer =
        new MoleculeTransformer(TransformCatalog.builtIn().get(transform));
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
    return Main.OK;
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
