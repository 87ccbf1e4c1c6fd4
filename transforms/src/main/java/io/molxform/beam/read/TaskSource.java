package io.molxform.beam.read;

import io.molxform.beam.MoleculeRow;
import io.molxform.beam.RunTimeline;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A library's molecules as a Beam source that splits into one source per read task. Runners hand
 * splits to workers as they ask for work (Flink assigns input splits lazily), so the reading and
 * the chemistry after it, which is the cost, are shared evenly without a shuffle of the rows:
 * each worker reads its rows and transforms them in the same task. A format supplies its tasks,
 * their sizes and how to read one ({@link TaskReader}); memory holds one row at a time.
 *
 * @param <T> a format's read task: which part of which file
 */
abstract class TaskSource<T extends Serializable> extends BoundedSource<MoleculeRow> {
  private static final long serialVersionUID = 1L;
  private final List<T> tasks;

  TaskSource(List<T> tasks) {
    this.tasks = List.copyOf(tasks);
  }

  List<T> tasks() {
    return tasks;
  }

  /** The same source over other tasks. */
  abstract TaskSource<T> over(List<T> tasks);

  /** A task's size, in any unit common to the format's tasks: runners only compare them. */
  abstract long size(T task);

  @Override
  public abstract TaskReader<T> createReader(PipelineOptions options);

  @Override
  public List<TaskSource<T>> split(long desiredBundleSizeBytes, PipelineOptions options) {
    List<TaskSource<T>> splits = new ArrayList<>();
    for (T task : tasks) {
      splits.add(over(List.of(task)));
    }
    return splits;
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    return Math.max(1, tasks.stream().mapToLong(this::size).sum());
  }

  @Override
  public Coder<MoleculeRow> getOutputCoder() {
    return new MoleculeRow.Coder();
  }

  /** Reads the tasks of a source one after another. */
  abstract static class TaskReader<T extends Serializable>
      extends BoundedSource.BoundedReader<MoleculeRow> {
    private final TaskSource<T> source;
    private int taskIndex = -1;
    private boolean taskOpen;
    private MoleculeRow current;

    TaskReader(TaskSource<T> source) {
      this.source = source;
    }

    /** Starts reading {@code task}. */
    abstract void open(T task) throws IOException;

    /** The open task's next row; null when the task has no more. */
    abstract MoleculeRow next() throws IOException;

    /** Ends the open task, if any, releasing what it holds. */
    abstract void closeTask() throws IOException;

    @Override
    public final boolean start() throws IOException {
      return advance();
    }

    @Override
    public final boolean advance() throws IOException {
      while (true) {
        if (taskOpen) {
          MoleculeRow row = next();
          if (row != null) {
            current = row;
            return true;
          }
          taskOpen = false;
          closeTask();
          RunTimeline.mark("read");
        }
        if (taskIndex + 1 >= source.tasks().size()) {
          current = null;
          return false;
        }
        taskOpen = true;
        RunTimeline.mark("read");
        open(source.tasks().get(++taskIndex));
      }
    }

    @Override
    public final MoleculeRow getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public final void close() throws IOException {
      taskOpen = false;
      closeTask();
    }

    @Override
    public final TaskSource<T> getCurrentSource() {
      return source;
    }
  }
}
