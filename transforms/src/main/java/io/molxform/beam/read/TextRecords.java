package io.molxform.beam.read;

import java.io.IOException;

/**
 * The records of a text library, each with the byte offset and line number where it starts: a
 * non-blank line of a SMILES file; a CSV or TSV record (lines joined while a quoted field is
 * open); an SD record (the lines before its {@code $$$$}). Blank lines between records are not
 * records. Memory holds one record.
 */
final class TextRecords implements AutoCloseable {
  /** One record: its text (lines joined by {@code \n}), where it starts, and its first line. */
  record Record(String text, long offset, long line) {}

  private final LineReader lines;
  private final InputFormat format;

  TextRecords(LineReader lines, InputFormat format) {
    this.lines = lines;
    this.format = format;
  }

  /** The next record, or null at the end. */
  Record next() throws IOException {
    if (format == InputFormat.SDF) {
      return nextSdRecord();
    }
    String line = lines.next();
    while (line != null && line.isBlank()) {
      line = lines.next();
    }
    if (line == null) {
      return null;
    }
    long offset = lines.lineOffset();
    long number = lines.lineNumber();
    return switch (format) {
      case SMILES -> new Record(line, offset, number);
      case CSV, TSV -> new Record(csvRecord(line), offset, number);
      case SDF -> throw new IllegalStateException("read by nextSdRecord");
      case PARQUET -> throw new IllegalStateException("Parquet is not a text format");
    };
  }

  /** A CSV record: a quoted field may hold ends of line, so lines join while quotes are open. */
  private String csvRecord(String first) throws IOException {
    if (quotes(first) % 2 == 0) {
      return first;
    }
    StringBuilder record = new StringBuilder(first);
    long open = quotes(first);
    String line;
    while (open % 2 != 0 && (line = lines.next()) != null) {
      record.append('\n').append(line);
      open += quotes(line);
    }
    return record.toString();
  }

  /**
   * An SD record: every line up to its {@code $$$$}, blank ones included (a molfile's title and
   * comment lines are often blank); blank lines alone at the end of the file are no record.
   */
  private Record nextSdRecord() throws IOException {
    String line = lines.next();
    if (line == null) {
      return null;
    }
    long offset = lines.lineOffset();
    long number = lines.lineNumber();
    StringBuilder record = new StringBuilder();
    boolean blank = true;
    for (; line != null && !line.startsWith("$$$$"); line = lines.next()) {
      if (number != lines.lineNumber()) {
        record.append('\n');
      }
      record.append(line);
      blank &= line.isBlank();
    }
    boolean delimited = line != null;
    return blank && !delimited ? null : new Record(record.toString(), offset, number);
  }

  private static long quotes(String line) {
    long count = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '"') {
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
