package io.molxform.testing;

/** Checks on text a command wrote. */
public final class Texts {
  private Texts() {}

  /** How often {@code fragment} occurs in {@code text}, overlaps included. */
  public static int count(String text, String fragment) {
    int count = 0;
    for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
      count++;
    }
    return count;
  }
}
