package io.molxform.beam.read;

import io.molxform.beam.MoleculeRow;
import io.molxform.chem.Messages;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.io.ISimpleChemObjectReader;
import org.openscience.cdk.io.MDLV2000Reader;
import org.openscience.cdk.io.MDLV3000Reader;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;

/**
 * Turns one record of a text library into a {@link MoleculeRow}: a SMILES line (SMILES, then the
 * rest of the line as the id, the convention of RDKit and the CDK), a CSV or TSV record (read by
 * a real CSV parser: quoted fields may hold separators, quotes and ends of line), or an SD record
 * (a V2000 or V3000 molfile read by the CDK, whose stereo comes from the wedges and coordinates
 * as the CDK's reader perceives it, then its data fields). A record that cannot be read is a row
 * that says why ({@link MoleculeRow#invalid}); every row names its file and line.
 *
 * <p>Not thread-safe: one per reader.
 */
final class TextRecordParser {
  private static final SmilesGenerator ISOMERIC = new SmilesGenerator(SmiFlavor.Isomeric);

  private final InputFormat format;
  private final String fileName;
  private final Library.Columns columns;
  private final List<String> header;
  private final CSVFormat csv;
  private final int smilesIndex;
  private final int idIndex;
  private final int[] carriedIndex;

  TextRecordParser(InputFormat format, String fileName, List<String> header,
      Library.Columns columns) {
    this.format = format;
    this.fileName = fileName;
    this.columns = columns;
    this.header = header;
    this.csv = csvFormat(format);
    this.smilesIndex = header.indexOf(columns.smiles());
    this.idIndex = columns.id() == null ? -1 : header.indexOf(columns.id());
    this.carriedIndex = columns.carried().stream().mapToInt(header::indexOf).toArray();
  }

  /** Whether the first record of a file is a header rather than a molecule. */
  static boolean isHeader(InputFormat format, String firstRecord) {
    return switch (format) {
      case CSV, TSV -> true;
      case SMILES -> firstRecord.strip().split("\\s+", 2)[0].equalsIgnoreCase("smiles");
      default -> false;
    };
  }

  /** The column names of a header record. */
  static List<String> header(InputFormat format, String record) throws IOException {
    if (format == InputFormat.SMILES) {
      return List.of();
    }
    return fields(csvFormat(format), record);
  }

  /** Checks a CSV or TSV header against the columns the run reads. */
  static void checkHeader(String path, InputFormat format, List<String> header,
      Library.Columns columns) {
    if (format != InputFormat.CSV && format != InputFormat.TSV) {
      return;
    }
    if (!header.contains(columns.smiles())) {
      throw new InputException(path + " has no SMILES column '" + columns.smiles()
          + "'; its columns are: " + header + ". Name the column with --smilesColumn.");
    }
    if (columns.idExplicit() && !header.contains(columns.id())) {
      throw new InputException(path + " has no id column '" + columns.id() + "'; its columns are: "
          + header + ". Leave out --idColumn to derive ids as <file name>:<row index>.");
    }
    for (String carried : columns.carried()) {
      if (!header.contains(carried)) {
        throw new InputException(path + ": column '" + carried + "' given in --keepColumns "
            + "does not exist; its columns are: " + header);
      }
    }
  }

  /** The row of record {@code index} (from 0, in the file). */
  MoleculeRow parse(TextRecords.Record record, long index) {
    String derivedId = fileName + ":" + index;
    String where = format == InputFormat.SDF
        ? fileName + " record " + (index + 1) + " (line " + record.line() + ")"
        : fileName + " line " + record.line();
    return switch (format) {
      case SMILES -> smilesLine(record.text(), derivedId, where);
      case CSV, TSV -> csvRecord(record.text(), derivedId, where);
      case SDF -> sdRecord(record.text(), derivedId, where);
      case PARQUET -> throw new IllegalStateException("Parquet is not a text format");
    };
  }

  private MoleculeRow smilesLine(String line, String derivedId, String where) {
    String[] parts = line.strip().split("\\s+", 2);
    String id = parts.length > 1 && !parts[1].isBlank() ? parts[1].strip() : derivedId;
    return new MoleculeRow(id, parts[0], List.of(), null, null, where);
  }

  private MoleculeRow csvRecord(String text, String derivedId, String where) {
    List<String> fields;
    try {
      fields = fields(csv, text);
    } catch (IOException | RuntimeException e) {
      return MoleculeRow.invalid(derivedId, "not a " + Library.spelling(format) + " record: "
          + Messages.firstLine(String.valueOf(e.getMessage())), where);
    }
    // The id where the record has one, even a record that is otherwise of no use.
    String id = idIndex >= 0 && idIndex < fields.size() && !fields.get(idIndex).isBlank()
        ? fields.get(idIndex) : derivedId;
    if (fields.size() != header.size()) {
      return MoleculeRow.invalid(id, fields.size() + " field(s) where the header has "
          + header.size(), where);
    }
    List<String> carried = new ArrayList<>(carriedIndex.length);
    for (int index : carriedIndex) {
      carried.add(fields.get(index));
    }
    return new MoleculeRow(id, fields.get(smilesIndex), carried, null, null, where);
  }

  private MoleculeRow sdRecord(String text, String derivedId, String where) {
    int end = text.indexOf("M  END");
    String molfile = end < 0 ? text : text.substring(0, end + "M  END".length());
    Map<String, String> data = end < 0 ? Map.of() : dataItems(text.substring(end));
    String title = text.lines().findFirst().orElse("").strip();
    String id = columns.idExplicit() ? data.get(columns.id()) : title;
    if (id == null || id.isBlank()) {
      id = derivedId;
    }
    List<String> carried = new ArrayList<>(columns.carried().size());
    for (String field : columns.carried()) {
      carried.add(data.get(field));
    }
    if (end < 0) {
      return MoleculeRow.invalid(id, "no molfile: the record has no 'M  END' line", where);
    }
    IAtomContainer molecule;
    String[] lines = molfile.split("\n", 5);
    boolean v3000 = lines.length > 3 && lines[3].contains("V3000");
    try (ISimpleChemObjectReader reader = v3000
        ? new MDLV3000Reader(new StringReader(molfile))
        : new MDLV2000Reader(new StringReader(molfile))) {
      molecule = reader.read(SilentChemObjectBuilder.getInstance().newAtomContainer());
    } catch (CDKException | IOException | RuntimeException e) {
      return MoleculeRow.invalid(id, "not a " + (v3000 ? "V3000" : "V2000") + " molfile: "
          + Messages.firstLine(String.valueOf(e.getMessage())), where);
    }
    if (molecule == null || molecule.isEmpty()) {
      return MoleculeRow.invalid(id, "the molfile has no atoms", where);
    }
    try {
      return new MoleculeRow(id, ISOMERIC.create(molecule), carried, null, null, where);
    } catch (CDKException | RuntimeException e) {
      return MoleculeRow.invalid(id, "the molecule cannot be written as SMILES: "
          + Messages.firstLine(String.valueOf(e.getMessage())), where);
    }
  }

  /** An SD record's data items: {@code > <NAME>} then value lines up to a blank line. */
  static Map<String, String> dataItems(String afterMolfile) {
    Map<String, String> items = new LinkedHashMap<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : afterMolfile.split("\n", -1)) {
      if (name == null) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        if (line.startsWith(">") && open > 0 && close > open) {
          name = line.substring(open + 1, close);
          value.setLength(0);
        }
      } else if (line.isBlank()) {
        items.putIfAbsent(name, value.toString());
        name = null;
      } else {
        value.append(value.length() == 0 ? "" : "\n").append(line);
      }
    }
    if (name != null) {
      items.putIfAbsent(name, value.toString());
    }
    return items;
  }

  private static CSVFormat csvFormat(InputFormat format) {
    return CSVFormat.DEFAULT.builder()
        .setDelimiter(format == InputFormat.TSV ? '\t' : ',')
        .setIgnoreSurroundingSpaces(true)
        .get();
  }

  private static List<String> fields(CSVFormat format, String record) throws IOException {
    try (CSVParser parser = CSVParser.builder().setReader(new StringReader(record))
        .setFormat(format).get()) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new IOException(records.size() + " records where one line was expected");
      }
      List<String> fields = new ArrayList<>();
      records.get(0).forEach(fields::add);
      return fields;
    }
  }
}
