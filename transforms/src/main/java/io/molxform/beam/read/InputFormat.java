package io.molxform.beam.read;

import java.util.Locale;
import org.apache.beam.sdk.io.Compression;

/**
 * The file formats a library (or a reagent list) may come in, told by the file's extension
 * (after a compression suffix) or named with {@code --inputFormat}.
 */
public enum InputFormat {
  /** Apache Parquet, a SMILES column and optional id and other columns. */
  PARQUET("parquet"),
  /** SMILES files: a SMILES, whitespace, then the rest of the line as the id; optional header. */
  SMILES("smi", "smiles"),
  /** Comma-separated values with a header. */
  CSV("csv"),
  /** Tab-separated values with a header. */
  TSV("tsv"),
  /** MDL SD files (V2000 and V3000 molfiles, '$$$$' between records), or one molfile. */
  SDF("sdf", "sd", "mol");

  private final String[] extensions;

  InputFormat(String... extensions) {
    this.extensions = extensions;
  }

  /** The spellings {@code --inputFormat} takes. */
  public static final String SPELLINGS = "auto, parquet, smi, csv, tsv, sdf";

  /**
   * The format of {@code fileName}: {@code override} unless it is "auto" or blank, else by the
   * extension; null when the extension names no format.
   */
  public static InputFormat of(String fileName, String override) {
    if (override != null && !override.isBlank() && !override.equalsIgnoreCase("auto")) {
      String name = override.toLowerCase(Locale.ROOT);
      for (InputFormat format : values()) {
        for (String extension : format.extensions) {
          if (extension.equals(name) || format.name().equalsIgnoreCase(name)) {
            return format;
          }
        }
      }
      throw new InputException("--inputFormat=" + override + " is not a format; formats: "
          + SPELLINGS);
    }
    String name = stripCompression(fileName.toLowerCase(Locale.ROOT));
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1);
    for (InputFormat format : values()) {
      for (String known : format.extensions) {
        if (known.equals(extension)) {
          return format;
        }
      }
    }
    return null;
  }

  /** How a file is compressed, by its name: {@code .gz} or {@code .zst}, else not at all. */
  public static Compression compressionOf(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      return Compression.GZIP;
    }
    if (name.endsWith(".zst")) {
      return Compression.ZSTD;
    }
    return Compression.UNCOMPRESSED;
  }

  private static String stripCompression(String name) {
    for (String suffix : new String[] {".gz", ".zst"}) {
      if (name.endsWith(suffix)) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  /** Whether the format is text, read record by record, rather than Parquet. */
  public boolean isText() {
    return this != PARQUET;
  }
}
