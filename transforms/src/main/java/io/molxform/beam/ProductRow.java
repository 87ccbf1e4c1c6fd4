package io.molxform.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * One product row of the output: the product, the transform that made it, the parent chosen to
 * represent it, and how many parents made it.
 */
public record ProductRow(
    String transform,
    String productSmiles,
    String parentId,
    String parentSmiles,
    int sites,
    int parentCount,
    List<String> carried) {

  public static final class Coder extends CustomCoder<ProductRow> {
    private static final long serialVersionUID = 1L;
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final VarIntCoder INT = VarIntCoder.of();
    private static final ListCoder<String> LIST = ListCoder.of(NullableCoder.of(STRING));

    @Override
    public void encode(ProductRow row, OutputStream out) throws IOException {
      STRING.encode(row.transform(), out);
      STRING.encode(row.productSmiles(), out);
      STRING.encode(row.parentId(), out);
      STRING.encode(row.parentSmiles(), out);
      INT.encode(row.sites(), out);
      INT.encode(row.parentCount(), out);
      LIST.encode(row.carried(), out);
    }

    @Override
    public ProductRow decode(InputStream in) throws IOException {
      return new ProductRow(STRING.decode(in), STRING.decode(in), STRING.decode(in),
          STRING.decode(in), INT.decode(in), INT.decode(in), LIST.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
