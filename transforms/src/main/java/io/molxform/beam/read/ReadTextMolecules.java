package io.molxform.beam.read;

import io.molxform.beam.MoleculeRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the molecules of a {@link TextLibrary} as a Beam source with one split per
 * {@link TextLibrary.TextTask}, as {@link ReadMolecules} does for Parquet: runners hand the
 * splits to workers as they ask for work, so the reading and the chemistry after it are shared
 * without a shuffle of the rows. Memory holds one record at a time.
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

  static final class TextSource extends BoundedSource<MoleculeRow> {
    private static final long serialVersionUID = 1L;
    private final Library.Columns columns;
    private final List<TextLibrary.TextTask> tasks;

    TextSource(Library.Columns columns, List<TextLibrary.TextTask> tasks) {
      this.columns = columns;
      this.tasks = List.copyOf(tasks);
    }

    @Override
    public List<TextSource> split(long desiredBundleSizeBytes, PipelineOptions options) {
      List<TextSource> splits = new ArrayList<>();
      for (TextLibrary.TextTask task : tasks) {
        splits.add(new TextSource(columns, List.of(task)));
      }
      return splits;
    }

    /** Records stand in for bytes: the runner only compares the splits' sizes. */
    @Override
    public long getEstimatedSizeBytes(PipelineOptions options) {
      return Math.max(1, tasks.stream().mapToLong(TextLibrary.TextTask::records).sum());
    }

    @Override
    public BoundedReader<MoleculeRow> createReader(PipelineOptions options) {
      return new TextReader(this);
    }

    @Override
    public Coder<MoleculeRow> getOutputCoder() {
      return new MoleculeRow.Coder();
    }
  }

  /** Reads the tasks of a source one after another. */
  static final class TextReader extends BoundedSource.BoundedReader<MoleculeRow> {
    private final TextSource source;
    private int taskIndex = -1;
    private TextRecords records;
    private TextRecordParser parser;
    private TextLibrary.TextTask task;
    private long index;
    private long end;
    private MoleculeRow current;

    TextReader(TextSource source) {
      this.source = source;
    }

    @Override
    public boolean start() throws IOException {
      return advance();
    }

    @Override
    public boolean advance() throws IOException {
      while (true) {
        if (records != null && index < end) {
          TextRecords.Record record = records.next();
          if (record == null) {
            throw new IOException(task.file() + " ends after record " + index + ", where the"
                + " run counted " + end + " records: the file changed since the run began");
          }
          current = parser.parse(record, index++);
          return true;
        }
        close();
        if (taskIndex + 1 >= source.tasks.size()) {
          current = null;
          return false;
        }
        openTask(source.tasks.get(++taskIndex));
      }
    }

    private void openTask(TextLibrary.TextTask next) throws IOException {
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
    public MoleculeRow getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public void close() throws IOException {
      if (records != null) {
        records.close();
        records = null;
      }
    }

    @Override
    public TextSource getCurrentSource() {
      return source;
    }
  }
}
