package io.molxform.beam;

import java.io.Serializable;

/**
 * One unit of reading: a run of row groups of one Parquet file.
 *
 * @param file the file's resource id, as a string
 * @param fileName the file's name, used in derived ids
 * @param length the file's size in bytes
 * @param rangeStart byte offset where the first row group starts
 * @param rangeEnd byte offset just past the last row group
 * @param firstRow index in the file of the first row of the range
 * @param rows how many rows of the range to read (fewer than it holds under {@code --limit})
 */
public record ReadTask(
    String file, String fileName, long length, long rangeStart, long rangeEnd, long firstRow,
    long rows) implements Serializable {}
