package io.molxform.cli;

import io.molxform.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code @FILE} arguments: a runner profile such as {@code @runners-config/flink-local.args} is a
 * file of options, one per line ({@code #} starts a comment). An option on the command line
 * overrides the same option from a file, wherever it stands.
 */
final class ArgumentFiles {
  private ArgumentFiles() {}

  static String[] expand(String[] args) {
    List<String> given = new ArrayList<>();
    List<String> fromFiles = new ArrayList<>();
    for (String arg : args) {
      if (!arg.startsWith("@")) {
        given.add(arg);
        continue;
      }
      Path file = Path.of(arg.substring(1));
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new UsageException("cannot read options file " + file + ": " + e.getMessage());
      }
      for (String line : lines) {
        String option = line.strip();
        if (!option.isEmpty() && !option.startsWith("#")) {
          fromFiles.add(option);
        }
      }
    }
    // An option given on the command line overrides the profile's; a repeat within either is
    // for the parsers (Beam's for run, picocli's for the others) to join or refuse.
    Set<String> overridden = new HashSet<>();
    for (String arg : given) {
      overridden.add(name(arg));
    }
    List<String> expanded = new ArrayList<>();
    for (String option : fromFiles) {
      if (!option.startsWith("--") || !overridden.contains(name(option))) {
        expanded.add(option);
      }
    }
    expanded.addAll(given);
    return expanded.toArray(String[]::new);
  }

  private static String name(String arg) {
    return arg.split("=", 2)[0];
  }
}
