package io.molxform.output.format;

import java.io.Serializable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** How rows of one kind become Parquet: their schema and their record. */
public interface RowFormat<T> extends Serializable {
  /** The Avro schema of the files, as JSON (Avro schemas travel to workers as text). */
  String schemaJson();

  GenericRecord toRecord(T row, Schema schema);
}
