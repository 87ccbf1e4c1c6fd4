package io.molxform.chem;

import java.util.List;

/** A catalog that cannot be used, or a transform name it does not have. Says exactly why. */
public final class CatalogException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public CatalogException(String source, List<String> problems) {
    super(source + ": " + (problems.size() == 1
        ? problems.get(0)
        : problems.size() + " problems:\n  - " + String.join("\n  - ", problems)));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
