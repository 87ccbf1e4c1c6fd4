package io.molxform.beam.read;

import io.molxform.beam.MoleculeRow;
import io.molxform.storage.StoreErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
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
 * Reads the molecules of a {@link ParquetLibrary} as a {@link TaskSource} with one split per
 * {@link ReadTask}. Each file is read with its own schema projected onto the columns the run
 * needs.
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

  /** The rows of some read tasks; the tasks' sizes are their row groups' bytes, shared by rows. */
  static final class LibrarySource extends TaskSource<ReadTask> {
    private static final long serialVersionUID = 1L;
    private final Library.Columns columns;
    private final boolean skipUnreadable;

    LibrarySource(Library.Columns columns, List<ReadTask> tasks, boolean skipUnreadable) {
      super(tasks);
      this.columns = columns;
      this.skipUnreadable = skipUnreadable;
    }

    @Override
    LibrarySource over(List<ReadTask> tasks) {
      return new LibrarySource(columns, tasks, skipUnreadable);
    }

    @Override
    long size(ReadTask task) {
      return Math.max(1, (task.rangeEnd() - task.rangeStart()) * task.rows()
          / Math.max(1, task.skip() + task.rows()));
    }

    @Override
    public LibraryReader createReader(PipelineOptions options) {
      return new LibraryReader(this);
    }
  }

  /** Reads a task's rows from its row group, each file with its own schema projected. */
  static final class LibraryReader extends TaskSource.TaskReader<ReadTask> {
    private final LibrarySource source;
    private ReadTask task;
    private ParquetReader<GenericRecord> reader;
    private boolean hasId;
    private long row;
    private long end;
    /** Why the rest of the current task cannot be read; its rows are emitted as unreadable. */
    private String unreadable;

    LibraryReader(LibrarySource source) {
      super(source);
      this.source = source;
    }

    @Override
    void open(ReadTask next) throws IOException {
      task = next;
      try {
        openTask();
      } catch (IOException | RuntimeException e) {
        cannotRead(e);
      }
    }

    @Override
    MoleculeRow next() throws IOException {
      while (row < end) {
        if (unreadable != null) {
          return MoleculeRow.unreadable(task.fileName() + ":" + row++, unreadable);
        }
        GenericRecord record;
        try {
          record = reader.read();
        } catch (IOException | RuntimeException e) {
          cannotRead(e);
          continue;
        }
        if (record != null) {
          MoleculeRow molecule = toRow(record);
          row++;
          return molecule;
        }
        // The footer promised these rows: losing them quietly is not an option.
        cannotRead(new IOException("the row group holds fewer rows than its footer counts"));
      }
      return null;
    }

    /** Fails the run, or (when skipping) marks the task's remaining rows unreadable. */
    private void cannotRead(Exception e) throws IOException {
      if (StoreErrors.isTransient(e)) {
        // The store, not the data: skipping would drop rows that can be read.
        throw e instanceof StoreErrors.StoreUnavailableException unavailable ? unavailable
            : new StoreErrors.StoreUnavailableException("reading row group " + task.rowGroup()
                + " of " + task.file(), e);
      }
      UnreadableInputException failure = new UnreadableInputException(task, row, e);
      if (!source.skipUnreadable) {
        throw failure;
      }
      unreadable = failure.getMessage();
      try {
        closeTask();
      } catch (IOException | RuntimeException closing) {
        reader = null;
      }
    }

    private void openTask() throws IOException {
      closeTask();
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

    private MoleculeRow toRow(GenericRecord record) {
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
    void closeTask() throws IOException {
      if (reader != null) {
        reader.close();
        reader = null;
      }
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
