package io.molxform.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the project's Markdown (README, CONTRIBUTING, docs/) resolves: the file
 * exists and, where the link names a heading ({@code page.md#heading}), the page has it.
 */
class DocumentationLinksTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyRelativeLinkResolves() throws IOException {
    List<Path> pages = markdownPages();
    assertTrue(pages.size() >= 6, "README, CONTRIBUTING and the docs pages: " + pages);
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages) {
      for (String target : links(page)) {
        if (target.matches("^[a-z]+:.*")) {
          continue;
        }
        checked++;
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
        } else if (anchor != null && resolved.toString().endsWith(".md")
            && !anchors(resolved).contains(anchor)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertTrue(checked > 10, "links checked: " + checked);
    assertEquals(List.of(), broken);
  }

  @Test
  void theReadmeStaysShort() throws IOException {
    int lines = Files.readAllLines(ROOT.resolve("README.md")).size();
    assertTrue(lines <= 250, "README.md has " + lines + " lines; the manual belongs in docs/");
  }

  /**
   * The README's layout table matches the tree: every main package has its row, every row's
   * folder exists, and every class a row names is in its folder.
   */
  @Test
  void theReadmesLayoutTableMatchesTheTree() throws IOException {
    Pattern row = Pattern.compile("^\\| `((?:transforms|pipelines)/…/[^`]*)` \\|(.*)\\|$");
    Pattern named = Pattern.compile("`([A-Z][A-Za-z]+)`");
    Set<Path> listed = new HashSet<>();
    List<String> wrong = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
      Matcher m = row.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Path folder = ROOT.resolve(m.group(1).replace("…", "src/main/java/io/molxform"))
          .normalize();
      listed.add(folder);
      if (!Files.isDirectory(folder)) {
        wrong.add(m.group(1) + ": no such folder");
        continue;
      }
      Matcher classes = named.matcher(m.group(2));
      while (classes.find()) {
        if (!Files.exists(folder.resolve(classes.group(1) + ".java"))) {
          wrong.add(m.group(1) + ": no " + classes.group(1) + ".java");
        }
      }
    }
    for (String module : List.of("transforms", "pipelines")) {
      Path base = ROOT.resolve(module + "/src/main/java/io/molxform");
      try (Stream<Path> folders = Files.walk(base)) {
        folders.filter(Files::isDirectory).filter(f -> !f.equals(base))
            .filter(DocumentationLinksTest::holdsJava)
            .filter(f -> !listed.contains(f))
            .forEach(f -> wrong.add(ROOT.relativize(f) + ": not in the README's layout"));
      }
    }
    assertTrue(listed.size() >= 10, "layout rows: " + listed);
    assertEquals(List.of(), wrong);
  }

  private static boolean holdsJava(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> markdownPages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"),
        ROOT.resolve("CONTRIBUTING.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  private static List<String> links(Path page) throws IOException {
    List<String> targets = new ArrayList<>();
    boolean fence = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        fence = !fence;
      }
      if (fence) {
        continue;
      }
      // SMILES in code spans look like links ("[c:1](C)"): only prose is read.
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    return targets;
  }

  /** The anchors GitHub makes of a page's headings. */
  static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    boolean fence = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        fence = !fence;
      }
      if (!fence && line.startsWith("#")) {
        String heading = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
        anchors.add(heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }
}
