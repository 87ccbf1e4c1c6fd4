package io.molxform.beam.read;

import io.molxform.beam.MoleculeRow;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the molecules of a {@link TextLibrary} as a {@link TaskSource} with one split per
 * {@link TextLibrary.TextTask}, as {@link ReadMolecules} does for Parquet.
 */
public final class ReadTextMolecules extends PTransform<PBegin, PCollection<MoleculeRow>> {
  private final Library.Columns columns;
  private final List<TextLibrary.TextTask> tasks;

  ReadTextMolecules(Library.Columns columns, List<TextLibrary.TextTask> tasks) {
    this.columns = columns;
    this.tasks = tasks;
  }

  @Override
  public PCollection<MoleculeRow> expand(PBegin begin) {
    return begin.apply("ReadRecords", Read.from(new TextSource(columns, tasks)));
  }

  /** The records of some text tasks; the tasks' sizes are their records. */
  static final class TextSource extends TaskSource<TextLibrary.TextTask> {
    private static final long serialVersionUID = 1L;
    private final Library.Columns columns;

    TextSource(Library.Columns columns, List<TextLibrary.TextTask> tasks) {
      super(tasks);
      this.columns = columns;
    }

    @Override
    TextSource over(List<TextLibrary.TextTask> tasks) {
      return new TextSource(columns, tasks);
    }

    @Override
    long size(TextLibrary.TextTask task) {
      return task.records();
    }

    @Override
    public TextReader createReader(PipelineOptions options) {
      return new TextReader(this);
    }
  }

  /** Reads a task's records, one at a time, each parsed into a row. */
  static final class TextReader extends TaskSource.TaskReader<TextLibrary.TextTask> {
    private final TextSource source;
    private TextRecords records;
    private TextRecordParser parser;
    private TextLibrary.TextTask task;
    private long index;
    private long end;

    TextReader(TextSource source) {
      super(source);
      this.source = source;
    }

    @Override
    MoleculeRow next() throws IOException {
      if (index >= end) {
        return null;
      }
      TextRecords.Record record = records.next();
      if (record == null) {
        throw new IOException(task.file() + " ends after record " + index + ", where the"
            + " run counted " + end + " records: the file changed since the run began");
      }
      return parser.parse(record, index++);
    }

    @Override
    void open(TextLibrary.TextTask next) throws IOException {
      task = next;
      index = task.firstRecord();
      end = index + task.records();
      records = new TextRecords(new LineReader(
          TextLibrary.open(task.file(), task.compression(), task.offset()), task.offset(),
          task.line()), task.format());
      parser = new TextRecordParser(task.format(), task.fileName(), task.header(),
          source.columns);
      if (task.offset() == 0) {
        // A task at the file's start (every compressed file's only task) starts at its header,
        // if it has one; otherwise the first record is a molecule, read again from the start.
        TextRecords.Record first = records.next();
        if (first == null || !TextRecordParser.isHeader(task.format(), first.text())) {
          records.close();
          records = new TextRecords(new LineReader(
              TextLibrary.open(task.file(), task.compression(), 0), 0, 1), task.format());
        }
      }
    }

    @Override
    void closeTask() throws IOException {
      if (records != null) {
        records.close();
        records = null;
      }
    }
  }
}
