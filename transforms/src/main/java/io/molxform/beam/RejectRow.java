package io.molxform.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * One reject row (the dead letter): which row, which transform, where and why it failed.
 *
 * @param parentId id of the input row; null for a reagent's rejection
 * @param smiles the input SMILES as read (null when the cell was null)
 * @param transform the transform the verdict is for
 * @param stage parse, transform or product
 * @param reasonCode stable code, one of {@link io.molxform.chem.ReasonCode}
 * @param reason message for people
 * @param productSmiles the product as far as it could be written (product stage only)
 * @param reagentId the reagent the verdict is about (reagent stage), or that met the parent
 *     when one of its products failed (product stage of a two-component transform); else null
 */
public record RejectRow(
    String parentId,
    String smiles,
    String transform,
    String stage,
    String reasonCode,
    String reason,
    String productSmiles,
    String reagentId) {

  /** A reject row of a library row, with no reagent. */
  public RejectRow(String parentId, String smiles, String transform, String stage,
      String reasonCode, String reason, String productSmiles) {
    this(parentId, smiles, transform, stage, reasonCode, reason, productSmiles, null);
  }

  public static final class Coder extends CustomCoder<RejectRow> {
    private static final long serialVersionUID = 1L;
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final NullableCoder<String> NULLABLE = NullableCoder.of(STRING);

    @Override
    public void encode(RejectRow row, OutputStream out) throws IOException {
      NULLABLE.encode(row.parentId(), out);
      NULLABLE.encode(row.smiles(), out);
      STRING.encode(row.transform(), out);
      STRING.encode(row.stage(), out);
      STRING.encode(row.reasonCode(), out);
      STRING.encode(row.reason(), out);
      NULLABLE.encode(row.productSmiles(), out);
      NULLABLE.encode(row.reagentId(), out);
    }

    @Override
    public RejectRow decode(InputStream in) throws IOException {
      return new RejectRow(NULLABLE.decode(in), NULLABLE.decode(in), STRING.decode(in),
          STRING.decode(in), STRING.decode(in), STRING.decode(in), NULLABLE.decode(in),
          NULLABLE.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
