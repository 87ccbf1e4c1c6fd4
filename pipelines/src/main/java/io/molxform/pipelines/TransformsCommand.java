package io.molxform.pipelines;

import io.molxform.chem.CatalogException;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformSpec;
import java.io.PrintStream;

/** {@code molxform transforms [--catalog=FILE]}: lists a catalog. */
final class TransformsCommand {
  private TransformsCommand() {}

  static int main(String[] args, PrintStream out) {
    String catalogFile = null;
    for (String arg : args) {
      if (arg.startsWith("--catalog=")) {
        catalogFile = arg.substring("--catalog=".length());
      } else {
        throw new UsageException("transforms takes only --catalog=FILE, got '" + arg + "'");
      }
    }
    TransformCatalog catalog;
    try {
      catalog = TransformCatalog.builtInOr(catalogFile);
    } catch (CatalogException e) {
      throw new UsageException(e.getMessage());
    }
    out.println(catalog.entries().size() + " transforms in the " + catalog.source() + ":");
    for (TransformSpec spec : catalog.entries()) {
      out.println();
      out.println(spec.name());
      out.println("  " + spec.description());
      out.println("  smirks: " + spec.smirks());
      out.println("  sites:  " + spec.sites().yamlName()
          + (spec.sites() == io.molxform.chem.SiteMode.SINGLE ? "" : " (up to " + spec.maxSites()
              + ")") + ", at most " + spec.maxProductsPerMolecule() + " products per molecule"
          + ", keeps " + spec.keepFragmentSpelling() + " fragment");
    }
    return 0;
  }
}
