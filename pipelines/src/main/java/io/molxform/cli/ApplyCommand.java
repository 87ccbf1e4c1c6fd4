package io.molxform.cli;

import io.molxform.UsageException;
import io.molxform.chem.CatalogException;
import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.Product;
import io.molxform.chem.ProductChanges;
import io.molxform.chem.ReactionOutcome;
import io.molxform.chem.ReactionTransformer;
import io.molxform.chem.ReagentSet;
import io.molxform.chem.Rejection;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformOutcome;
import io.molxform.chem.TransformSpec;
import io.molxform.depict.ChangeDrawings;
import io.molxform.depict.Panel;
import io.molxform.depict.StructureDrawer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code molxform apply --transform=NAME SMILES...}: one molecule (or a file of them) through the
 * same chemistry as a run, without a pipeline: its products, or why there are none.
 * {@code --format=tsv} prints one line per product or verdict, for scripts.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Try transforms on molecules: each molecule's products, or why there are none.")
final class ApplyCommand implements Callable<Integer> {
  enum Format { text, tsv }

  @ParentCommand private MolxformCommand molxform;

  @Option(names = "--transform", required = true, split = ",", paramLabel = "NAME",
      description = "Catalog names, comma-separated (molxform transforms lists them).")
  private List<String> transformNames;

  @Option(names = "--catalog", paramLabel = "FILE",
      description = "A catalog file instead of the built-in catalog.")
  private String catalogFile;

  @Option(names = "--file", paramLabel = "FILE",
      description = "Molecules to try, one SMILES or ID<TAB>SMILES per line.")
  private Path file;

  @Option(names = "--maxHeavyAtoms", paramLabel = "N",
      defaultValue = "" + MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS,
      description = "Molecules with more heavy atoms are rejected (default: ${DEFAULT-VALUE}).")
  private int maxHeavyAtoms;

  @Option(names = "--format", paramLabel = "text|tsv", defaultValue = "text",
      description = "text for people, tsv for scripts (default: ${DEFAULT-VALUE}).")
  private Format format;

  @Option(names = "--depict", paramLabel = "FILE",
      description = "Also draw each molecule beside its products, changed atoms highlighted, "
          + "into FILE (.svg, .png or .pdf).")
  private Path depict;

  @Option(names = "--depictProducts", paramLabel = "N", defaultValue = "6",
      description = "The most products drawn per molecule and transform with --depict "
          + "(default: ${DEFAULT-VALUE}).")
  private int depictProducts;

  @Mixin private ReagentOptions reagentOptions;

  @Parameters(paramLabel = "SMILES", arity = "0..*", description = "Molecules to try.")
  private List<String> smiles = new ArrayList<>();

  @Override
  public Integer call() {
    PrintStream out = molxform.out;
    boolean tsv = format == Format.tsv;
    List<String[]> molecules = new ArrayList<>();
    for (String text : smiles) {
      molecules.add(new String[] {"arg" + (molecules.size() + 1), text});
    }
    if (file != null) {
      molecules.addAll(readMolecules(file));
    }
    if (molecules.isEmpty()) {
      throw new UsageException("apply needs a SMILES argument or --file=FILE");
    }
    if (depict != null && !StructureDrawer.canWrite(depict)) {
      throw new UsageException("--depict=" + depict + ": the file must end in .svg, .png or .pdf");
    }
    if (depictProducts < 1) {
      throw new UsageException("--depictProducts must be at least 1, got " + depictProducts);
    }
    List<List<Panel>> drawings = new ArrayList<>();
    List<MoleculeTransformer> transformers = new ArrayList<>();
    List<ReactionTransformer> reactions = new ArrayList<>();
    try {
      for (TransformSpec spec : TransformCatalog.builtInOr(catalogFile).select(transformNames)) {
        if (spec.twoComponent()) {
          reactions.add(reaction(spec));
        } else {
          transformers.add(new MoleculeTransformer(spec));
        }
      }
    } catch (CatalogException e) {
      throw new UsageException(e.getMessage());
    }
    MoleculeParser parser = new MoleculeParser(maxHeavyAtoms);
    if (tsv) {
      out.println("id\tsmiles\ttransform\tstatus\tproduct_smiles\tsites\treason\treagent_id");
    }
    for (String[] molecule : molecules) {
      MoleculeParser.Result parsed = parser.parse(molecule[1]);
      if (!tsv) {
        out.println(molecule[1] + (parsed.ok() ? "  (canonical " + parsed.molecule()
            .canonicalSmiles() + ")" : ""));
      }
      for (ReactionTransformer reaction : reactions) {
        react(out, tsv, molecule, parsed, reaction, drawings);
      }
      for (MoleculeTransformer transformer : transformers) {
        String name = transformer.spec().name();
        if (!parsed.ok()) {
          print(out, tsv, molecule, name, "REJECTED", null, 0, describe(parsed.rejection()));
          continue;
        }
        TransformOutcome outcome;
        if (depict != null) {
          ProductChanges changes = transformer.explain(parsed.molecule());
          outcome = changes.outcome();
          drawings.add(ChangeDrawings.parentAndProducts(changes,
              molecule[0] + " " + name, depictProducts));
        } else {
          outcome = transformer.apply(parsed.molecule());
        }
        if (!tsv) {
          out.println("  " + name + ": " + summary(outcome));
        }
        for (Product product : outcome.products()) {
          print(out, tsv, molecule, name, "PRODUCT", product.smiles(), product.sites(), "");
        }
        verdict(out, tsv, molecule, transformer.spec(), outcome.status(),
            outcome.rowRejection(), outcome.truncated());
        for (Rejection rejection : outcome.productRejects()) {
          print(out, tsv, molecule, name, "PRODUCT_REJECTED", rejection.subject(), 0,
              describe(rejection));
        }
      }
    }
    if (depict != null) {
      writeDrawing(drawings);
      out.println((tsv ? "# " : "") + "drawn: " + depict);
    }
    return Main.OK;
  }

  /** The transform with its reagents ({@link ReagentOptions}); rejected ones are said. */
  private ReactionTransformer reaction(TransformSpec spec) {
    List<ReagentSet.Row> rows = reagentOptions.rows(spec);
    ReagentSet reagents = ReagentSet.prepare(spec, rows, maxHeavyAtoms);
    for (ReagentSet.Rejected rejected : reagents.rejected()) {
      molxform.err.println("molxform: " + spec.name() + ": reagent " + rejected.row().id()
          + " (" + rejected.row().smiles() + ") rejected: " + describe(rejected.rejection()));
    }
    return new ReactionTransformer(spec, reagents);
  }

  /** One molecule with every reagent: its products per reagent, or why there are none. */
  private void react(PrintStream out, boolean tsv, String[] molecule,
      MoleculeParser.Result parsed, ReactionTransformer reaction, List<List<Panel>> drawings) {
    String name = reaction.spec().name();
    if (!parsed.ok()) {
      print(out, tsv, molecule, name, "REJECTED", null, 0, describe(parsed.rejection()));
      return;
    }
    List<Panel> panels = new ArrayList<>();
    panels.add(new Panel(parsed.molecule().structure(), Set.of(), molecule[0] + " " + name));
    SmilesParser smilesParser = new SmilesParser(SilentChemObjectBuilder.getInstance());
    ReactionOutcome outcome = reaction.apply(parsed.molecule(), molecule[0], 0,
        new ReactionTransformer.Sink() {
          @Override
          public void products(String reagentId, List<Product> products) {
            if (!tsv) {
              out.println("  " + name + " with " + reagentId + ":");
            }
            for (Product product : products) {
              print(out, tsv, molecule, name, "PRODUCT", product.smiles(), product.sites(), "",
                  reagentId);
              if (depict != null && panels.size() <= depictProducts) {
                try {
                  panels.add(new Panel(smilesParser.parseSmiles(product.smiles()), Set.of(),
                      "with " + reagentId));
                } catch (CDKException e) {
                  // a product the drawing cannot read is listed, not drawn
                }
              }
            }
          }

          @Override
          public void productRejected(String reagentId, Rejection rejection) {
            print(out, tsv, molecule, name, "PRODUCT_REJECTED", rejection.subject(), 0,
                describe(rejection), reagentId);
          }
        });
    if (depict != null) {
      drawings.add(panels);
    }
    if (!tsv) {
      out.println("  " + name + ": " + switch (outcome.status()) {
        case PRODUCTS -> outcome.products() + " product(s) from " + outcome.sitesFound()
            + " site(s) and " + outcome.pairsWithProducts() + " of " + outcome.pairsTried()
            + " reagent(s)" + (outcome.truncated() ? ", truncated at the product cap" : "");
        case NO_SITE -> "no site";
        case NO_CHANGE -> "no change";
        case REJECTED -> "rejected";
      });
    }
    verdict(out, tsv, molecule, reaction.spec(), outcome.status(), outcome.rowRejection(),
        outcome.truncated());
  }

  /** The lines of a molecule that made no product, or whose enumeration hit the cap. */
  private static void verdict(PrintStream out, boolean tsv, String[] molecule, TransformSpec spec,
      TransformOutcome.Status status, Rejection rowRejection, boolean truncated) {
    String name = spec.name();
    switch (status) {
      case NO_SITE -> print(out, tsv, molecule, name, "NO_SITE", null, 0,
          "the transform matches nowhere in this molecule");
      case NO_CHANGE -> print(out, tsv, molecule, name, "NO_CHANGE", null, 0,
          "every product equals the molecule itself");
      case REJECTED -> print(out, tsv, molecule, name, "REJECTED", null, 0,
          describe(rowRejection));
      default -> { }
    }
    if (truncated) {
      print(out, tsv, molecule, name, "TRUNCATED", null, 0, "enumeration stopped at the cap of "
          + spec.maxProductsPerMolecule() + " products per molecule");
    }
  }

  /** One row per molecule and transform: the molecule, then its products. */
  private void writeDrawing(List<List<Panel>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(1);
    List<Panel> panels = new ArrayList<>();
    for (List<Panel> row : rows) {
      panels.addAll(row);
      for (int i = row.size(); i < columns; i++) {
        panels.add(Panel.blank());
      }
    }
    try {
      new StructureDrawer("apply").writeGrid(panels, columns, depict);
    } catch (CDKException | IOException e) {
      throw new UsageException("cannot draw into " + depict + ": " + e.getMessage());
    }
  }

  private static String summary(TransformOutcome outcome) {
    return switch (outcome.status()) {
      case PRODUCTS -> outcome.products().size() + " product(s) from " + outcome.sitesFound()
          + " site(s)" + (outcome.truncated() ? ", truncated at the product cap" : "");
      case NO_SITE -> "no site";
      case NO_CHANGE -> "no change";
      case REJECTED -> "rejected";
    };
  }

  private static void print(PrintStream out, boolean tsv, String[] molecule, String transform,
      String status, String product, int sites, String reason) {
    print(out, tsv, molecule, transform, status, product, sites, reason, null);
  }

  private static void print(PrintStream out, boolean tsv, String[] molecule, String transform,
      String status, String product, int sites, String reason, String reagentId) {
    if (tsv) {
      out.println(String.join("\t", molecule[0], String.valueOf(molecule[1]), transform, status,
          product == null ? "" : product, Integer.toString(sites), reason,
          reagentId == null ? "" : reagentId));
    } else if (status.equals("PRODUCT")) {
      out.println("    " + product + "  (" + sites + " site" + (sites == 1 ? "" : "s") + ")");
    } else if (!status.equals("NO_SITE") && !status.equals("NO_CHANGE")) {
      out.println("    " + status.toLowerCase() + ": " + (product == null ? "" : product + ": ")
          + reason);
    }
  }

  private static String describe(Rejection rejection) {
    return rejection.code() + ": " + rejection.message();
  }

  /** Lines of {@code SMILES} or {@code ID<TAB>SMILES}; blank lines and '#' lines are skipped. */
  private static List<String[]> readMolecules(Path file) {
    List<String[]> molecules = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    }
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      molecules.add(fields.length >= 2 ? new String[] {fields[0], fields[1]}
          : new String[] {"line" + (molecules.size() + 1), fields[0]});
    }
    return molecules;
  }
}
