package io.molxform.storage;

import io.molxform.chem.Messages;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.regex.Pattern;

/**
 * Tells a store that does not answer for a while (a connection refused or reset, a timeout, an
 * HTTP 5xx or throttling) from data that is wrong (a bad page, a bad footer, a missing file).
 * The first is retried, and when the retries run out the run fails naming the store; only the
 * second may be skipped as unreadable input.
 */
public final class StoreErrors {
  /** How the AWS SDK spells a server's error or throttling in its exceptions' messages. */
  private static final Pattern SERVER_STATUS = Pattern.compile(
      "Status Code: (5\\d\\d|429)|SlowDown|Throttl|ServiceUnavailable|InternalError");

  private StoreErrors() {}

  /** Whether {@code failure}, or one of its causes, is a store not answering for now. */
  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof SocketTimeoutException
          || t instanceof NoRouteToHostException || t instanceof HttpTimeoutException
          || (t instanceof SocketException && !(t.getMessage() != null
              && t.getMessage().contains("Too many open files")))) {
        return true;
      }
      String type = t.getClass().getName();
      if (type.endsWith("NoHttpResponseException") || type.endsWith("ConnectTimeoutException")
          || type.endsWith("ApiCallTimeoutException")
          || type.endsWith("ApiCallAttemptTimeoutException")) {
        return true;
      }
      if (type.startsWith("software.amazon.awssdk.") && t.getMessage() != null
          && SERVER_STATUS.matcher(t.getMessage()).find()) {
        return true;
      }
    }
    return false;
  }

  /** A store that did not answer within its retries: the run fails, naming it. */
  public static final class StoreUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String what, Throwable cause) {
      super(what + ": the store did not answer within its retries (" + Messages.rootSummary(cause)
          + "); nothing was skipped: run again when the store is back", cause);
    }
  }
}
