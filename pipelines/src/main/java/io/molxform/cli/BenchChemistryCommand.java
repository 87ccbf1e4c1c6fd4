package io.molxform.cli;

import io.molxform.UsageException;
import io.molxform.chem.CatalogException;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformSpec;
import io.molxform.chem.ReagentSet;
import io.molxform.tools.ChemistryBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code molxform bench-chemistry --file=molecules.tsv --transform=NAME}: the chemistry's speed
 * per core, without a pipeline ({@link ChemistryBenchmark}).
 */
@Command(name = "bench-chemistry", mixinStandardHelpOptions = true,
    description = "Time the chemistry alone (parse, transform, canonical SMILES) on one core, "
        + "or on --threads cores at once.")
final class BenchChemistryCommand implements Callable<Integer> {
  @ParentCommand private MolxformCommand molxform;

  @Option(names = "--file", required = true, paramLabel = "TSV",
      description = "Tab-separated molecules, as generate --format=tsv writes them.")
  private Path file;

  @Option(names = "--transform", required = true, paramLabel = "NAME",
      description = "A built-in transform.")
  private String transform;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
      description = "Timed rounds; the first warm the JIT, the last is reported "
          + "(default: ${DEFAULT-VALUE}).")
  private int rounds;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "Threads, each running the whole sample, as the workers of a run do; the "
          + "figure per thread is the chemistry per core with that many cores busy "
          + "(default: ${DEFAULT-VALUE}).")
  private int threads;

  @Option(names = "--column", paramLabel = "N", defaultValue = "2",
      description = "The SMILES column, counting from 1 (5 for testdata/polyphenols.tsv; "
          + "default: ${DEFAULT-VALUE}).")
  private int column;

  @Mixin private ReagentOptions reagentOptions;

  @Override
  public Integer call() {
    if (column < 1 || rounds < 1 || threads < 1) {
      throw new UsageException("--column, --rounds and --threads count from 1");
    }
    TransformSpec spec;
    try {
      spec = TransformCatalog.builtIn().select(List.of(transform)).get(0);
    } catch (CatalogException e) {
      throw new UsageException(e.getMessage());
    }
    List<String> smiles = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
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
    List<ReagentSet.Row> reagentRows = spec.twoComponent() ? reagentOptions.rows(spec)
        : List.of();
    ChemistryBenchmark.run(smiles, spec, reagentRows, rounds, threads, molxform.out);
    return Main.OK;
  }
}
