package io.molxform.chem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The named transforms a run may use: the built-in catalog or a user's YAML file, validated as a
 * whole when loaded (every SMIRKS compiled), so that a bad entry stops a run before any data is
 * read. A user's catalog is applied exactly as written: names and SMIRKS are not rewritten.
 */
public final class TransformCatalog {
  /** Where the built-in catalog lives on the classpath. */
  public static final String BUILT_IN = "/io/molxform/chem/catalog.yaml";

  /** How a reagent list shipped inside molxform is named: {@code classpath:/io/...}. */
  public static final String CLASSPATH = "classpath:";

  private static final Set<String> REQUIRED =
      Set.of("name", "description", "smirks", "sites", "maxSites", "maxProductsPerMolecule");
  private static final Set<String> OPTIONAL = Set.of("keepFragment", "reagents");

  private final String source;
  private final Map<String, TransformSpec> entries;

  private TransformCatalog(String source, Map<String, TransformSpec> entries) {
    this.source = source;
    this.entries = entries;
  }

  public static TransformCatalog builtIn() {
    try (InputStream in = TransformCatalog.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("built-in catalog " + BUILT_IN + " is not on the classpath");
      }
      TransformCatalog catalog =
          parse("built-in catalog", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      // The built-in catalog's reagent lists ship beside it, on the classpath.
      String folder = BUILT_IN.substring(0, BUILT_IN.lastIndexOf('/') + 1);
      Map<String, TransformSpec> resolved = new LinkedHashMap<>();
      for (TransformSpec spec : catalog.entries()) {
        resolved.put(spec.name(), spec.reagents() == null ? spec
            : spec.withReagents(CLASSPATH + folder + spec.reagents()));
      }
      return new TransformCatalog(catalog.source, resolved);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in catalog", e);
    }
  }

  /** Reads a catalog file; an unreadable file or a bad entry is a {@link CatalogException}. */
  public static TransformCatalog load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CatalogException("catalog " + file, List.of("cannot read the file: " + e));
    }
    TransformCatalog catalog = parse("catalog " + file, text);
    // A reagent list named in a catalog file is relative to that file.
    Path folder = file.toAbsolutePath().getParent();
    Map<String, TransformSpec> resolved = new LinkedHashMap<>();
    for (TransformSpec spec : catalog.entries()) {
      boolean relative = spec.reagents() != null && !spec.reagents().contains("://")
          && !Path.of(spec.reagents()).isAbsolute();
      resolved.put(spec.name(), relative
          ? spec.withReagents(folder.resolve(spec.reagents()).normalize().toString()) : spec);
    }
    return new TransformCatalog(catalog.source, resolved);
  }

  /** The built-in catalog, or the file at {@code path} when it is not blank. */
  public static TransformCatalog builtInOr(String path) {
    return path == null || path.isBlank() ? builtIn() : load(Path.of(path));
  }

  public static TransformCatalog parse(String source, String yamlText) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
    } catch (YAMLException e) {
      throw new CatalogException(source, List.of("not valid YAML: " + Messages.firstLine(
          e.getMessage())));
    }
    Object list = root instanceof Map<?, ?> map ? map.get("transforms") : null;
    if (!(list instanceof List<?> items) || items.isEmpty()) {
      throw new CatalogException(source,
          List.of("expected a top-level key 'transforms' holding a list of entries"));
    }
    List<String> problems = new ArrayList<>();
    Map<String, TransformSpec> entries = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String where = "entry " + (i + 1);
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        problems.add(where + ": expected a mapping with keys " + REQUIRED);
        continue;
      }
      if (item.get("name") instanceof String name && !name.isBlank()) {
        where = where + " '" + name + "'";
      }
      TransformSpec spec = readEntry(item, where, problems);
      if (spec == null) {
        continue;
      }
      if (entries.containsKey(spec.name())) {
        problems.add(where + ": duplicate name; an earlier entry is already called '"
            + spec.name() + "'");
        continue;
      }
      entries.put(spec.name(), spec);
    }
    if (!problems.isEmpty()) {
      throw new CatalogException(source, problems);
    }
    return new TransformCatalog(source, entries);
  }

  private static TransformSpec readEntry(Map<?, ?> item, String where, List<String> problems) {
    int before = problems.size();
    for (Object key : item.keySet()) {
      if (!REQUIRED.contains(key) && !OPTIONAL.contains(key)) {
        problems.add(where + ": unknown key '" + key + "' (known: name, description, smirks, "
            + "sites, maxSites, maxProductsPerMolecule, keepFragment, reagents)");
      }
    }
    for (String key : REQUIRED) {
      if (item.get(key) == null) {
        problems.add(where + ": missing '" + key + "'");
      }
    }
    if (problems.size() > before) {
      return null;
    }
    String name = text(item, "name", where, problems);
    String description = text(item, "description", where, problems);
    String smirks = text(item, "smirks", where, problems);
    int maxSites = positive(item, "maxSites", where, problems);
    int maxProducts = positive(item, "maxProductsPerMolecule", where, problems);
    SiteMode mode = null;
    try {
      mode = SiteMode.parse(String.valueOf(item.get("sites")));
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
    }
    KeepFragment keep = KeepFragment.LARGEST;
    int keepMapIndex = 0;
    Object keepValue = item.get("keepFragment");
    if (keepValue != null) {
      try {
        KeepFragment.Spelled spelled = KeepFragment.parse(String.valueOf(keepValue));
        keep = spelled.rule();
        keepMapIndex = spelled.mapIndex();
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
    if (problems.size() > before) {
      return null;
    }
    if (mode == SiteMode.SINGLE && maxSites != 1) {
      problems.add(where + ": sites 'single' changes one site per product, so maxSites must be 1,"
          + " got " + maxSites);
    }
    String shape = smirksShape(smirks);
    if (shape != null) {
      problems.add(where + ": " + shape);
      return null;
    }
    String reagents = null;
    if (item.get("reagents") != null) {
      reagents = text(item, "reagents", where, problems);
    }
    TransformSpec spec = new TransformSpec(
        name, description, smirks, mode, maxSites, maxProducts, keep, keepMapIndex, reagents);
    if (reagents != null && !spec.twoComponent()) {
      problems.add(where + ": 'reagents' names a reagent list, but the SMIRKS has one reactant"
          + " template; a two-component SMIRKS is MOLECULE.REAGENT>>PRODUCT");
      return null;
    }
    try {
      if (spec.twoComponent()) {
        ReactionTransformer.check(spec);
      } else {
        CompiledTransform.check(spec);
      }
    } catch (RuntimeException e) {
      problems.add(where + ": invalid SMIRKS '" + smirks + "': "
          + Messages.firstLine(e.getMessage()));
      return null;
    }
    return problems.size() > before ? null : spec;
  }

  /** Why the SMIRKS is not one reactant and one product, or null when it is. */
  private static String smirksShape(String smirks) {
    int arrow = smirks.indexOf(">>");
    if (arrow < 0 || smirks.indexOf('>') != arrow || smirks.indexOf(">>", arrow + 2) >= 0
        || smirks.lastIndexOf('>') != arrow + 1) {
      return "SMIRKS '" + smirks + "' must be 'REACTANT>>PRODUCT' (one '>>', no agents)";
    }
    int templates = Reactants.split(smirks).length;
    if (templates > 2) {
      return "SMIRKS '" + smirks + "' has " + templates + " reactant templates; a transform"
          + " takes one (the molecule) or two (the molecule and a reagent: MOLECULE.REAGENT>>PRODUCT)";
    }
    return null;
  }

  private static String text(Map<?, ?> item, String key, String where, List<String> problems) {
    Object value = item.get(key);
    if (!(value instanceof String s) || s.isBlank()) {
      problems.add(where + ": '" + key + "' must be a non-empty string");
      return null;
    }
    return s.strip();
  }

  private static int positive(Map<?, ?> item, String key, String where, List<String> problems) {
    Object value = item.get(key);
    if (!(value instanceof Integer n) || n < 1) {
      problems.add(where + ": '" + key + "' must be a whole number of at least 1, got " + value);
      return 0;
    }
    return n;
  }

  /** Where this catalog came from, for messages and the run manifest. */
  public String source() {
    return source;
  }

  public Collection<TransformSpec> entries() {
    return entries.values();
  }

  /** The entry called {@code name}; an unknown name is an error that lists the known ones. */
  public TransformSpec get(String name) {
    TransformSpec spec = entries.get(name);
    if (spec == null) {
      throw new CatalogException(source, List.of("no transform named '" + name
          + "'; available: " + String.join(", ", entries.keySet())));
    }
    return spec;
  }

  /** The entries for a list of names, in the order given; unknown names are one error. */
  public List<TransformSpec> select(List<String> names) {
    List<String> unknown = new ArrayList<>();
    List<TransformSpec> selected = new ArrayList<>();
    for (String name : names) {
      TransformSpec spec = entries.get(name);
      if (spec == null) {
        unknown.add(name);
      } else if (!selected.contains(spec)) {
        selected.add(spec);
      }
    }
    if (!unknown.isEmpty()) {
      throw new CatalogException(source, List.of("no transform named '"
          + String.join("', '", unknown) + "'; available: " + String.join(", ", entries.keySet())));
    }
    return selected;
  }
}
