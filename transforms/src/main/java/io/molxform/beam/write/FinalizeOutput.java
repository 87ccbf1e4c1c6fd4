package io.molxform.beam.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;

/**
 * The last step of a run: merges the small shards that the writers' bundle ends left
 * ({@link SmallShardMerger}), moves every complete shard from its temporary name to its final
 * name ({@code part-NNNNN-of-MMMMM.parquet}, numbered per folder), removes the run's temporary
 * folder, and writes {@code _MANIFEST.json} with the counts and every file. Runs once, after all
 * shards exist; a killed run never reaches it, so its output has no manifest.
 */
public final class FinalizeOutput extends PTransform<PBegin, PDone> {
  private final String output;
  private final String tempDirectory;
  private final String runInfoJson;
  private final List<String> transforms;
  private final PCollection<WrittenShard> shards;
  private final PCollection<KV<String, Long>> tallies;
  private final SmallShardMerger merger;

  /**
   * @param runInfoJson the launcher's {@link Manifest#started} manifest as JSON (options, input,
   *     versions, start time); the finalize step adds the counts, the files and the end time
   */
  public FinalizeOutput(String output, String runInfoJson,
      List<String> transforms, PCollection<WrittenShard> shards,
      PCollection<KV<String, Long>> tallies, ShardFiles files) {
    this.output = output;
    this.tempDirectory = files.tempDirectory();
    this.runInfoJson = runInfoJson;
    this.transforms = List.copyOf(transforms);
    this.shards = shards;
    this.tallies = tallies;
    this.merger = new SmallShardMerger(files);
  }

  @Override
  public PDone expand(PBegin begin) {
    PCollectionView<List<WrittenShard>> shardList = shards.apply("ShardList", View.asList());
    PCollectionView<Map<String, Long>> tallyMap = tallies.apply("TallyMap", View.asMap());
    begin.apply("Once", Create.of(output))
        .apply("MoveShardsAndWriteManifest", ParDo.of(new FinalizeFn(tempDirectory, runInfoJson,
                transforms, merger, shardList, tallyMap))
            .withSideInputs(shardList, tallyMap));
    return PDone.in(begin.getPipeline());
  }

  static final class FinalizeFn extends DoFn<String, Void> {
    private static final long serialVersionUID = 1L;
    private final String tempDirectory;
    private final String runInfoJson;
    private final List<String> transforms;
    private final SmallShardMerger merger;
    private final PCollectionView<List<WrittenShard>> shardList;
    private final PCollectionView<Map<String, Long>> tallyMap;

    FinalizeFn(String tempDirectory, String runInfoJson, List<String> transforms,
        SmallShardMerger merger, PCollectionView<List<WrittenShard>> shardList,
        PCollectionView<Map<String, Long>> tallyMap) {
      this.tempDirectory = tempDirectory;
      this.runInfoJson = runInfoJson;
      this.transforms = transforms;
      this.merger = merger;
      this.shardList = shardList;
      this.tallyMap = tallyMap;
    }

    @ProcessElement
    public void process(@Element String output, ProcessContext context) throws IOException {
      List<Manifest.FileEntry> entries = moveIntoPlace(output,
          merger.merge(context.sideInput(shardList)));
      ShardFiles.removeTemporaryFolder(tempDirectory);

      Map<String, Long> tallies = context.sideInput(tallyMap);
      Map<String, Long> written = new HashMap<>();
      long rejectRowsWritten = 0;
      for (Manifest.FileEntry entry : entries) {
        if (entry.isProducts()) {
          written.merge(entry.transform(), entry.rows(), Long::sum);
        } else {
          rejectRowsWritten += entry.rows();
        }
      }
      Manifest.fromJson(runInfoJson).finished(Instant.now().toString(),
              Manifest.counts(transforms, tallies, written, rejectRowsWritten),
              Manifest.unreadable(tallies), entries)
          .write(output);
    }

    /** Final names per folder, numbered in the order of their temporary names. */
    private List<Manifest.FileEntry> moveIntoPlace(String output, List<WrittenShard> shards)
        throws IOException {
      Map<String, List<WrittenShard>> byDestination = new TreeMap<>();
      for (WrittenShard shard : shards) {
        byDestination.computeIfAbsent(shard.destination(), d -> new ArrayList<>()).add(shard);
      }
      ResourceId root = Manifest.directory(output);
      List<ResourceId> from = new ArrayList<>();
      List<ResourceId> to = new ArrayList<>();
      List<Manifest.FileEntry> entries = new ArrayList<>();
      for (Map.Entry<String, List<WrittenShard>> destination : byDestination.entrySet()) {
        List<WrittenShard> files = destination.getValue();
        files.sort(Comparator.comparing(WrittenShard::tempFile));
        String folder = destination.getKey();
        String transform = folder.startsWith(OutputFormats.PRODUCTS_DIR + "/")
            ? folder.substring(folder.indexOf(OutputFormats.TRANSFORM_PARTITION)
                + OutputFormats.TRANSFORM_PARTITION.length())
            : null;
        for (int i = 0; i < files.size(); i++) {
          String path = String.format("%s/part-%05d-of-%05d.parquet", folder, i, files.size());
          from.add(FileSystems.matchNewResource(files.get(i).tempFile(), false));
          to.add(root.resolve(path, ResolveOptions.StandardResolveOptions.RESOLVE_FILE));
          entries.add(new Manifest.FileEntry(path,
              transform == null ? OutputFormats.REJECTS_DIR : OutputFormats.PRODUCTS_DIR,
              transform, files.get(i).rows(), files.get(i).bytes()));
        }
      }
      for (ResourceId target : to) {
        createParent(target);
      }
      if (!from.isEmpty()) {
        Manifest.move(from, to);
      }
      return entries;
    }

    private static void createParent(ResourceId file) throws IOException {
      if ("file".equals(file.getScheme())) {
        Files.createDirectories(Paths.get(file.toString()).getParent());
      }
    }
  }
}
