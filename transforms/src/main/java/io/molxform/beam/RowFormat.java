package io.molxform.beam;

import java.io.Serializable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * How rows of one kind become Parquet: their schema, their record, the output folder each row
 * belongs to, and a stable key that spreads rows over shards.
 */
public interface RowFormat<T> extends Serializable {
  /** The Avro schema of the files, as JSON (Avro schemas travel to workers as text). */
  String schemaJson();

  GenericRecord toRecord(T row, Schema schema);

  /** The folder under the output directory, e.g. {@code products/transform=NAME}. */
  String destination(T row);

  /** Any stable function of the row's content; equal rows may share a shard. */
  String shardKey(T row);
}
