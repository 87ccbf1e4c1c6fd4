package io.molxform.chem;

/** Exception messages made fit for one line of a report, a reject row or a terminal. */
public final class Messages {
  private Messages() {}

  /** The innermost cause of {@code e} (e itself when it has none). */
  public static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** The innermost cause of {@code e} in one line: its type and the first line of its message. */
  public static String rootSummary(Throwable e) {
    Throwable root = rootCause(e);
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
  }

  /** The first line of {@code message}, without a dangling colon; "unknown error" for none. */
  public static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    String line = (newline < 0 ? message : message.substring(0, newline)).strip();
    return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
  }
}
