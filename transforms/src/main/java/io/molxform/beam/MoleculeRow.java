package io.molxform.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * One input row: its id, its SMILES as read (null when the cell is null) and the values of the
 * input columns the user asked to carry onto products; or a row that could not be read, with
 * why, which the run reports as a reject instead of losing it: a Parquet row group that cannot
 * be decoded ({@code unreadable}) or a text record that is no molecule ({@code invalid}).
 *
 * @param where for text inputs, the file and line the row comes from, which its reject rows
 *     name; null for Parquet
 */
public record MoleculeRow(String id, String smiles, List<String> carried, String unreadable,
    String invalid, String where) {

  public MoleculeRow(String id, String smiles, List<String> carried) {
    this(id, smiles, carried, null, null, null);
  }

  public static MoleculeRow unreadable(String id, String why) {
    return new MoleculeRow(id, null, List.of(), why, null, null);
  }

  /** A record of a text file that holds no readable molecule. */
  public static MoleculeRow invalid(String id, String why, String where) {
    return new MoleculeRow(id, null, List.of(), null, why, where);
  }

  public static final class Coder extends CustomCoder<MoleculeRow> {
    private static final long serialVersionUID = 1L;
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final NullableCoder<String> NULLABLE = NullableCoder.of(STRING);
    private static final ListCoder<String> LIST = ListCoder.of(NULLABLE);

    @Override
    public void encode(MoleculeRow row, OutputStream out) throws IOException {
      STRING.encode(row.id(), out);
      NULLABLE.encode(row.smiles(), out);
      LIST.encode(row.carried(), out);
      NULLABLE.encode(row.unreadable(), out);
      NULLABLE.encode(row.invalid(), out);
      NULLABLE.encode(row.where(), out);
    }

    @Override
    public MoleculeRow decode(InputStream in) throws IOException {
      return new MoleculeRow(STRING.decode(in), NULLABLE.decode(in), LIST.decode(in),
          NULLABLE.decode(in), NULLABLE.decode(in), NULLABLE.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
