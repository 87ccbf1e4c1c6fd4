package io.molxform.pipelines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code @FILE} arguments: a runner profile such as {@code @runners-config/flink-local.args} is a
 * file of options, one per line ({@code #} starts a comment). Options after it override it.
 */
final class ArgumentFiles {
  private ArgumentFiles() {}

  static String[] expand(String[] args) {
    List<String> expanded = new ArrayList<>();
    for (String arg : args) {
      if (!arg.startsWith("@")) {
        expanded.add(arg);
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
          expanded.add(option);
        }
      }
    }
    // Later options win: Beam rejects a repeated scalar option, so keep only the last of each.
    List<String> lastWins = new ArrayList<>();
    for (int i = 0; i < expanded.size(); i++) {
      String name = expanded.get(i).split("=", 2)[0];
      boolean repeatedLater = false;
      for (int j = i + 1; j < expanded.size(); j++) {
        if (expanded.get(j).split("=", 2)[0].equals(name)) {
          repeatedLater = true;
          break;
        }
      }
      if (!repeatedLater || !name.startsWith("--")) {
        lastWins.add(expanded.get(i));
      }
    }
    return lastWins.toArray(String[]::new);
  }
}
