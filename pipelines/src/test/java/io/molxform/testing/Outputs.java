package io.molxform.testing;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What an output on local disk holds, read by DuckDB (an independent Parquet reader). */
public final class Outputs {
  private Outputs() {}

  /** Every product row, as text. */
  public static Set<String> productRows(Path output) throws Exception {
    return TestLibraries.duckdb("SELECT transform, product_smiles, parent_id, parent_smiles, "
            + "sites, parent_count, reagent_id FROM read_parquet('" + output + "/products/*/*.parquet')")
        .stream().map(row -> row.values().stream().map(String::valueOf)
            .collect(Collectors.joining("\t")))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every product, as its transform and SMILES. */
  public static Set<String> products(Path output) throws Exception {
    return TestLibraries.duckdb("SELECT transform, product_smiles FROM read_parquet('" + output
            + "/products/*/*.parquet')")
        .stream().map(row -> row.get("transform") + " " + row.get("product_smiles"))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
