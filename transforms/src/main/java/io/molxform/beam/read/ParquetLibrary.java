package io.molxform.beam.read;

import io.molxform.beam.MoleculeRow;
import io.molxform.chem.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * An input library as a set of Parquet files, checked before the pipeline is built: the glob
 * matches files, each file is Parquet with a readable footer, and each file has the columns the
 * run needs. Each file is read with its own schema; the plan to read them is a list of
 * {@link ReadTask}s, one per row group.
 */
public record ParquetLibrary(String glob, Columns columns, List<LibraryFile> files,
    List<ReadTask> tasks) implements Library {
  private static final long serialVersionUID = 1L;

  /**
   * Inspects the Parquet files the glob matched ({@link Library#inspect}). Throws {@link InputException} naming the file and the
   * problem when a file cannot serve this run.
   *
   * @param limit read only the first this many rows, in file order (0: all)
   */
  static ParquetLibrary inspect(String glob, List<MatchResult.Metadata> matched, Columns columns,
      long limit, long rowsPerTask) {
    List<LibraryFile> files = new ArrayList<>();
    List<ReadTask> tasks = new ArrayList<>();
    long remaining = limit > 0 ? limit : Long.MAX_VALUE;
    for (MatchResult.Metadata file : matched) {
      String path = file.resourceId().toString();
      ParquetMetadata footer = footer(file);
      MessageType schema = footer.getFileMetaData().getSchema();
      checkColumns(path, schema, columns);
      long rowIndex = 0;
      int rowGroup = 0;
      for (BlockMetaData block : footer.getBlocks()) {
        long rows = Math.min(block.getRowCount(), remaining);
        if (rows > 0) {
          tasks.addAll(ReadTask.split(path, file.resourceId().getFilename(), file.sizeBytes(),
              rowGroup, block.getStartingPos(), block.getStartingPos() + block.getCompressedSize(),
              rowIndex, rows, rowsPerTask));
          remaining -= rows;
        }
        rowIndex += block.getRowCount();
        rowGroup++;
      }
      files.add(new LibraryFile(path, file.sizeBytes(), rowIndex));
    }
    return new ParquetLibrary(glob, columns, List.copyOf(files), List.copyOf(tasks));
  }

  private static ParquetMetadata footer(MatchResult.Metadata file) {
    try (ParquetFileReader reader =
        ParquetFileReader.open(new BeamInputFile(file.resourceId(), file.sizeBytes()))) {
      return reader.getFooter();
    } catch (IOException | RuntimeException e) {
      throw new InputException(file.resourceId() + " is not a readable Parquet file ("
          + file.sizeBytes() + " bytes): " + Messages.firstLine(e.getMessage())
          + "; a truncated or partly written file has no valid footer", e);
    }
  }

  /** Checks one file's schema: the columns the run reads exist and hold plain values. */
  private static void checkColumns(String path, MessageType schema, Columns columns) {
    String existing = schema.getFields().stream()
        .map(f -> f.getName() + " (" + describe(f) + ")")
        .collect(Collectors.joining(", "));
    Type smiles = field(schema, columns.smiles());
    if (smiles == null) {
      throw new InputException(path + " has no SMILES column '" + columns.smiles()
          + "'; its columns are: " + existing + ". Name the column with --smilesColumn.");
    }
    if (!isString(smiles)) {
      throw new InputException(path + ": SMILES column '" + columns.smiles() + "' is "
          + describe(smiles) + ", not a string; its columns are: " + existing);
    }
    Type id = field(schema, columns.id());
    if (id == null && columns.idExplicit()) {
      throw new InputException(path + " has no id column '" + columns.id()
          + "'; its columns are: " + existing
          + ". Leave out --idColumn to derive ids as <file name>:<row index>.");
    }
    if (id != null && !id.isPrimitive()) {
      throw new InputException(path + ": id column '" + columns.id() + "' is "
          + describe(id) + "; ids must be plain values (strings or numbers)");
    }
    for (String carried : columns.carried()) {
      Type column = field(schema, carried);
      if (column == null || !column.isPrimitive()) {
        throw new InputException(path + ": column '" + carried + "' given in --keepColumns "
            + (column == null ? "does not exist" : "is " + describe(column) + ", not a plain value")
            + "; its columns are: " + existing);
      }
    }
  }

  private static Type field(MessageType schema, String name) {
    return name != null && schema.containsField(name) ? schema.getType(name) : null;
  }

  private static boolean isString(Type type) {
    return type.isPrimitive()
        && type.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
        && type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
  }

  private static String describe(Type type) {
    if (!type.isPrimitive()) {
      return "group";
    }
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    String name = type.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase();
    return logical == null ? name : logical.toString().toLowerCase();
  }

  @Override
  public PTransform<PBegin, PCollection<MoleculeRow>> read(boolean skipUnreadable) {
    return new ReadMolecules(this, skipUnreadable);
  }

  @Override
  public long rowsToRead() {
    return tasks.stream().mapToLong(ReadTask::rows).sum();
  }

  /** Names the output schema may not reuse for carried columns. */
  public static void checkCarriedNames(List<String> carried, Set<String> reserved) {
    for (String name : carried) {
      if (reserved.contains(name)) {
        throw new InputException("--keepColumns names '" + name
            + "', which is already an output column; carried columns must have other names");
      }
    }
  }
}
