package io.molxform.pipelines;

import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformOutcome;
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
 * tab-separated text with a smiles column in the second place (as {@code generate --format=tsv}
 * and testdata/polyphenols.tsv's fifth column are; {@code --column=N} picks another).
 */
final class ChemistryBenchmark {
  private ChemistryBenchmark() {}

  static int main(String[] args, PrintStream out) {
    String file = null;
    String transform = null;
    int rounds = 5;
    int column = 1;
    for (String arg : args) {
      String value = arg.substring(arg.indexOf('=') + 1);
      if (arg.startsWith("--file=")) {
        file = value;
      } else if (arg.startsWith("--transform=")) {
        transform = value;
      } else if (arg.startsWith("--rounds=")) {
        rounds = Integer.parseInt(value);
      } else if (arg.startsWith("--column=")) {
        column = Integer.parseInt(value);
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
        if (fields.length > column && !fields[column].equals("smiles")) {
          smiles.add(fields[column]);
        }
      }
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    }
    MoleculeTransformer transformer =
        new MoleculeTransformer(TransformCatalog.builtIn().get(transform));
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    for (int round = 1; round <= rounds; round++) {
      long parseNanos = 0;
      long products = 0;
      long started = System.nanoTime();
      for (String text : smiles) {
        long before = System.nanoTime();
        MoleculeParser.Result parsed = parser.parse(text);
        parseNanos += System.nanoTime() - before;
        if (parsed.ok()) {
          TransformOutcome outcome = transformer.apply(parsed.molecule());
          products += outcome.products().size();
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      out.println(String.format(Locale.ROOT,
          "%s round %d/%d: molecules=%d products=%d seconds=%.2f mol_per_s=%.0f"
              + " products_per_s=%.0f parse_share=%.0f%%",
          round == rounds ? "molxform" : "warm-up", round, rounds, smiles.size(), products,
          seconds, smiles.size() / seconds, products / seconds,
          100.0 * parseNanos / 1e9 / seconds));
    }
    return Main.OK;
  }
}
