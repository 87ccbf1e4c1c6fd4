package io.molxform.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the log goes (log4j2.xml): what the run decides, and the libraries' and the runner's own
 * messages, in a file per process, so the terminal holds only molxform's lines and a failure is
 * one line that points here.
 */
final class RunnerLog {
  static final String PROPERTY = "molxform.log";

  private RunnerLog() {}

  /**
   * Names this process's log file; call before anything logs (log4j reads the name when it
   * starts, at the first logger anyone asks for, so no class loaded before this may hold one).
   */
  static void choose() {
    if (System.getProperty(PROPERTY) == null) {
      String name = "molxform-" + LocalDateTime.now().format(
          DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + ProcessHandle.current().pid()
          + ".log";
      System.setProperty(PROPERTY, Path.of(System.getProperty("java.io.tmpdir"), "molxform-logs",
          name).toString());
    }
  }

  static String path() {
    return System.getProperty(PROPERTY,
        Path.of(System.getProperty("java.io.tmpdir"), "molxform.log").toString());
  }
}
