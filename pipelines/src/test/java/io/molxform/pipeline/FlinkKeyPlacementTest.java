package io.molxform.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.molxform.beam.dedup.KeyPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Where embedded Flink merges each bucket: grouped as the exact dedup groups its bucket files,
 * 32 buckets over 4 workers, and counted by the worker's subtask number in its thread name.
 */
@RunWith(JUnit4.class)
public class FlinkKeyPlacementTest {
  private static final int WORKERS = 4;
  private static final int BUCKETS = 32;
  private static final Map<String, Map<Integer, Integer>> BUCKETS_BY_WORKER =
      new ConcurrentHashMap<>();

  @Test
  public void flinkMergesAsManyBucketsOnEveryWorker() {
    Map<Integer, Integer> placed =
        bucketsByWorker("placed", new FlinkKeyPlacement(WORKERS).keys(BUCKETS));
    assertEquals(Map.of(1, 8, 2, 8, 3, 8, 4, 8), placed);

    // The same measure sees the uneven spread of the bucket numbers themselves.
    Map<Integer, Integer> inOrder = bucketsByWorker("in order", KeyPlacement.IN_ORDER.keys(BUCKETS));
    assertEquals(BUCKETS, inOrder.values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(inOrder.toString(), inOrder.values().stream().anyMatch(n -> n > BUCKETS / WORKERS));
  }

  @Test
  public void everyGroupGetsItsOwnKeyOnItsWorker() {
    FlinkKeyPlacement placement = new FlinkKeyPlacement(3);
    int[] keys = placement.keys(100);
    assertEquals(100, java.util.stream.IntStream.of(keys).distinct().count());
    for (int group = 0; group < keys.length; group++) {
      assertEquals(group % 3, placement.workerOf(keys[group]));
    }
  }

  private static Map<Integer, Integer> bucketsByWorker(String run, int[] keys) {
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setParallelism(WORKERS);
    Pipeline pipeline = Pipeline.create(options);
    List<KV<Integer, String>> files = new ArrayList<>();
    for (int key : keys) {
      files.add(KV.of(key, "first worker's file"));
      files.add(KV.of(key, "second worker's file"));
    }
    pipeline.apply(Create.of(files)
            .withCoder(KvCoder.of(KeyPlacement.KEY_CODER, StringUtf8Coder.of())))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new CountByWorker(run)));
    pipeline.run().waitUntilFinish();
    return new TreeMap<>(BUCKETS_BY_WORKER.get(run));
  }

  private static final class CountByWorker extends DoFn<KV<Integer, Iterable<String>>, Void> {
    private static final Pattern SUBTASK = Pattern.compile("\\((\\d+)/\\d+\\)");
    private final String run;

    CountByWorker(String run) {
      this.run = run;
    }

    @ProcessElement
    public void process() {
      Matcher subtask = SUBTASK.matcher(Thread.currentThread().getName());
      if (!subtask.find()) {
        throw new IllegalStateException("no subtask in " + Thread.currentThread().getName());
      }
      BUCKETS_BY_WORKER.computeIfAbsent(run, r -> new ConcurrentHashMap<>())
          .merge(Integer.parseInt(subtask.group(1)), 1, Integer::sum);
    }
  }
}
