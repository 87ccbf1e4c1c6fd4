package io.molxform.beam.write;

import io.molxform.beam.StatelessCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A complete shard under its temporary name, waiting to be moved into place.
 *
 * @param destination folder under the output directory
 * @param tempFile full path of the temporary file
 * @param rows rows in the file
 * @param bytes size of the file
 */
public record WrittenShard(String destination, String tempFile, long rows, long bytes)
    implements Serializable {

  /**
   * Field by field rather than Java serialization: the DirectRunner copies the whole shard list
   * (a side input) at every shard added, thousands of times in a run with a bundle per key.
   */
  public static final class Coder extends StatelessCoder<WrittenShard> {
    private static final long serialVersionUID = 1L;
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final VarLongCoder LONG = VarLongCoder.of();

    @Override
    public void encode(WrittenShard shard, OutputStream out) throws IOException {
      STRING.encode(shard.destination(), out);
      STRING.encode(shard.tempFile(), out);
      LONG.encode(shard.rows(), out);
      LONG.encode(shard.bytes(), out);
    }

    @Override
    public WrittenShard decode(InputStream in) throws IOException {
      return new WrittenShard(STRING.decode(in), STRING.decode(in), LONG.decode(in),
          LONG.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
