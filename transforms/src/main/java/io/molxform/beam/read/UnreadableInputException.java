package io.molxform.beam.read;

import io.molxform.chem.Messages;
import java.io.IOException;

/**
 * A row group of an input file that cannot be decoded (a corrupt page under an intact footer).
 * Its message names the file, the row group and the first row lost, in one line: it is what the
 * user sees when the run stops, and the reason on each row skipped under
 * {@code --skipUnreadableRowGroups}.
 */
public final class UnreadableInputException extends IOException {
  private static final long serialVersionUID = 1L;

  UnreadableInputException(ReadTask task, long fromRow, Throwable cause) {
    super("row group " + task.rowGroup() + " of " + task.file() + " cannot be read from row "
        + fromRow + " on (" + Messages.rootSummary(cause) + ")", cause);
  }
}
