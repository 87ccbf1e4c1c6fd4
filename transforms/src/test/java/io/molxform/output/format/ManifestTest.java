package io.molxform.output.format;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.molxform.beam.Tally;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The manifest as its readers outside Java see it (jq, DuckDB's JSON reader, the benchmark
 * script): the snake_case names of the documented format, read back into the same record.
 */
public class ManifestTest {
  private static final String OME = "FG_PHENOL_OH__OH__TO__OMe";

  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  private static Manifest finishedManifest() {
    Map<String, Long> tallies = Map.of(
        Tally.ROWS_READ, 10L,
        Tally.key(OME, Tally.WITH_PRODUCTS), 6L,
        Tally.key(OME, Tally.NO_SITE), 3L,
        Tally.key(OME, Tally.REJECTED) + "|SMILES_PARSE_ERROR", 1L,
        Tally.key(OME, Tally.CANDIDATES), 9L,
        Tally.key(OME, Tally.DUPLICATES), 2L,
        Tally.key(OME, Tally.PRODUCTS_PER_PARENT, "1"), 4L,
        Tally.key(OME, Tally.PRODUCTS_PER_PARENT, "2"), 1L,
        Tally.key(OME, Tally.PRODUCTS_PER_PARENT, "3"), 1L,
        Tally.UNREADABLE_PREFIX + "row group 2 of lib.parquet", 0L);
    return Manifest.started("20261125-000000-abcdef01", "2026-11-25T00:00:00Z",
            new Manifest.Versions("1", "2.62.0", "2.11", "17"),
            Map.of("dedup", "exact", "keepColumns", List.of("name")),
            new Manifest.Input("lib.parquet", 10,
                List.of(new Manifest.InputFile("lib.parquet", 10, 1234))),
            List.of(new Manifest.TransformEntry(OME, "[OH:1]>>[CH3]O", "each", 8, 256, "all", null)),
            "built-in")
        .finished("2026-11-25T00:01:00Z",
            Manifest.counts(List.of(OME), tallies, Map.of(OME, 7L), 1),
            Manifest.unreadable(tallies),
            List.of(new Manifest.FileEntry("products/transform=" + OME + "/part-00000-of-00001"
                    + ".parquet", "products", OME, 7, 900),
                new Manifest.FileEntry("rejects/part-00000-of-00001.parquet", "rejects", null, 1,
                    300)));
  }

  @Test
  public void writesTheDocumentedFieldNamesAndReadsBackTheSameManifest() throws Exception {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    String output = temp.getRoot().getPath();
    Manifest manifest = finishedManifest();
    manifest.write(output);

    JsonNode json = new ObjectMapper().readTree(
        Files.readString(Path.of(output, Manifest.FILE_NAME)));
    assertEquals(List.of("run_id", "started", "versions", "options", "input", "transforms",
        "catalog", "format", "finished", "counts", "unreadable", "files"), names(json));
    assertEquals(List.of("rows_read", "reject_rows_written", "transforms"),
        names(json.get("counts")));
    assertEquals(List.of("rows_read", "rows_with_products", "rows_no_site", "rows_no_change",
            "rows_rejected", "rows_rejected_by_reason", "product_rejects",
            "product_rejects_by_reason", "rows_truncated", "candidates", "products_per_parent",
            "duplicates_removed",
            "products_in_input", "products_written", "accounting_balances", "reagents_read",
            "reagents_rejected", "reagents_rejected_by_reason", "pairs_tried",
            "pairs_with_products"),
        names(json.get("counts").get("transforms").get(OME)));
    assertEquals(List.of("path", "kind", "transform", "rows", "bytes"),
        names(json.get("files").get(0)));
    assertFalse("a reject file has no transform", json.get("files").get(1).has("transform"));
    assertEquals(List.of("glob", "rows_to_read", "files"), names(json.get("input")));
    assertEquals(List.of("name", "smirks", "sites", "max_sites", "max_products_per_molecule",
        "keep_fragment"), names(json.get("transforms").get(0)));
    assertTrue("option names stay as typed on the command line",
        json.get("options").has("keepColumns"));

    assertEquals(manifest, Manifest.read(output));
    assertNull(Manifest.read(temp.newFolder("empty").getPath()));
  }

  @Test
  public void countsAccountForEveryRowAndEveryCandidate() {
    Manifest.TransformCounts counts = finishedManifest().counts().transforms().get(OME);
    assertEquals(1, counts.rowsRejected());
    assertEquals(Map.of("SMILES_PARSE_ERROR", 1L), counts.rowsRejectedByReason());
    assertEquals(10, counts.rowsAccounted());
    assertTrue(counts.accountingBalances());
    assertEquals("as the dedup counted them", 2, counts.duplicatesRemoved());
    assertEquals("9 candidates: 7 written, 2 duplicates, none in the input", 0,
        counts.productsUnaccounted());
    assertEquals(List.of(new Manifest.Unreadable("row group 2 of lib.parquet", 0)),
        finishedManifest().unreadable());
  }

  @Test
  public void productsPerParentAreInTheOrderOfTheirNumber() {
    Manifest.TransformCounts counts = finishedManifest().counts().transforms().get(OME);
    assertEquals(List.of("1", "2", "3"), List.copyOf(counts.productsPerParent().keySet()));
    assertEquals("every row with products, once", counts.rowsWithProducts(),
        counts.productsPerParent().values().stream().mapToLong(Long::longValue).sum());
    Manifest.TransformCounts wide = Manifest.TransformCounts.of(OME, Map.of(
        Tally.key(OME, Tally.PRODUCTS_PER_PARENT, "10"), 1L,
        Tally.key(OME, Tally.PRODUCTS_PER_PARENT, "2"), 3L), 0);
    assertEquals(List.of("2", "10"), List.copyOf(wide.productsPerParent().keySet()));
  }

  @Test
  public void anUnbalancedAccountingIsReported() {
    Manifest.TransformCounts counts = Manifest.TransformCounts.of(OME,
        Map.of(Tally.ROWS_READ, 10L, Tally.key(OME, Tally.WITH_PRODUCTS), 6L), 0);
    assertFalse(counts.accountingBalances());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
