package io.molxform.beam.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a byte stream with the byte offset and the number (from 1) of each, so that a file can
 * be cut into ranges at line starts and every record named by its line. Ends of line are
 * {@code \n} or {@code \r\n}; text is UTF-8.
 */
final class LineReader implements AutoCloseable {
  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  /** Byte offset of the next line's first byte. */
  private long offset;
  /** Number of the next line, from 1. */
  private long number;
  private long lineOffset;
  private long lineNumber;

  /**
   * @param offset byte offset of the stream's first byte in its file
   * @param number line number of the stream's first line
   */
  LineReader(InputStream in, long offset, long number) {
    this.in = in;
    this.offset = offset;
    this.number = number;
  }

  /** The next line without its end, or null at the end of the stream. */
  String next() throws IOException {
    int length = 0;
    lineOffset = offset;
    lineNumber = number;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      byte b = buffer[position++];
      offset++;
      if (b == '\n') {
        break;
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, line.length * 2);
      }
      line[length++] = b;
    }
    number++;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }

  /** Byte offset of the line {@link #next} returned last. */
  long lineOffset() {
    return lineOffset;
  }

  /** Number (from 1) of the line {@link #next} returned last. */
  long lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
