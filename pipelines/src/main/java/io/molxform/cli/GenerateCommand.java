package io.molxform.cli;

import io.molxform.UsageException;
import io.molxform.tools.LibraryFiles;
import io.molxform.tools.LibraryGenerator;
import java.io.IOException;
import java.io.PrintStream;
import io.molxform.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * {@code molxform generate --rows=N --output=DIR}: a deterministic library of unique
 * natural-product-like molecules ({@link LibraryGenerator}) written as K Parquet or tab-separated
 * files ({@link LibraryFiles}). The first N rows of a seed are the same whatever the total.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a deterministic synthetic library of unique natural-product-like "
        + "molecules (flavonoids, chalcones, stilbenes, coumarins, phenolic acids, catechins, "
        + "glycosides, terpenoids).")
final class GenerateCommand implements Callable<Integer> {
  enum Format { parquet, tsv, smi, csv, sdf }

  enum Compress { none, gz, zst }

  @ParentCommand private MolxformCommand molxform;

  @Option(names = "--rows", paramLabel = "N", required = true,
      description = "How many rows (1_000_000 is fine).")
  private long rows;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "The folder to write part-NNNNN files into: a local folder, "
          + "s3://BUCKET/PATH or hdfs://HOST/PATH.")
  private String output;

  @Option(names = "--files", paramLabel = "K", defaultValue = "1",
      description = "How many files to split the rows over (default: ${DEFAULT-VALUE}).")
  private int files;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "The first N rows of a seed are the same whatever the total "
          + "(default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--invalidFraction", paramLabel = "F", defaultValue = "0.01",
      description = "Share of deliberately invalid SMILES (default: ${DEFAULT-VALUE}).")
  private double invalidFraction;

  @Option(names = "--hydroxyFraction", paramLabel = "F", defaultValue = "0.45",
      description = "Share of aromatic positions with a free OH: 0.45 gives about 3.8 phenolic "
          + "OH per molecule, 0.7 5.7, 0.9 6.6 (default: ${DEFAULT-VALUE}).")
  private double hydroxyFraction;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
      description = "parquet, tsv (id, smiles, scaffold), smi (SMILES and id), csv (a header "
          + "and quoted fields) or sdf (V2000 molfiles with 2D coordinates and wedge bonds, the "
          + "scaffold as a data field; slow: for tests) (default: ${DEFAULT-VALUE}).")
  private Format format;

  @Option(names = "--compress", paramLabel = "none|gz|zst", defaultValue = "none",
      description = "Compress text files (default: ${DEFAULT-VALUE}).")
  private Compress compress;

  @Option(names = "--overwrite", description = "Replace the part files of an earlier library.")
  private boolean overwrite;

  @Unmatched private List<String> storageArgs = new ArrayList<>();

  @Override
  public Integer call() {
    PrintStream out = molxform.out;
    PrintStream err = molxform.err;
    if (rows < 1 || files < 1 || files > rows) {
      throw new UsageException("generate needs --rows=N (N >= 1) and 1 <= --files <= N");
    }
    StorageOptions.register(storageArgs, output);
    String dir = Storage.folder(output);
    prepare(dir, overwrite);
    LibraryGenerator generator = new LibraryGenerator(seed, hydroxyFraction, invalidFraction,
        rows);
    long started = System.nanoTime();
    if (format == Format.parquet && compress != Compress.none) {
      throw new UsageException("--compress is for text formats; Parquet compresses its pages");
    }
    LibraryFiles.Written written = LibraryFiles.write(generator, dir, rows, files,
        format.name(), compress == Compress.none ? "" : "." + compress.name(), err);
    double seconds = (System.nanoTime() - started) / 1e9;
    out.println(String.format(Locale.ROOT,
        "generated %,d rows (%,d deliberately invalid, %.2f phenolic OH per valid row) in %d "
            + "file(s) in %s: %.1f s", written.rows(), written.invalid(),
        (double) written.hydroxyls() / Math.max(1, written.rows() - written.invalid()), files,
        dir, seconds));
    return Main.OK;
  }

  private static void prepare(String dir, boolean overwrite) {
    try {
      List<MatchResult.Metadata> held = Storage.filesUnder(dir);
      if (!held.isEmpty() && !overwrite) {
        throw new UsageException("output " + dir + " is not empty; pass --overwrite to "
            + "replace its part-*.parquet files");
      }
      List<ResourceId> old = new ArrayList<>();
      for (MatchResult.Metadata file : held) {
        if (Storage.relative(dir, file.resourceId())
            .matches("part-\\d+\\.(parquet|tsv|smi|csv|sdf)(\\.gz|\\.zst)?")) {
          old.add(file.resourceId());
        }
      }
      Storage.delete(old);
    } catch (IOException e) {
      throw new UsageException("cannot prepare output " + dir + ": " + e.getMessage());
    }
  }
}
