package io.molxform.cli;

import io.molxform.UsageException;
import io.molxform.chem.CatalogException;
import io.molxform.chem.SiteMode;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformSpec;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code molxform transforms [--catalog=FILE]}: lists a catalog. */
@Command(name = "transforms", mixinStandardHelpOptions = true,
    description = "List the built-in transform catalog or a catalog file.")
final class TransformsCommand implements Callable<Integer> {
  @ParentCommand private MolxformCommand molxform;

  @Option(names = "--catalog", paramLabel = "FILE",
      description = "A catalog file instead of the built-in catalog.")
  private String catalogFile;

  @Override
  public Integer call() {
    PrintStream out = molxform.out;
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
          + (spec.sites() == SiteMode.SINGLE ? "" : " (up to " + spec.maxSites()
              + ")") + ", at most " + spec.maxProductsPerMolecule() + " products per molecule"
          + ", keeps " + spec.keepFragmentSpelling() + " fragment");
    }
    return Main.OK;
  }
}
