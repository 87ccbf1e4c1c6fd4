package io.molxform.beam.read;

import io.molxform.beam.MoleculeRow;
import io.molxform.storage.Storage;
import java.io.IOException;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * An input library as inspected before the run: its files, the rows the run will read, and the
 * transform that reads them. Parquet ({@link ParquetLibrary}) or text: SMILES, CSV, TSV and SD
 * files, each optionally compressed ({@link TextLibrary}).
 */
public interface Library extends Serializable {
  /** Columns a library must have and may carry, as the run asked for them. */
  record Columns(String smiles, String id, boolean idExplicit, List<String> carried)
      implements Serializable {}

  /**
   * Rows per read task when a row costs one molecule's chemistry: a few seconds of work, enough
   * tasks for the workers to share evenly. A run whose rows cost more (a molecule meets many
   * reagents) asks for fewer rows per task ({@link #inspect}).
   */
  long ROWS_PER_TASK = 10_000;

  /** One file as inspected: its rows (records, for text) in all. */
  record LibraryFile(String path, long bytes, long rows) implements Serializable {}

  String glob();

  Columns columns();

  List<LibraryFile> files();

  /** Rows the run will read: every row, or the first {@code --limit}. */
  long rowsToRead();

  /**
   * The step that reads the rows.
   *
   * @param skipUnreadable (Parquet) a row group that cannot be decoded becomes reject rows
   */
  PTransform<PBegin, PCollection<MoleculeRow>> read(boolean skipUnreadable);

  /**
   * Inspects every file {@code glob} matches, in one format: by extension, or {@code format}
   * when it names one ("auto" or blank: by extension). Throws {@link InputException} naming the
   * file and the problem when a file cannot serve this run.
   *
   * @param limit read only the first this many rows, in file order (0: all)
   * @param rowsPerTask rows per read task (at least 1; {@link #ROWS_PER_TASK} for one molecule's
   *     work per row)
   */
  static Library inspect(String glob, Columns columns, long limit, String format,
      long rowsPerTask) {
    List<MatchResult.Metadata> matched;
    try {
      matched = glob.matches(".*[*?\\[{].*") ? List.of() : folder(glob, format);
      if (matched.isEmpty()) {
        matched = FileSystems.match(glob, EmptyMatchTreatment.ALLOW).metadata().stream()
            .filter(m -> !m.resourceId().isDirectory())
            .sorted(Comparator.comparing(m -> m.resourceId().toString()))
            .toList();
      }
    } catch (IOException e) {
      throw new InputException("cannot list input '" + glob + "': " + e.getMessage(), e);
    }
    if (matched.isEmpty()) {
      throw new InputException("input '" + glob + "' matches no file");
    }
    InputFormat chosen = null;
    for (MatchResult.Metadata file : matched) {
      InputFormat of = InputFormat.of(file.resourceId().getFilename(), format);
      if (of == null) {
        throw new InputException(file.resourceId() + ": its name says no format (.parquet, "
            + ".smi, .csv, .tsv, .sdf, each optionally .gz or .zst); name one with "
            + "--inputFormat (" + InputFormat.SPELLINGS + ")");
      }
      if (chosen != null && chosen != of) {
        throw new InputException("input '" + glob + "' mixes formats ("
            + matched.stream().map(m -> m.resourceId().getFilename()).limit(4)
                .collect(Collectors.joining(", "))
            + "); read each format in a run of its own");
      }
      chosen = of;
    }
    return chosen == InputFormat.PARQUET
        ? ParquetLibrary.inspect(glob, matched, columns, limit, rowsPerTask)
        : TextLibrary.inspect(glob, matched, chosen, columns, limit, rowsPerTask);
  }

  /**
   * The library files under {@code path} when it is a folder: those whose names tell a format
   * (notes or other files beside them are left out); empty for a file.
   */
  private static List<MatchResult.Metadata> folder(String path, String format)
      throws IOException {
    return Storage.filesUnder(path).stream()
        .filter(m -> InputFormat.of(m.resourceId().getFilename(), format) != null)
        .toList();
  }

  /** The name of a format as users write it. */
  static String spelling(InputFormat format) {
    return format.name().toLowerCase(Locale.ROOT);
  }
}
