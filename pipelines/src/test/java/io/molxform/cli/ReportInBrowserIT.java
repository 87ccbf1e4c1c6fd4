package io.molxform.cli;

import static io.molxform.testing.Molxform.molxform;
import static io.molxform.testing.Texts.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.molxform.testing.Molxform.Result;
import io.molxform.testing.TestLibraries;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: Debian's Chromium, headless, loads the page from disk with the
 * network shut; the rendered page holds the summary, the histogram and every drawing as SVG,
 * fetches nothing, logs nothing to the console, and its screenshot is a picture, not a blank
 * page. CI installs Chromium and sets MOLXFORM_REQUIRE_CHROMIUM=1, so there a missing browser
 * fails the build; elsewhere the test is skipped without it.
 */
class ReportInBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  @TempDir static Path dir;
  static Path report;

  @BeforeAll
  static void runAndFindTheBrowser() {
    boolean required = "1".equals(System.getenv("MOLXFORM_REQUIRE_CHROMIUM"));
    boolean available = Files.isExecutable(CHROMIUM);
    if (required) {
      assertTrue(available, "MOLXFORM_REQUIRE_CHROMIUM=1 but " + CHROMIUM
          + " is missing: apt-get install chromium");
    }
    assumeTrue(available, "Chromium not installed (apt-get install chromium)");
    Path output = dir.resolve("out");
    Result run = molxform("run", "--runner=DirectRunner", "--quiet=true",
        "--input=" + TestLibraries.POLYPHENOLS, "--output=" + output,
        "--transform=FG_PHENOL_OH__OH__TO__OMe,FG_PHENOL_OH__OH__TO__F");
    assertEquals(0, run.exit(), run.err());
    report = output.resolve("report.html");
  }

  @Test
  void rendersTheSummaryTheHistogramsAndTheDrawings() throws Exception {
    Browser dom = chromium(report, "--dump-dom");
    assertEquals(0, dom.exit(), dom.log());
    String page = dom.out();
    assertTrue(page.contains("<h2>Summary</h2>"), "summary rendered");
    assertEquals(2, count(page, "<svg class=\"histogram\""), "one histogram per transform");
    int figures = count(page, "<figure");
    assertTrue(figures >= 2 * 12 * 2, figures + " drawings: 12 parents and products, twice");
    assertEquals(figures + 2, count(page, "<svg"), "every drawing is an inline SVG");
    for (String external : List.of("<script", "<img", "<link", "src=", "href=\"http",
        "url(")) {
      assertFalse(page.contains(external), "self-contained, yet the page holds " + external);
    }
    assertEquals(List.of(), consoleMessages(dom.log()), "console messages");

    Path png = dir.resolve("report.png");
    Browser shot = chromium(report, "--screenshot=" + png);
    assertEquals(0, shot.exit(), shot.log());
    assertEquals(List.of(), consoleMessages(shot.log()));
    BufferedImage image = ImageIO.read(png.toFile());
    Set<Integer> colours = new HashSet<>();
    long inked = 0;
    for (int x = 0; x < image.getWidth(); x += 2) {
      for (int y = 0; y < image.getHeight(); y += 2) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        inked += rgb == 0xFFFFFF ? 0 : 1;
      }
    }
    long sampled = (long) ((image.getWidth() + 1) / 2) * ((image.getHeight() + 1) / 2);
    assertTrue(colours.size() > 50, colours.size() + " colours: not a blank page");
    assertTrue(inked > sampled / 50, inked + " of " + sampled + " pixels drawn");
  }

  @Test
  void theConsoleCheckSeesAnError() throws Exception {
    Path bad = dir.resolve("bad.html");
    Files.writeString(bad, "<!DOCTYPE html><html><body><script>console.error('boom')</script>"
        + "</body></html>");
    List<String> messages = consoleMessages(chromium(bad, "--dump-dom").log());
    assertEquals(1, messages.size(), messages.toString());
    assertTrue(messages.get(0).contains("boom"));
  }

  private record Browser(int exit, String out, String log) {}

  /** One headless load of {@code page}, with the flags that keep Chromium off the network. */
  private static Browser chromium(Path page, String action) throws IOException,
      InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    Path out = dir.resolve("chromium.out");
    Path log = dir.resolve("chromium.log");
    Process process = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--hide-scrollbars", "--window-size=1400,2400", "--enable-logging=stderr", "--v=0",
        action, page.toUri().toString())
        .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Chromium did not finish in 120 s: " + Files.readString(log));
    }
    return new Browser(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(log, StandardCharsets.UTF_8));
  }

  /** What the page logged to its console: Chromium writes each message as a CONSOLE line. */
  private static List<String> consoleMessages(String log) {
    List<String> messages = new ArrayList<>();
    log.lines().filter(line -> line.contains(":CONSOLE")).forEach(messages::add);
    return messages;
  }
}
