package io.molxform.storage;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.Test;

/** A store that does not answer is told apart from data that is wrong, however deep the cause. */
public class StoreErrorsTest {
  @Test
  public void aStoreThatDoesNotAnswerIsTransient() {
    assertTrue(StoreErrors.isTransient(new ConnectException("Connection refused")));
    assertTrue(StoreErrors.isTransient(new IOException("reading",
        new RuntimeException("Unable to execute HTTP request",
            new ConnectException("Connection refused")))));
    assertTrue(StoreErrors.isTransient(new SocketException("Connection reset")));
    assertTrue(StoreErrors.isTransient(new UncheckedIOException(
        new SocketTimeoutException("Read timed out"))));
  }

  @Test
  public void wrongDataAndMissingFilesAreNot() {
    assertFalse(StoreErrors.isTransient(new ParquetDecodingException("could not read page")));
    assertFalse(StoreErrors.isTransient(new IOException("can not read class PageHeader")));
    assertFalse(StoreErrors.isTransient(new FileNotFoundException("s3://b/k")));
    assertFalse(StoreErrors.isTransient(new SocketException("Too many open files")));
    // Only the AWS SDK's own exceptions are read for status codes.
    assertFalse(StoreErrors.isTransient(new IOException("Status Code: 503")));
  }

  @Test
  public void theFailureSaysWhatWasReadAndThatNothingWasSkipped() {
    String message = new StoreErrors.StoreUnavailableException("reading s3://b/k",
        new IOException("x", new ConnectException("Connection refused"))).getMessage();
    assertTrue(message, message.equals("reading s3://b/k: the store did not answer within its "
        + "retries (ConnectException: Connection refused); nothing was skipped: run again when "
        + "the store is back"));
  }
}
