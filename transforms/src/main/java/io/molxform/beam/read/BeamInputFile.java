package io.molxform.beam.read;

import io.molxform.storage.StoreErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet {@link InputFile} on any Beam file system (local, HDFS, object stores). */
public final class BeamInputFile implements InputFile {
  private final ResourceId resource;
  private final long length;

  public BeamInputFile(ResourceId resource, long length) {
    this.resource = resource;
    this.length = length;
  }

  /** A listed file, on any filesystem Beam knows. */
  public static BeamInputFile of(MatchResult.Metadata file) {
    return new BeamInputFile(file.resourceId(), file.sizeBytes());
  }

  /** A local file. */
  public static BeamInputFile of(java.nio.file.Path file) throws IOException {
    return new BeamInputFile(FileSystems.matchNewResource(file.toAbsolutePath().toString(), false),
        java.nio.file.Files.size(file));
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    ReopeningStream stream = new ReopeningStream(resource);
    return new DelegatingSeekableInputStream(stream) {
      @Override
      public long getPos() {
        return stream.position;
      }

      @Override
      public void seek(long position) throws IOException {
        stream.seek(position);
      }
    };
  }

  /**
   * Reads through a channel of the file, and when the channel breaks under a read (a store's
   * connection reset mid-body) opens it again at the same position: the opening is a new request,
   * which the store's client retries with backoff while the store does not answer. Errors of the
   * data itself are not retried.
   */
  static final class ReopeningStream extends InputStream {
    /** Breaks in a row that a read survives; each reopening is retried by the store's client. */
    static final int REOPENINGS = 3;
    private final ResourceId resource;
    private SeekableByteChannel channel;
    private long position;

    ReopeningStream(ResourceId resource) throws IOException {
      this.resource = resource;
      this.channel = open(resource);
    }

    private static SeekableByteChannel open(ResourceId resource) throws IOException {
      ReadableByteChannel opened = FileSystems.open(resource);
      if (!(opened instanceof SeekableByteChannel channel)) {
        opened.close();
        throw new IOException(resource + ": the file system does not support seeking");
      }
      return channel;
    }

    void seek(long to) throws IOException {
      channel.position(to);
      position = to;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      for (int broken = 0; ; broken++) {
        try {
          int n = channel.read(ByteBuffer.wrap(buffer, offset, length));
          if (n > 0) {
            position += n;
          }
          return n;
        } catch (IOException | RuntimeException e) {
          if (!StoreErrors.isTransient(e)) {
            throw e;
          }
          if (broken >= REOPENINGS) {
            throw new StoreErrors.StoreUnavailableException("reading " + resource, e);
          }
          try {
            channel.close();
          } catch (IOException | RuntimeException ignored) {
            // Broken already; a new one replaces it.
          }
          try {
            channel = open(resource);
            channel.position(position);
          } catch (IOException | RuntimeException reopening) {
            if (StoreErrors.isTransient(reopening)) {
              throw new StoreErrors.StoreUnavailableException("reading " + resource, reopening);
            }
            throw reopening;
          }
        }
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  @Override
  public String toString() {
    return resource.toString();
  }
}
