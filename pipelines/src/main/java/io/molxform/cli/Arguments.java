package io.molxform.cli;

import io.molxform.UsageException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every command does with its arguments before reading them: a repeated option is merged
 * when it takes a list and refused otherwise, never silently dropped. Done before parsing because
 * {@code run}'s options go to Beam, whose parser would keep one of two values without a word.
 */
final class Arguments {
  /** Options that take a comma-separated list: given twice, the lists are joined. */
  static final Set<String> LIST_OPTIONS = Set.of("--transform", "--keepColumns", "--reagent");

  private Arguments() {}

  /**
   * The arguments with each list option given once (values joined in order); a non-list
   * option given twice is a {@link UsageException}.
   */
  static String[] mergeRepeated(String[] args) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> merged = new ArrayList<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        merged.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      String value = equals < 0 ? null : arg.substring(equals + 1);
      List<String> seen = values.get(name);
      if (seen == null) {
        values.put(name, new ArrayList<>(Collections.singletonList(value)));
        merged.add(name);
      } else if (LIST_OPTIONS.contains(name) && value != null) {
        seen.add(value);
      } else {
        throw new UsageException(name + " is given twice (" + describe(seen.get(0)) + " and "
            + describe(value) + "); give it once");
      }
    }
    for (int i = 0; i < merged.size(); i++) {
      List<String> given = values.get(merged.get(i));
      if (given != null) {
        String name = merged.get(i);
        merged.set(i, given.get(0) == null ? name : name + "=" + String.join(",", given));
      }
    }
    return merged.toArray(String[]::new);
  }

  private static String describe(String value) {
    return value == null ? "as a flag" : "'" + value + "'";
  }
}
