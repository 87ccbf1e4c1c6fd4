package io.molxform.chem;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a transform's matches (sites) in one molecule become products. */
public enum SiteMode {
  /** One product per distinct site. */
  SINGLE,
  /** One product with every non-overlapping site changed at once (greedy in canonical atom order). */
  ALL,
  /** One product per non-empty subset of non-overlapping sites, up to {@code maxSites} sites. */
  COMBINATORIAL;

  /** The spelling used in catalogs and on the command line. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SiteMode parse(String value) {
    for (SiteMode mode : values()) {
      if (mode.yamlName().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown site mode '" + value + "'; expected one of "
            + Arrays.stream(values()).map(SiteMode::yamlName).collect(Collectors.joining(", ")));
  }
}
