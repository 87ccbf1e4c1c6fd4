package io.molxform.chem;

import java.util.ArrayList;
import java.util.List;

/** The reactant templates of a SMIRKS: its left side split at the dots between templates. */
final class Reactants {
  private Reactants() {}

  /**
   * The templates of {@code smirks}' reactant side, split at each '.' outside brackets and
   * parentheses (a '.' inside '( )' joins parts of one template).
   */
  static String[] split(String smirks) {
    int arrow = smirks.indexOf(">>");
    String side = arrow < 0 ? smirks : smirks.substring(0, arrow);
    List<String> templates = new ArrayList<>();
    int bracket = 0;
    int paren = 0;
    int start = 0;
    for (int i = 0; i < side.length(); i++) {
      char c = side.charAt(i);
      if (c == '[') {
        bracket++;
      } else if (c == ']') {
        bracket--;
      } else if (bracket == 0 && c == '(') {
        paren++;
      } else if (bracket == 0 && c == ')') {
        paren--;
      } else if (bracket == 0 && paren == 0 && c == '.') {
        templates.add(side.substring(start, i));
        start = i + 1;
      }
    }
    templates.add(side.substring(start));
    return templates.toArray(new String[0]);
  }
}
