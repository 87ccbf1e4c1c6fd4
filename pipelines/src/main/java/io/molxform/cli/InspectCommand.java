package io.molxform.cli;

import io.molxform.UsageException;
import io.molxform.beam.read.BeamInputFile;
import io.molxform.beam.write.Manifest;
import io.molxform.chem.Messages;
import io.molxform.chem.TransformSpec;
import io.molxform.depict.ChangeDrawings;
import io.molxform.depict.Panel;
import io.molxform.depict.StructureDrawer;
import io.molxform.storage.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.Type;
import org.openscience.cdk.exception.CDKException;
import picocli.CommandLine.Command;
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
      description = "An output directory, or a Parquet file, glob or folder.")
  private String path;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "5",
      description = "How many first rows to print (default: ${DEFAULT-VALUE}).")
  private int rows;

  @Option(names = "--depict", paramLabel = "FILE",
      description = "For an output: draw its first rows of each transform, parent beside "
          + "product with the changed atoms highlighted, into FILE (.svg, .png or .pdf).")
  private Path depict;

  @Unmatched private List<String> storageArgs = new ArrayList<>();

  @Override
  public Integer call() {
    if (depict != null && !StructureDrawer.canWrite(depict)) {
      throw new UsageException("--depict=" + depict + ": the file must end in .svg, .png or .pdf");
    }
    PrintStream out = molxform.out;
    StorageOptions.register(storageArgs);
    try {
      String dir = Storage.folder(path);
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
        inspectLibrary(files, rows, out);
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

  private static void inspectLibrary(List<MatchResult.Metadata> files, int rows, PrintStream out)
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
