package io.molxform.cli;

import static io.molxform.testing.Molxform.assertUsageError;
import static io.molxform.testing.Molxform.molxform;
import static io.molxform.testing.Texts.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.beam.ParentSample;
import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformOutcome;
import io.molxform.depict.StructureDrawer;
import io.molxform.output.format.Manifest;
import io.molxform.testing.Molxform.Result;
import io.molxform.testing.TestLibraries;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html end to end: written with the output and listed in the manifest, the same sampled
 * parents on the DirectRunner, on embedded Flink and with the Bloom dedup (the ones of smallest rank, computed here
 * from the library on its own), a histogram that agrees with the counts, and the drawings of
 * apply and inspect.
 */
class RunReportTest {
  static final String METHYLATION = "FG_PHENOL_OH__OH__TO__OMe";
  static final int SAMPLES = 12;
  @TempDir static Path dir;
  static Path direct;
  static Path flink;
  static Path bloom;

  private static void ok(Result result) {
    assertEquals(0, result.exit(), result.err());
  }

  @BeforeAll
  static void runOnBothRunners() {
    direct = dir.resolve("direct");
    ok(molxform("run", "--runner=DirectRunner", "--quiet=true",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + direct,
        "--transform=" + METHYLATION));
    bloom = dir.resolve("bloom");
    ok(molxform("run", "--runner=DirectRunner", "--quiet=true", "--dedup=bloom",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + bloom,
        "--transform=" + METHYLATION));
    flink = dir.resolve("flink");
    ok(molxform("run", "--runner=FlinkRunner", "--parallelism=2", "--quiet=true",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + flink,
        "--transform=" + METHYLATION));
  }

  @Test
  void theReportIsListedAndVerified() throws Exception {
    for (Path output : List.of(direct, flink)) {
      Manifest manifest = Manifest.read(output.toString());
      Manifest.FileEntry report = manifest.files().stream().filter(Manifest.FileEntry::isReport)
          .findFirst().orElseThrow();
      assertEquals("report.html", report.path());
      assertEquals(Files.size(output.resolve("report.html")), report.bytes());
      ok(molxform("verify", output.toString()));
    }
  }

  @Test
  void sampledParentsAreTheSmallestRanksWhateverTheRunner() throws Exception {
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    MoleculeTransformer methylation =
        new MoleculeTransformer(TransformCatalog.builtIn().get(METHYLATION));
    List<ParentSample.Parent> withProducts = new ArrayList<>();
    for (Map.Entry<String, String> row : TestLibraries.polyphenolSmiles().entrySet()) {
      MoleculeParser.Result parsed = parser.parse(row.getValue());
      if (parsed.ok() && methylation.apply(parsed.molecule()).status()
          == TransformOutcome.Status.PRODUCTS) {
        withProducts.add(ParentSample.Parent.of(row.getKey(), row.getValue()));
      }
    }
    List<String> expected = withProducts.stream().sorted(ParentSample.RANK_ORDER)
        .limit(SAMPLES).map(ParentSample.Parent::id).toList();
    assertEquals(SAMPLES, expected.size());

    assertEquals(expected, sampledParents(direct));
    assertEquals(expected, sampledParents(flink));
    assertEquals(expected, sampledParents(bloom), "samples pass the Bloom dedup whole");
  }

  @Test
  void theHistogramAgreesWithTheCounts() throws Exception {
    Manifest.TransformCounts counts =
        Manifest.read(direct.toString()).counts().transforms().get(METHYLATION);
    long rows = 0;
    long products = 0;
    int most = 0;
    for (Map.Entry<String, Long> bin : counts.productsPerParent().entrySet()) {
      int made = Integer.parseInt(bin.getKey());
      rows += bin.getValue();
      products += made * bin.getValue();
      most = Math.max(most, made);
    }
    assertEquals(counts.rowsWithProducts(), rows);
    assertEquals(counts.candidates(), products);

    String html = Files.readString(direct.resolve("report.html"));
    Matcher histogram = Pattern.compile("<svg class=\"histogram\".*?</svg>", Pattern.DOTALL)
        .matcher(html);
    assertTrue(histogram.find());
    assertEquals(most, count(histogram.group(), "<rect "), "one bar per number of products");
    assertTrue(html.contains("115"), "rows with products in the summary");
    assertTrue(html.contains(StructureDrawer.HIGHLIGHT_SVG), "changed atoms highlighted");
  }

  @Test
  void verifyNoticesAReportThatChangedOrWentMissing() throws Exception {
    Path copy = dir.resolve("copy");
    ok(molxform("run", "--runner=DirectRunner", "--quiet=true", "--limit=20",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + copy, "--reportSamples=0",
        "--transform=" + METHYLATION));
    String html = Files.readString(copy.resolve("report.html"));
    assertEquals(0, count(html, "<figure"), "--reportSamples=0 draws nothing");
    Files.writeString(copy.resolve("report.html"), "\n", StandardOpenOption.APPEND);
    Result changed = molxform("verify", copy.toString());
    assertEquals(1, changed.exit());
    long size = Files.size(copy.resolve("report.html"));
    assertTrue(changed.err().contains("report.html: " + size + " bytes, the manifest says "
        + (size - 1)), changed.err());
    Files.delete(copy.resolve("report.html"));
    Result missing = molxform("verify", copy.toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("report.html: listed in the manifest but missing"),
        missing.err());
  }

  @Test
  void inspectAndApplyDrawWithTheChangedAtomsHighlighted() throws Exception {
    Path png = dir.resolve("inspect.png");
    ok(molxform("inspect", direct.toString(), "--rows=3", "--depict=" + png));
    BufferedImage image = ImageIO.read(png.toFile());
    Set<Integer> colours = new HashSet<>();
    boolean highlighted = false;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        highlighted |= rgb == (StructureDrawer.HIGHLIGHT.getRGB() & 0xFFFFFF);
      }
    }
    assertTrue(colours.size() > 10, "a drawing, not a blank image");
    assertTrue(highlighted, "changed atoms in the highlight colour");

    Path svg = dir.resolve("apply.svg");
    Result applied = molxform("apply", "--transform=" + METHYLATION, "--depict=" + svg,
        "Oc1ccc(O)cc1");
    ok(applied);
    String drawing = Files.readString(svg);
    assertTrue(drawing.contains(StructureDrawer.HIGHLIGHT_SVG));
    assertTrue(applied.out().contains("drawn: " + svg), applied.out());

    assertUsageError(molxform("apply", "--transform=" + METHYLATION, "--depict=x.gif", "CO"),
        "--depict=x.gif", ".svg, .png or .pdf");
  }

  private static List<String> sampledParents(Path output) throws Exception {
    String html = Files.readString(output.resolve("report.html"));
    List<String> ids = new ArrayList<>();
    Matcher parent = Pattern.compile("<figcaption><b>parent ([^<]+)</b>").matcher(html);
    while (parent.find()) {
      ids.add(parent.group(1));
    }
    return ids;
  }
}
