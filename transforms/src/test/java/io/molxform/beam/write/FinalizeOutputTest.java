package io.molxform.beam.write;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.molxform.beam.Tally;
import io.molxform.output.format.Manifest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The finalize step commits only an output whose every product is accounted for. */
public class FinalizeOutputTest {
  private static Map<String, Long> tallies(long candidates, long duplicates, long inInput,
      long writtenAsCounted) {
    Map<String, Long> tallies = new HashMap<>();
    tallies.put(Tally.key("T", Tally.CANDIDATES), candidates);
    tallies.put(Tally.key("T", Tally.DUPLICATES), duplicates);
    tallies.put(Tally.key("T", Tally.IN_INPUT), inInput);
    tallies.put(Tally.key("T", Tally.WRITTEN), writtenAsCounted);
    return tallies;
  }

  private static void check(Map<String, Long> tallies, long rowsInShards) {
    FinalizeOutput.FinalizeFn.checkProductsAccounted(
        Manifest.counts(List.of("T"), tallies, Map.of("T", rowsInShards), 0), tallies);
  }

  @Test
  public void aBalancedRunCommits() {
    check(tallies(10, 3, 2, 5), 5);
  }

  @Test
  public void aProductLostBetweenTheDedupAndTheWritersStopsTheCommit() {
    IllegalStateException lost = assertThrows(IllegalStateException.class,
        () -> check(tallies(10, 3, 2, 4), 4));
    assertTrue(lost.getMessage(), lost.getMessage().contains("T: 10 candidates, 3 duplicates"
        + " removed, 2 in the input, 4 written as the writers counted, 4 rows in the shards"));
  }

  @Test
  public void rowsInTheShardsThatNoWriterCountedStopTheCommit() {
    assertThrows(IllegalStateException.class, () -> check(tallies(10, 3, 2, 5), 6));
    assertThrows(IllegalStateException.class, () -> check(tallies(10, 3, 2, 6), 5));
  }
}
