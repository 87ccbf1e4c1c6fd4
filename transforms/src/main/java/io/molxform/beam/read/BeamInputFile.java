package io.molxform.beam.read;

import java.io.IOException;
import java.nio.channels.Channels;
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
    ReadableByteChannel opened = FileSystems.open(resource);
    if (!(opened instanceof SeekableByteChannel channel)) {
      opened.close();
      throw new IOException(resource + ": the file system does not support seeking");
    }
    return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
      @Override
      public long getPos() throws IOException {
        return channel.position();
      }

      @Override
      public void seek(long position) throws IOException {
        channel.position(position);
      }
    };
  }

  @Override
  public String toString() {
    return resource.toString();
  }
}
