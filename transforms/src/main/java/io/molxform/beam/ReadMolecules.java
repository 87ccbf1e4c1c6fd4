package io.molxform.beam;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
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
 * Reads the molecules of a {@link ParquetLibrary}: each row group is a task, each file is read
 * with its own schema projected onto the columns the run needs, and rows are then spread evenly
 * over the workers (the chemistry, not the reading, is the cost).
 *
 * <p>Ids come from the id column; where a file has none (and none was named), the id is
 * {@code <file name>:<row index>}, which ParquetIO's record-only parse functions could not give.
 */
public final class ReadMolecules extends PTransform<PBegin, PCollection<MoleculeRow>> {
  private final ParquetLibrary library;

  public ReadMolecules(ParquetLibrary library) {
    this.library = library;
  }

  @Override
  public PCollection<MoleculeRow> expand(PBegin begin) {
    return begin
        .apply("RowGroups", Create.of(library.tasks()).withCoder(SerializableCoder.of(ReadTask.class)))
        .apply("SpreadRowGroups", Reshuffle.viaRandomKey())
        .apply("ReadRows", ParDo.of(new ReadTaskFn(library.columns())))
        .setCoder(new MoleculeRow.Coder())
        .apply("SpreadRows", Reshuffle.viaRandomKey());
  }

  static final class ReadTaskFn extends DoFn<ReadTask, MoleculeRow> {
    private static final long serialVersionUID = 1L;
    private final ParquetLibrary.Columns columns;

    ReadTaskFn(ParquetLibrary.Columns columns) {
      this.columns = columns;
    }

    @ProcessElement
    public void process(@Element ReadTask task, OutputReceiver<MoleculeRow> out)
        throws IOException {
      BeamInputFile input = new BeamInputFile(
          FileSystems.matchNewResource(task.file(), false), task.length());
      MessageType fileSchema;
      try (ParquetFileReader reader = ParquetFileReader.open(input)) {
        fileSchema = reader.getFooter().getFileMetaData().getSchema();
      }
      boolean hasId = columns.id() != null && fileSchema.containsField(columns.id());
      Configuration conf = new Configuration(false);
      AvroReadSupport.setRequestedProjection(conf, projection(fileSchema, hasId));
      long row = task.firstRow();
      long end = task.firstRow() + task.rows();
      try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(input)
          .withConf(conf)
          .withFileRange(task.rangeStart(), task.rangeEnd())
          .build()) {
        for (GenericRecord record = reader.read(); record != null && row < end;
            record = reader.read(), row++) {
          String id = hasId ? text(record.get(columns.id())) : null;
          if (id == null) {
            id = task.fileName() + ":" + row;
          }
          List<String> carried = new ArrayList<>(columns.carried().size());
          for (String column : columns.carried()) {
            carried.add(text(record.get(column)));
          }
          out.output(new MoleculeRow(id, text(record.get(columns.smiles())), carried));
        }
      }
    }

    private Schema projection(MessageType fileSchema, boolean hasId) {
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
}
