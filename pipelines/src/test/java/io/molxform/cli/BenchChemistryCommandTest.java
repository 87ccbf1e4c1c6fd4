package io.molxform.cli;

import static io.molxform.testing.Molxform.molxform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.testing.Molxform.Result;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** bench-chemistry on one thread and on two: each thread runs the whole sample. */
class BenchChemistryCommandTest {

  private static long field(String line, String name) {
    Matcher matcher = Pattern.compile(" " + name + "=(\\d+)").matcher(line);
    assertTrue(matcher.find(), name + " in " + line);
    return Long.parseLong(matcher.group(1));
  }

  private static String lastRound(String threads) {
    Result result = molxform("bench-chemistry", "--file=../testdata/polyphenols.tsv",
        "--column=5", "--transform=FG_PHENOL_OH__OH__TO__OMe", "--rounds=1",
        "--threads=" + threads);
    assertEquals(0, result.exit(), result.err());
    String[] lines = result.out().strip().split("\n");
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith("molxform round 1/1: threads=" + threads + " "), last);
    return last;
  }

  @Test
  void twoThreadsEachMakeTheProductsOfTheWholeSample() {
    String one = lastRound("1");
    String two = lastRound("2");
    assertTrue(field(one, "products") > 0, one);
    assertEquals(2 * field(one, "molecules"), field(two, "molecules"), two);
    assertEquals(2 * field(one, "products"), field(two, "products"), two);
    assertTrue(field(two, "mol_per_s_per_thread") > 0, two);
  }
}
