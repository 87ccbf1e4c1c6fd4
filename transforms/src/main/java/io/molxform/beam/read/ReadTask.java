package io.molxform.beam.read;

import java.io.Serializable;

/**
 * One unit of reading: a run of rows within one row group of a Parquet file. A row group is cut
 * into several tasks so that workers share the reading (and the chemistry after it) evenly
 * without a shuffle of the rows; a task skips the rows before its own, which costs decoding
 * only and is bounded by {@link #MAX_TASKS_PER_ROW_GROUP}.
 *
 * @param file the file's resource id, as a string
 * @param fileName the file's name, used in derived ids
 * @param length the file's size in bytes
 * @param rangeStart byte offset where the row group starts
 * @param rangeEnd byte offset just past the row group
 * @param firstRow index in the file of the first row of the row group
 * @param skip rows of the row group before this task's first row
 * @param rows how many rows to read
 */
public record ReadTask(
    String file, String fileName, long length, int rowGroup, long rangeStart, long rangeEnd,
    long firstRow, long skip, long rows) implements Serializable {

  /** Bounds the decoding a row group's tasks repeat while skipping to their rows. */
  public static final int MAX_TASKS_PER_ROW_GROUP = 16;

  /** Cuts {@code rows} rows of a row group into tasks of about {@code rowsPerTask} rows. */
  static java.util.List<ReadTask> split(String file, String fileName, long length, int rowGroup,
      long rangeStart, long rangeEnd, long firstRow, long rows, long rowsPerTask) {
    long perTask = Math.max(rowsPerTask,
        (rows + MAX_TASKS_PER_ROW_GROUP - 1) / MAX_TASKS_PER_ROW_GROUP);
    java.util.List<ReadTask> tasks = new java.util.ArrayList<>();
    for (long skip = 0; skip < rows; skip += perTask) {
      tasks.add(new ReadTask(file, fileName, length, rowGroup, rangeStart, rangeEnd, firstRow,
          skip, Math.min(perTask, rows - skip)));
    }
    return tasks;
  }
}
