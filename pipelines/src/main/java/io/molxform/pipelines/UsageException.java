package io.molxform.pipelines;

/** A problem the user can fix by changing the command: printed as one line, exit code 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
