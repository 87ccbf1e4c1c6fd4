package io.molxform.cli;

import io.molxform.UsageException;
import io.molxform.beam.MoleculeRow;
import io.molxform.beam.read.BeamInputFile;
import io.molxform.beam.read.InputException;
import io.molxform.beam.read.InputFormat;
import io.molxform.beam.read.Library;
import io.molxform.beam.read.TextLibrary;
import io.molxform.chem.CatalogException;
import io.molxform.chem.Messages;
import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.Product;
import io.molxform.chem.ReactionOutcome;
import io.molxform.chem.ReactionTransformer;
import io.molxform.chem.ReagentSet;
import io.molxform.chem.Rejection;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformSpec;
import io.molxform.depict.ChangeDrawings;
import io.molxform.depict.Panel;
import io.molxform.depict.StructureDrawer;
import io.molxform.output.OutputClaim;
import io.molxform.output.format.Manifest;
import io.molxform.pipeline.ObjectStoreOptions;
import io.molxform.storage.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.Type;
import org.openscience.cdk.exception.CDKException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * {@code molxform inspect PATH [--rows=N]}: for a molxform output directory, the manifest's summary
 * and the first product and reject rows; for an input library (a file, a glob or a folder of
 * Parquet files), each file's schema and row count and the first rows.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Schema, row counts and first rows of a library, or an output's summary and "
        + "first rows.")
final class InspectCommand implements Callable<Integer> {
  @ParentCommand private MolxformCommand molxform;

  @Parameters(paramLabel = "PATH",
      description = "An output directory, or a library: a file or glob (Parquet, SMILES, CSV, "
          + "TSV, SD), or a folder of Parquet files.")
  private String path;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "5",
      description = "How many first rows to print (default: ${DEFAULT-VALUE}).")
  private int rows;

  @Option(names = "--depict", paramLabel = "FILE",
      description = "For an output: draw its first rows of each transform, parent beside "
          + "product with the changed atoms highlighted, into FILE (.svg, .png or .pdf).")
  private Path depict;

  @Option(names = "--transform", split = ",", paramLabel = "NAME",
      description = "For a library: estimate what these transforms would make of it, from the "
          + "first --sample rows (pairs with reagents, products).")
  private List<String> transformNames = new ArrayList<>();

  @Option(names = "--catalog", paramLabel = "FILE",
      description = "A catalog file instead of the built-in catalog.")
  private String catalogFile;

  @Mixin private ReagentOptions reagentOptions;

  @Option(names = "--reagentSample", paramLabel = "N", defaultValue = "0",
      description = "As run's --reagentSample: reagents each molecule meets (0: all).")
  private int reagentSample;

  @Option(names = "--sample", paramLabel = "N", defaultValue = "1000",
      description = "Rows the estimate reacts (default: ${DEFAULT-VALUE}).")
  private int sample;

  @Option(names = "--smilesColumn", paramLabel = "NAME", defaultValue = "smiles",
      description = "The library's SMILES column (default: ${DEFAULT-VALUE}).")
  private String smilesColumn;

  @Option(names = "--idColumn", paramLabel = "NAME",
      description = "A text library's id column (SD files: a data field; default: 'id' where "
          + "present, the title line of an SD record).")
  private String idColumn;

  @Option(names = "--inputFormat", paramLabel = "FORMAT", defaultValue = "auto",
      description = "The library's format when its name does not say it: auto, parquet, smi, "
          + "csv, tsv or sdf (default: ${DEFAULT-VALUE}).")
  private String inputFormat;

  @Unmatched private List<String> storageArgs = new ArrayList<>();

  private PipelineOptions storeOptions;

  @Override
  public Integer call() {
    if (depict != null && !StructureDrawer.canWrite(depict)) {
      throw new UsageException("--depict=" + depict + ": the file must end in .svg, .png or .pdf");
    }
    PrintStream out = molxform.out;
    storeOptions = StorageOptions.register(storageArgs, path, catalogFile);
    try {
      String dir = Storage.folder(path);
      Optional<String> writer = path.matches(".*[*?\\[{].*") ? Optional.empty()
          : OutputClaim.writer(dir);
      if (writer.isPresent()) {
        throw new UsageException(path + " is being written by " + writer.get()
            + "; inspect it when that run has ended");
      }
      Manifest manifest = Manifest.read(dir);
      if (manifest != null) {
        inspectOutput(dir, manifest, rows, out);
        if (depict != null) {
          drawOutput(dir, manifest);
          out.println();
          out.println("drawn: " + depict);
        }
      } else if (depict != null) {
        throw new UsageException("--depict draws a molxform output; " + path + " is not one");
      } else {
        if (InputFormat.of(path, inputFormat) != null
            && InputFormat.of(path, inputFormat).isText()) {
          inspectText(out);
          return Main.OK;
        }
        boolean single = path.matches(".*[*?\\[{].*") || Storage.exists(path);
        List<MatchResult.Metadata> files = new ArrayList<>();
        if (single) {
          files.addAll(FileSystems.match(Storage.absolute(path), EmptyMatchTreatment.ALLOW)
              .metadata());
        } else {
          for (MatchResult.Metadata file : Storage.filesUnder(dir)) {
            if (file.resourceId().toString().endsWith(".parquet")) {
              files.add(file);
            }
          }
        }
        if (files.isEmpty()) {
          throw new UsageException("'" + path + "' matches no "
              + (single ? "file" : ".parquet file"));
        }
        long total = inspectLibrary(files, rows, out);
        if (!transformNames.isEmpty()) {
          estimateFromFiles(files, total, out);
        }
      }
    } catch (IOException e) {
      throw new UsageException("cannot inspect " + path + ": " + e.getMessage());
    }
    return Main.OK;
  }

  private static void inspectOutput(String dir, Manifest manifest, int rows, PrintStream out)
      throws IOException {
    out.println("molxform output (format " + manifest.format() + ", run " + manifest.runId()
        + ", molxform " + manifest.versions().molxform() + ")");
    out.println("  input: " + manifest.input().glob());
    Summary.print(manifest, dir, out);
    List<MatchResult.Metadata> productFiles = new ArrayList<>();
    List<MatchResult.Metadata> rejectFiles = new ArrayList<>();
    for (Manifest.FileEntry file : manifest.files()) {
      if (file.isProducts() && productFiles.isEmpty()) {
        productFiles.add(listed(dir, file));
      } else if (file.isRejects() && rejectFiles.isEmpty()) {
        rejectFiles.add(listed(dir, file));
      }
    }
    if (!productFiles.isEmpty()) {
      out.println();
      out.println("products: " + schema(productFiles.get(0)));
      printRows(productFiles.get(0), rows, out);
    }
    if (!rejectFiles.isEmpty()) {
      out.println();
      out.println("rejects: " + schema(rejectFiles.get(0)));
      printRows(rejectFiles.get(0), rows, out);
    }
  }

  /** The first rows of each transform's first file, as parent and product pairs. */
  private void drawOutput(String dir, Manifest manifest) throws IOException {
    Map<String, TransformSpec> specs = new HashMap<>();
    for (Manifest.TransformEntry entry : manifest.transforms()) {
      specs.put(entry.name(), entry.toSpec());
    }
    Map<String, MatchResult.Metadata> firstFiles = new LinkedHashMap<>();
    for (Manifest.FileEntry file : manifest.files()) {
      if (file.isProducts() && file.rows() > 0 && !firstFiles.containsKey(file.transform())) {
        firstFiles.put(file.transform(), listed(dir, file));
      }
    }
    ChangeDrawings drawings = new ChangeDrawings(Integer.MAX_VALUE);
    List<Panel> panels = new ArrayList<>();
    for (Map.Entry<String, MatchResult.Metadata> first : firstFiles.entrySet()) {
      TransformSpec spec = specs.get(first.getKey());
      for (GenericRecord row : firstRows(first.getValue(), rows)) {
        String parentId = String.valueOf(row.get("parent_id"));
        panels.addAll(drawings.parentAndProduct(spec,
            String.valueOf(row.get("parent_smiles")),
            String.valueOf(row.get("product_smiles")), parentId + " " + spec.name()));
      }
    }
    if (panels.isEmpty()) {
      throw new UsageException("nothing to draw: " + dir + " holds no product rows");
    }
    try {
      new StructureDrawer("inspect").writeGrid(panels, 2, depict);
    } catch (CDKException e) {
      throw new UsageException("cannot draw into " + depict + ": " + e.getMessage());
    }
  }

  /** A text library: its files with their records, and its first rows as a run reads them. */
  private void inspectText(PrintStream out) throws IOException {
    Library library;
    try {
      library = Library.inspect(Storage.absolute(path),
          new Library.Columns(smilesColumn, idColumn == null ? "id" : idColumn, idColumn != null,
              List.of()), 0, inputFormat, Library.ROWS_PER_TASK);
    } catch (InputException e) {
      throw new UsageException(e.getMessage());
    }
    TextLibrary text = (TextLibrary) library;
    long total = 0;
    for (Library.LibraryFile file : library.files()) {
      out.println(String.format(Locale.ROOT, "%s: %s, %,d records, %,d bytes", file.path(),
          Library.spelling(text.format()), file.rows(), file.bytes()));
      total += file.rows();
    }
    out.println(String.format(Locale.ROOT, "%d file(s), %,d records in all (%,d tasks)",
        library.files().size(), total, text.tasks().size()));
    out.println();
    out.println("first rows:");
    for (MoleculeRow row : text.firstRows(rows)) {
      out.println("  " + row.id() + "  " + (row.invalid() != null ? "INVALID: " + row.invalid()
          : row.smiles()) + "  (" + row.where() + ")");
    }
    if (!transformNames.isEmpty()) {
      List<String> smiles = new ArrayList<>();
      for (MoleculeRow row : text.firstRows(sample)) {
        smiles.add(row.smiles());
      }
      estimate(smiles, total, out);
    }
  }

  /**
   * What the transforms would make of the library, from its first rows: rows with a site,
   * (molecule, reagent) pairs and products, scaled to the whole library.
   */
  private void estimateFromFiles(List<MatchResult.Metadata> files, long total, PrintStream out)
      throws IOException {
    List<String> smiles = new ArrayList<>();
    for (MatchResult.Metadata file : files) {
      for (GenericRecord record : firstRows(file, sample - smiles.size())) {
        if (record.getSchema().getField(smilesColumn) == null) {
          throw new UsageException(file.resourceId() + " has no column '" + smilesColumn
              + "' (--smilesColumn)");
        }
        Object value = record.get(smilesColumn);
        smiles.add(value == null ? null : value.toString());
      }
      if (smiles.size() >= sample) {
        break;
      }
    }
    estimate(smiles, total, out);
  }

  private void estimate(List<String> smiles, long total, PrintStream out) {
    if (sample < 1) {
      throw new UsageException("--sample must be at least 1, got " + sample);
    }
    List<TransformSpec> specs;
    try {
      specs = TransformCatalog.builtInOr(catalogFile).select(transformNames);
    } catch (CatalogException e) {
      throw new UsageException(e.getMessage());
    }
    double scale = smiles.isEmpty() ? 0 : (double) total / smiles.size();
    out.println();
    out.println(String.format(Locale.ROOT, "estimate from the first %,d of %,d rows:",
        smiles.size(), total));
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    for (TransformSpec spec : specs) {
      long withProducts = 0;
      long products = 0;
      long pairs = 0;
      long pairsWithProducts = 0;
      String reagentLine = "";
      if (spec.twoComponent()) {
        ObjectStoreOptions.lookUpRegionFor(reagentOptions.source(spec), storeOptions);
        List<ReagentSet.Row> rows = reagentOptions.rows(spec);
        ReagentSet reagents = ReagentSet.prepare(spec, rows, MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
        reagentLine = String.format(Locale.ROOT, "    reagents: %,d in %s, %,d accepted%n",
            rows.size(), reagentOptions.source(spec), reagents.size());
        ReactionTransformer reaction = new ReactionTransformer(spec, reagents);
        ReactionTransformer.Sink none = new ReactionTransformer.Sink() {
          @Override
          public void products(String reagentId, List<Product> made) {}

          @Override
          public void productRejected(String reagentId, Rejection rejection) {}
        };
        for (int i = 0; i < smiles.size(); i++) {
          MoleculeParser.Result parsed = parser.parse(smiles.get(i));
          if (parsed.ok()) {
            ReactionOutcome outcome = reaction.apply(parsed.molecule(), "row" + i, reagentSample,
                none);
            withProducts += outcome.products() > 0 ? 1 : 0;
            products += outcome.products();
            pairs += outcome.pairsTried();
            pairsWithProducts += outcome.pairsWithProducts();
          }
        }
      } else {
        MoleculeTransformer transformer = new MoleculeTransformer(spec);
        for (String text : smiles) {
          MoleculeParser.Result parsed = parser.parse(text);
          if (parsed.ok()) {
            int made = transformer.apply(parsed.molecule()).products().size();
            withProducts += made > 0 ? 1 : 0;
            products += made;
          }
        }
      }
      out.println("  " + spec.name());
      out.print(reagentLine);
      out.println(String.format(Locale.ROOT,
          "    sample: %,d rows with products, %,d products%s", withProducts, products,
          spec.twoComponent() ? String.format(Locale.ROOT, ", %,d pairs tried, %,d with products",
              pairs, pairsWithProducts) : ""));
      out.println(String.format(Locale.ROOT,
          "    library (estimate): %,.0f rows with products, %,.0f product candidates before "
              + "dedup%s", withProducts * scale, products * scale,
          spec.twoComponent() ? String.format(Locale.ROOT, ", %,.0f pairs", pairs * scale) : ""));
    }
  }

  private static long inspectLibrary(List<MatchResult.Metadata> files, int rows, PrintStream out)
      throws IOException {
    files.sort(Comparator.comparing(m -> m.resourceId().toString()));
    long total = 0;
    for (MatchResult.Metadata file : files) {
      ParquetMetadata footer = footer(file);
      long count = footer.getBlocks().stream().mapToLong(b -> b.getRowCount()).sum();
      total += count;
      out.println(String.format(Locale.ROOT, "%s: %,d rows, %,d bytes, %d row group(s)",
          file.resourceId(), count, file.sizeBytes(), footer.getBlocks().size()));
      out.println("  " + schema(file));
    }
    out.println(String.format(Locale.ROOT, "%d file(s), %,d rows in all", files.size(), total));
    out.println();
    out.println("first rows of " + files.get(0).resourceId() + ":");
    printRows(files.get(0), rows, out);
    return total;
  }

  /** A file the manifest lists, with its size as the store reports it. */
  private static MatchResult.Metadata listed(String dir, Manifest.FileEntry file)
      throws IOException {
    try {
      return FileSystems.matchSingleFileSpec(Storage.resolve(dir, file.path()));
    } catch (java.io.FileNotFoundException e) {
      throw new UsageException(file.path() + " is listed in the manifest of " + dir
          + " but missing (molxform verify " + dir + " says what else is wrong)");
    }
  }

  private static ParquetMetadata footer(MatchResult.Metadata file) {
    try (ParquetFileReader reader = ParquetFileReader.open(BeamInputFile.of(file))) {
      return reader.getFooter();
    } catch (IOException | RuntimeException e) {
      throw new UsageException(file.resourceId() + " is not a readable Parquet file: "
          + Messages.firstLine(String.valueOf(e.getMessage())));
    }
  }

  private static String schema(MatchResult.Metadata file) {
    List<String> columns = new ArrayList<>();
    for (Type field : footer(file).getFileMetaData().getSchema().getFields()) {
      String type = field.isPrimitive()
          ? (field.getLogicalTypeAnnotation() != null
              ? field.getLogicalTypeAnnotation().toString()
              : field.asPrimitiveType().getPrimitiveTypeName().name())
          : "group";
      columns.add(field.getName() + " " + type.toLowerCase(Locale.ROOT)
          + (field.getRepetition() == Type.Repetition.OPTIONAL ? "?" : ""));
    }
    return String.join(", ", columns);
  }

  private static void printRows(MatchResult.Metadata file, int rows, PrintStream out)
      throws IOException {
    for (GenericRecord record : firstRows(file, rows)) {
      out.println("  " + record);
    }
  }

  private static List<GenericRecord> firstRows(MatchResult.Metadata file, int rows)
      throws IOException {
    List<GenericRecord> first = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
        BeamInputFile.of(file)).withConf(new Configuration(false)).build()) {
      for (GenericRecord record = reader.read(); record != null && first.size() < rows;
          record = reader.read()) {
        first.add(record);
      }
    }
    return first;
  }
}
