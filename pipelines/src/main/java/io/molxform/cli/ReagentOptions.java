package io.molxform.cli;

import io.molxform.UsageException;
import io.molxform.beam.read.InputException;
import io.molxform.beam.read.ReagentFiles;
import io.molxform.chem.ReagentSet;
import io.molxform.chem.TransformSpec;
import io.molxform.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The reagent options of the commands that try two-component transforms without a pipeline
 * ({@code apply}, {@code inspect}, {@code bench-chemistry}), and the one rule that picks the
 * reagents: {@code --reagent} SMILES, else the {@code --reagents} list, else the list the
 * catalog entry names. ({@code run} takes the same options as pipeline options.)
 */
final class ReagentOptions {
  @Option(names = "--reagents", paramLabel = "FILE",
      description = "Reagent list of two-component transforms, in any input format (CSV or "
          + "TSV with a header, SMILES, SD, Parquet); unset: the list the catalog entry names.")
  private String file;

  @Option(names = "--reagent", paramLabel = "SMILES", split = ",",
      description = "Reagents for two-component transforms instead of a list: SMILES, "
          + "comma-separated or repeated.")
  private List<String> smiles = new ArrayList<>();

  @Option(names = "--reagentIdColumn", paramLabel = "NAME", defaultValue = "id",
      description = "Id column of the reagent list (default: ${DEFAULT-VALUE}).")
  private String idColumn;

  @Option(names = "--reagentSmilesColumn", paramLabel = "NAME", defaultValue = "smiles",
      description = "SMILES column of the reagent list (default: ${DEFAULT-VALUE}).")
  private String smilesColumn;

  /** The reagents {@code spec} meets; a list that cannot be read is a usage error. */
  List<ReagentSet.Row> rows(TransformSpec spec) {
    List<ReagentSet.Row> rows = new ArrayList<>();
    if (!smiles.isEmpty()) {
      for (String reagent : smiles) {
        rows.add(new ReagentSet.Row("reagent" + (rows.size() + 1), reagent));
      }
      return rows;
    }
    String list = file != null ? Storage.absolute(file) : spec.reagents();
    if (list == null) {
      throw new UsageException(spec.name() + " reacts each molecule with reagents: give "
          + "--reagents=FILE or --reagent=SMILES");
    }
    try {
      return ReagentFiles.read(list, idColumn, smilesColumn);
    } catch (InputException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Where the reagents of {@code spec} come from, for people. */
  String source(TransformSpec spec) {
    return !smiles.isEmpty() ? "--reagent" : file != null ? file : spec.reagents();
  }
}
