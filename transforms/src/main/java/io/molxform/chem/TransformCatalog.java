package io.molxform.chem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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

  /** The keys every entry has, in {@link CatalogEntry}'s order. */
  private static final List<String> REQUIRED =
      List.of("name", "description", "smirks", "sites", "maxSites", "maxProductsPerMolecule");
  private static final List<String> OPTIONAL = List.of("keepFragment", "reagents");

  /**
   * Binds a catalog's YAML to {@link CatalogFile} and {@link CatalogEntry}: an unknown key is an
   * error that names it, and a value is never coerced into another type (a number where a
   * string belongs, a fraction where a whole number does).
   */
  private static final ObjectMapper YAML = strictYaml();

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
    CatalogFile file;
    try {
      file = YAML.readValue(yamlText, CatalogFile.class);
    } catch (UnrecognizedPropertyException e) {
      throw new CatalogException(source, List.of("unknown top-level key '" + e.getPropertyName()
          + "'; a catalog holds one key, 'transforms', with a list of entries"));
    } catch (JsonProcessingException e) {
      throw new CatalogException(source, List.of(e instanceof MismatchedInputException
          ? "expected a top-level key 'transforms' holding a list of entries"
          : "not valid YAML: " + Messages.firstLine(e.getOriginalMessage())));
    }
    if (file == null || file.transforms() == null || file.transforms().isEmpty()) {
      throw new CatalogException(source,
          List.of("expected a top-level key 'transforms' holding a list of entries"));
    }
    List<String> problems = new ArrayList<>();
    Map<String, TransformSpec> entries = new LinkedHashMap<>();
    for (int i = 0; i < file.transforms().size(); i++) {
      JsonNode item = file.transforms().get(i);
      String where = "entry " + (i + 1);
      if (item.path("name").isTextual() && !item.path("name").asText().isBlank()) {
        where = where + " '" + item.path("name").asText().strip() + "'";
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

  /** A catalog file as written. */
  private record CatalogFile(List<JsonNode> transforms) {}

  /** One entry as written; every key a catalog knows, none required by Jackson (checked here). */
  private record CatalogEntry(String name, String description, String smirks, String sites,
      Integer maxSites, Integer maxProductsPerMolecule, String keepFragment, String reagents) {
    List<String> missing() {
      List<String> missing = new ArrayList<>();
      Object[] values = {name, description, smirks, sites, maxSites, maxProductsPerMolecule};
      for (int i = 0; i < REQUIRED.size(); i++) {
        if (values[i] == null || values[i] instanceof String text && text.isBlank()) {
          missing.add(REQUIRED.get(i));
        }
      }
      return missing;
    }
  }

  private static TransformSpec readEntry(JsonNode item, String where, List<String> problems) {
    if (!item.isObject()) {
      problems.add(where + ": expected a mapping with keys " + String.join(", ", REQUIRED));
      return null;
    }
    CatalogEntry entry;
    try {
      entry = YAML.treeToValue(item, CatalogEntry.class);
    } catch (UnrecognizedPropertyException e) {
      problems.add(where + ": unknown key '" + e.getPropertyName() + "' (known: "
          + String.join(", ", REQUIRED) + ", " + String.join(", ", OPTIONAL) + ")");
      return null;
    } catch (JsonProcessingException e) {
      String key = e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
          ? mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName() : "?";
      boolean number = e instanceof MismatchedInputException mismatch
          && mismatch.getTargetType() == Integer.class;
      problems.add(where + ": '" + key + "' must be " + (number
          ? "a whole number of at least 1, got " + item.path(key) : "a string"));
      return null;
    }
    int before = problems.size();
    for (String key : entry.missing()) {
      problems.add(where + ": missing '" + key + "'");
    }
    if (problems.size() > before) {
      return null;
    }
    String smirks = entry.smirks().strip();
    int maxSites = positive(entry.maxSites(), "maxSites", where, problems);
    int maxProducts = positive(entry.maxProductsPerMolecule(), "maxProductsPerMolecule", where,
        problems);
    SiteMode mode = null;
    try {
      mode = SiteMode.parse(entry.sites());
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
    }
    KeepFragment keep = KeepFragment.LARGEST;
    int keepMapIndex = 0;
    if (entry.keepFragment() != null) {
      try {
        KeepFragment.Spelled spelled = KeepFragment.parse(entry.keepFragment());
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
    String reagents = entry.reagents() == null ? null : entry.reagents().strip();
    if (reagents != null && reagents.isEmpty()) {
      problems.add(where + ": 'reagents' must be a non-empty string");
      return null;
    }
    TransformSpec spec = new TransformSpec(entry.name().strip(), entry.description().strip(),
        smirks, mode, maxSites, maxProducts, keep, keepMapIndex, reagents);
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

  private static int positive(int value, String key, String where, List<String> problems) {
    if (value < 1) {
      problems.add(where + ": '" + key + "' must be a whole number of at least 1, got " + value);
      return 0;
    }
    return value;
  }

  private static ObjectMapper strictYaml() {
    ObjectMapper mapper = YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    return mapper;
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
