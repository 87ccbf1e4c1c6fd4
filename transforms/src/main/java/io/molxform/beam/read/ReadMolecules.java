package io.molxform.beam.read;

import io.molxform.beam.MoleculeRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Reads the molecules of a {@link ParquetLibrary} as a Beam source with one split per
 * {@link ReadTask}. Runners hand splits to workers as they ask for work (Flink assigns input
 * splits lazily), so the chemistry, which is the cost, is shared evenly without a shuffle of the
 * rows: each worker reads its rows and transforms them in the same task. Each file is read with
 * its own schema projected onto the columns the run needs.
 *
 * <p>Ids come from the id column; where a file has none (and none was named), the id is
 * {@code <file name>:<row index>}, which ParquetIO's record-only parse functions could not give.
 */
public final class ReadMolecules extends PTransform<PBegin, PCollection<MoleculeRow>> {
  private final ParquetLibrary library;
  private final boolean skipUnreadable;

  /**
   * @param skipUnreadable a row group that cannot be decoded becomes one unreadable row per row
   *     it holds (reported as rejects) instead of failing the run
   */
  public ReadMolecules(ParquetLibrary library, boolean skipUnreadable) {
    this.library = library;
    this.skipUnreadable = skipUnreadable;
  }

  @Override
  public PCollection<MoleculeRow> expand(PBegin begin) {
    return begin.apply("ReadRows",
        Read.from(new LibrarySource(library.columns(), library.tasks(), skipUnreadable)));
  }

  /** The rows of some read tasks; split, one source per task. */
  static final class LibrarySource extends BoundedSource<MoleculeRow> {
    private static final long serialVersionUID = 1L;
    private final Library.Columns columns;
    private final List<ReadTask> tasks;
    private final boolean skipUnreadable;

    LibrarySource(Library.Columns columns, List<ReadTask> tasks, boolean skipUnreadable) {
      this.columns = columns;
      this.tasks = List.copyOf(tasks);
      this.skipUnreadable = skipUnreadable;
    }

    @Override
    public List<LibrarySource> split(long desiredBundleSizeBytes, PipelineOptions options) {
      List<LibrarySource> splits = new ArrayList<>();
      for (ReadTask task : tasks) {
        splits.add(new LibrarySource(columns, List.of(task), skipUnreadable));
      }
      return splits;
    }

    /** The row groups' compressed bytes, shared out by rows. */
    @Override
    public long getEstimatedSizeBytes(PipelineOptions options) {
      long bytes = 0;
      for (ReadTask task : tasks) {
        bytes += Math.max(1, (task.rangeEnd() - task.rangeStart()) * task.rows()
            / Math.max(1, task.skip() + task.rows()));
      }
      return bytes;
    }

    @Override
    public BoundedReader<MoleculeRow> createReader(PipelineOptions options) {
      return new LibraryReader(this);
    }

    @Override
    public Coder<MoleculeRow> getOutputCoder() {
      return new MoleculeRow.Coder();
    }
  }

  /** Reads the tasks of a source one after another. */
  static final class LibraryReader extends BoundedSource.BoundedReader<MoleculeRow> {
    private final LibrarySource source;
    private int taskIndex = -1;
    private ParquetReader<GenericRecord> reader;
    private boolean hasId;
    private long row;
    private long end;
    private MoleculeRow current;
    /** Why the rest of the current task cannot be read; its rows are emitted as unreadable. */
    private String unreadable;

    LibraryReader(LibrarySource source) {
      this.source = source;
    }

    @Override
    public boolean start() throws IOException {
      return advance();
    }

    @Override
    public boolean advance() throws IOException {
      while (true) {
        if (unreadable != null && row < end) {
          current = MoleculeRow.unreadable(source.tasks.get(taskIndex).fileName() + ":" + row,
              unreadable);
          row++;
          return true;
        }
        if (reader != null && row < end) {
          GenericRecord record;
          try {
            record = reader.read();
          } catch (IOException | RuntimeException e) {
            cannotRead(source.tasks.get(taskIndex), e);
            continue;
          }
          if (record != null) {
            current = toRow(record, source.tasks.get(taskIndex));
            row++;
            return true;
          }
          // The footer promised these rows: losing them quietly is not an option.
          cannotRead(source.tasks.get(taskIndex),
              new IOException("the row group holds fewer rows than its footer counts"));
          continue;
        }
        if (taskIndex + 1 >= source.tasks.size()) {
          current = null;
          return false;
        }
        ReadTask task = source.tasks.get(++taskIndex);
        try {
          openTask(task);
        } catch (IOException | RuntimeException e) {
          cannotRead(task, e);
        }
      }
    }

    /** Fails the run, or (when skipping) marks the task's remaining rows unreadable. */
    private void cannotRead(ReadTask task, Exception e) throws IOException {
      UnreadableInputException failure = new UnreadableInputException(task, row, e);
      if (!source.skipUnreadable) {
        throw failure;
      }
      unreadable = failure.getMessage();
      try {
        closeReader();
      } catch (IOException | RuntimeException closing) {
        reader = null;
      }
    }

    private void openTask(ReadTask task) throws IOException {
      closeReader();
      unreadable = null;
      row = task.firstRow() + task.skip();
      end = row + task.rows();
      BeamInputFile input = new BeamInputFile(
          FileSystems.matchNewResource(task.file(), false), task.length());
      MessageType fileSchema;
      try (ParquetFileReader footer = ParquetFileReader.open(input)) {
        fileSchema = footer.getFooter().getFileMetaData().getSchema();
      }
      Library.Columns columns = source.columns;
      hasId = columns.id() != null && fileSchema.containsField(columns.id());
      Configuration conf = new Configuration(false);
      AvroReadSupport.setRequestedProjection(conf, projection(columns, fileSchema, hasId));
      reader = AvroParquetReader.<GenericRecord>builder(input)
          .withConf(conf)
          .withFileRange(task.rangeStart(), task.rangeEnd())
          .build();
      for (long skipped = 0; skipped < task.skip(); skipped++) {
        if (reader.read() == null) {
          throw new IOException(task.file() + ": row group at byte " + task.rangeStart()
              + " ended before row " + (task.firstRow() + task.skip()));
        }
      }
    }

    private MoleculeRow toRow(GenericRecord record, ReadTask task) {
      Library.Columns columns = source.columns;
      String id = hasId ? text(record.get(columns.id())) : null;
      if (id == null) {
        id = task.fileName() + ":" + row;
      }
      List<String> carried = new ArrayList<>(columns.carried().size());
      for (String column : columns.carried()) {
        carried.add(text(record.get(column)));
      }
      return new MoleculeRow(id, text(record.get(columns.smiles())), carried);
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
      closeReader();
    }

    private void closeReader() throws IOException {
      if (reader != null) {
        reader.close();
        reader = null;
      }
    }

    @Override
    public LibrarySource getCurrentSource() {
      return source;
    }
  }

  private static Schema projection(Library.Columns columns, MessageType fileSchema,
      boolean hasId) {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    List<String> wanted = new ArrayList<>();
    wanted.add(columns.smiles());
    if (hasId) {
      wanted.add(columns.id());
    }
    wanted.addAll(columns.carried());
    List<String> added = new ArrayList<>();
    for (String name : wanted) {
      if (!added.contains(name)) {
        Type field = fileSchema.getType(name);
        builder.addField(field);
        added.add(name);
      }
    }
    return new AvroSchemaConverter(new Configuration(false))
        .convert(builder.named(fileSchema.getName()));
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
