package io.molxform.beam.read;

import io.molxform.beam.MoleculeRow;
import io.molxform.chem.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * A library of SMILES, CSV, TSV or SD files, each optionally gzipped or Zstandard-compressed.
 * Inspecting it reads every file once, on the client, record by record (one in memory at a
 * time): it counts the records (the run's total and the accounting per file), checks the header
 * against the columns the run needs, finds a truncated or corrupt compressed file before any work
 * is done, and cuts each uncompressed file into tasks at record boundaries, so that workers read
 * one file in parallel as they do Parquet row groups. A compressed stream cannot be entered in
 * the middle: such a file is one task. Tasks hold {@link Library#ROWS_PER_TASK} records unless
 * the run asks for fewer.
 */
public record TextLibrary(String glob, InputFormat format, Columns columns,
    List<LibraryFile> files, List<TextTask> tasks) implements Library {
  private static final long serialVersionUID = 1L;

  /**
   * A run of records of one file.
   *
   * @param offset byte offset of the first record (0 for a compressed file)
   * @param line line number of the first record
   * @param firstRecord index in the file of the first record (the header not counted)
   * @param records how many records to read
   * @param header the column names of a CSV or TSV file (empty otherwise)
   */
  public record TextTask(String file, String fileName, InputFormat format,
      Compression compression, long offset, long line, long firstRecord, long records,
      List<String> header) implements Serializable {}

  static TextLibrary inspect(String glob, List<MatchResult.Metadata> matched, InputFormat format,
      Columns columns, long limit, long rowsPerTask) {
    if (format == InputFormat.SMILES && !columns.carried().isEmpty()) {
      throw new InputException("--keepColumns names " + columns.carried()
          + ", but a SMILES file has no columns besides the SMILES and the id");
    }
    List<LibraryFile> files = new ArrayList<>();
    List<TextTask> tasks = new ArrayList<>();
    long remaining = limit > 0 ? limit : Long.MAX_VALUE;
    for (MatchResult.Metadata file : matched) {
      String path = file.resourceId().toString();
      Compression compression = InputFormat.compressionOf(file.resourceId().getFilename());
      long records;
      try {
        records = scan(path, file.resourceId().getFilename(), format, compression, columns,
            remaining, rowsPerTask, tasks);
      } catch (IOException e) {
        throw new InputException(path + " cannot be read"
            + (compression == Compression.UNCOMPRESSED ? "" : " (" + compression.name()
                .toLowerCase() + ": truncated or corrupt?)") + ": "
            + Messages.firstLine(String.valueOf(e.getMessage())), e);
      }
      remaining -= Math.min(remaining, records);
      files.add(new LibraryFile(path, file.sizeBytes(), records));
    }
    return new TextLibrary(glob, format, columns, List.copyOf(files), List.copyOf(tasks));
  }

  /**
   * Reads one file through, adding its tasks (up to {@code limit} records); returns the records
   * it holds (all of them, or {@code limit} when the limit stopped the reading).
   */
  private static long scan(String path, String fileName, InputFormat format,
      Compression compression, Columns columns, long limit, long rowsPerTask,
      List<TextTask> tasks) throws IOException {
    try (TextRecords records = new TextRecords(
        new LineReader(open(path, compression, 0), 0, 1), format)) {
      TextRecords.Record first = records.next();
      List<String> header = List.of();
      if (first != null && TextRecordParser.isHeader(format, first.text())) {
        header = TextRecordParser.header(format, first.text());
        TextRecordParser.checkHeader(path, format, header, columns);
        first = records.next();
      } else if (format == InputFormat.CSV || format == InputFormat.TSV) {
        throw new InputException(path + " is empty: a " + Library.spelling(format)
            + " file starts with a header naming its columns");
      }
      long count = 0;
      TextRecords.Record taskStart = null;
      long taskFirst = 0;
      boolean split = compression == Compression.UNCOMPRESSED;
      for (TextRecords.Record record = first; record != null && count < limit;
          record = records.next()) {
        if (taskStart == null) {
          taskStart = record;
          taskFirst = count;
        }
        count++;
        if (split && count - taskFirst == rowsPerTask) {
          tasks.add(task(path, fileName, format, compression, taskStart, taskFirst,
              count - taskFirst, header));
          taskStart = null;
        }
      }
      if (taskStart != null) {
        tasks.add(task(path, fileName, format, compression, taskStart, taskFirst,
            count - taskFirst, header));
      }
      return count;
    }
  }

  private static TextTask task(String path, String fileName, InputFormat format,
      Compression compression, TextRecords.Record start, long firstRecord, long records,
      List<String> header) {
    boolean whole = compression != Compression.UNCOMPRESSED;
    return new TextTask(path, fileName, format, compression, whole ? 0 : start.offset(),
        whole ? 1 : start.line(), firstRecord, records, List.copyOf(header));
  }

  /** The file's bytes from {@code offset} (0 for a compressed file), decompressed. */
  static InputStream open(String path, Compression compression, long offset) throws IOException {
    ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(path, false));
    if (offset > 0) {
      if (!(channel instanceof SeekableByteChannel seekable)) {
        channel.close();
        throw new IOException(path + ": this filesystem cannot start reading at an offset");
      }
      seekable.position(offset);
    }
    return Channels.newInputStream(compression.readDecompressed(channel));
  }

  /** The first {@code count} rows of the library, as the run reads them. */
  public List<MoleculeRow> firstRows(int count) throws IOException {
    List<MoleculeRow> rows = new ArrayList<>();
    ReadTextMolecules.TextReader reader = new ReadTextMolecules.TextReader(
        new ReadTextMolecules.TextSource(columns, tasks));
    try {
      for (boolean more = reader.start(); more && rows.size() < count; more = reader.advance()) {
        rows.add(reader.getCurrent());
      }
    } finally {
      reader.close();
    }
    return rows;
  }

  @Override
  public PTransform<PBegin, PCollection<MoleculeRow>> read(boolean skipUnreadable) {
    return new ReadTextMolecules(columns, tasks);
  }

  @Override
  public long rowsToRead() {
    return tasks.stream().mapToLong(TextTask::records).sum();
  }
}
