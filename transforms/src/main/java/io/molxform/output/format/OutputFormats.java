package io.molxform.output.format;

import io.molxform.beam.ProductRow;
import io.molxform.beam.RejectRow;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/** The output data contract: the products and rejects schemas and where their files go. */
public final class OutputFormats {
  public static final String PRODUCTS_DIR = "products";
  public static final String REJECTS_DIR = "rejects";
  public static final String TRANSFORM_PARTITION = "transform=";
  /** The run report, beside the manifest. */
  /**
   * The claim a run holds on its output while it writes ({@code OutputClaim}); the finalize step
   * releases it when it names the finalizing run.
   */
  public static final String CLAIM_FILE = ".molxform-claim";
  public static final String REPORT_FILE = "report.html";

  /** Product columns, in file order; carried input columns follow them. */
  public static final List<String> PRODUCT_COLUMNS = List.of(
      "product_smiles", "transform", "parent_id", "parent_smiles", "sites", "parent_count",
      "reagent_id");
  public static final List<String> REJECT_COLUMNS = List.of(
      "parent_id", "smiles", "transform", "stage", "reason_code", "reason", "product_smiles",
      "reagent_id");

  private OutputFormats() {}

  /** The folder of one transform's products: a Hive-style partition. */
  public static String productsDestination(String transform) {
    return PRODUCTS_DIR + "/" + TRANSFORM_PARTITION + transform;
  }

  public static Set<String> reservedColumnNames() {
    return Set.copyOf(PRODUCT_COLUMNS);
  }

  public static Schema productSchema(List<String> carried) {
    SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Product")
        .namespace("io.molxform").fields()
        .requiredString("product_smiles")
        .requiredString("transform")
        .requiredString("parent_id")
        .requiredString("parent_smiles")
        .requiredInt("sites")
        .requiredInt("parent_count")
        .optionalString("reagent_id");
    for (String column : carried) {
      fields = fields.optionalString(column);
    }
    return fields.endRecord();
  }

  public static Schema rejectSchema() {
    return SchemaBuilder.record("Reject").namespace("io.molxform").fields()
        .optionalString("parent_id")
        .optionalString("smiles")
        .requiredString("transform")
        .requiredString("stage")
        .requiredString("reason_code")
        .requiredString("reason")
        .optionalString("product_smiles")
        .optionalString("reagent_id")
        .endRecord();
  }

  public static RowFormat<ProductRow> products(List<String> carried) {
    return new ProductFormat(productSchema(carried).toString(), List.copyOf(carried));
  }

  public static RowFormat<RejectRow> rejects() {
    return new RejectFormat(rejectSchema().toString());
  }

  private record ProductFormat(String schemaJson, List<String> carried)
      implements RowFormat<ProductRow> {
    @Override
    public GenericRecord toRecord(ProductRow row, Schema schema) {
      GenericRecord record = new GenericData.Record(schema);
      record.put("product_smiles", utf8(row.productSmiles()));
      record.put("transform", utf8(row.transform()));
      record.put("parent_id", utf8(row.parentId()));
      record.put("parent_smiles", utf8(row.parentSmiles()));
      record.put("sites", row.sites());
      record.put("parent_count", row.parentCount());
      record.put("reagent_id", utf8(row.reagentId()));
      for (int i = 0; i < carried.size(); i++) {
        record.put(carried.get(i), utf8(row.carried().get(i)));
      }
      return record;
    }
  }

  private record RejectFormat(String schemaJson) implements RowFormat<RejectRow> {
    @Override
    public GenericRecord toRecord(RejectRow row, Schema schema) {
      GenericRecord record = new GenericData.Record(schema);
      record.put("parent_id", utf8(row.parentId()));
      record.put("smiles", utf8(row.smiles()));
      record.put("transform", utf8(row.transform()));
      record.put("stage", utf8(row.stage()));
      record.put("reason_code", utf8(row.reasonCode()));
      record.put("reason", utf8(row.reason()));
      record.put("product_smiles", utf8(row.productSmiles()));
      record.put("reagent_id", utf8(row.reagentId()));
      return record;
    }
  }

  /**
   * Strings go to the Parquet writer as Avro {@link Utf8}: it takes their bytes as they are,
   * where for a {@code String} it encodes through a {@code CharsetEncoder}, a third of the
   * writers' samples in a profile of a 1-million-row run.
   */
  private static Utf8 utf8(String text) {
    return text == null ? null : new Utf8(text);
  }
}
