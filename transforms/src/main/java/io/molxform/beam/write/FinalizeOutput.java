package io.molxform.beam.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.molxform.beam.ParentSample;
import io.molxform.beam.RunTimeline;
import io.molxform.beam.Tally;
import io.molxform.chem.ReagentSet;
import io.molxform.chem.TransformSpec;
import io.molxform.output.format.Manifest;
import io.molxform.output.format.OutputFormats;
import io.molxform.report.RunReport;
import io.molxform.storage.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
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
 * name ({@code part-NNNNN-of-MMMMM.parquet}, numbered per folder) with the run report
 * ({@link RunReport}), removes the run's temporary folder, and writes {@code _MANIFEST.json} with
 * the counts and every file. Runs once, after all shards exist; a killed run never reaches it,
 * so its output has no manifest.
 */
public final class FinalizeOutput extends PTransform<PBegin, PDone> {
  private final String output;
  private final String tempDirectory;
  private final String runInfoJson;
  private final List<TransformSpec> transforms;
  private final PCollection<WrittenShard> shards;
  private final PCollection<KV<String, Long>> tallies;
  private final PCollection<KV<String, ParentSample>> samples;
  private final int reportProducts;
  private final SmallShardMerger merger;
  private final Map<String, List<ReagentSet.Row>> reagents;

  /**
   * @param runInfoJson the launcher's {@link Manifest#started} manifest as JSON (options, input,
   *     versions, start time); the finalize step adds the counts, the files and the end time
   * @param samples the parents the report draws, per transform name
   * @param reportProducts the most products the report draws beside one parent
   * @param reagents the accepted reagents of each two-component transform, to draw its products
   */
  public FinalizeOutput(String output, String runInfoJson, List<TransformSpec> transforms,
      PCollection<WrittenShard> shards, PCollection<KV<String, Long>> tallies,
      PCollection<KV<String, ParentSample>> samples, int reportProducts, ShardFiles files,
      Map<String, List<ReagentSet.Row>> reagents) {
    this.output = output;
    this.tempDirectory = files.tempDirectory();
    this.runInfoJson = runInfoJson;
    this.transforms = List.copyOf(transforms);
    this.shards = shards;
    this.tallies = tallies;
    this.samples = samples;
    this.reportProducts = reportProducts;
    this.merger = new SmallShardMerger(files);
    this.reagents = Map.copyOf(reagents);
  }

  @Override
  public PDone expand(PBegin begin) {
    PCollectionView<List<WrittenShard>> shardList = shards.apply("ShardList", View.asList());
    PCollectionView<Map<String, Long>> tallyMap = tallies.apply("TallyMap", View.asMap());
    PCollectionView<Map<String, ParentSample>> sampleMap =
        samples.apply("SampleMap", View.asMap());
    begin.apply("Once", Create.of(output))
        .apply("MoveShardsAndWriteManifest", ParDo.of(new FinalizeFn(tempDirectory, runInfoJson,
                transforms, reportProducts, merger, shardList, tallyMap, sampleMap, reagents))
            .withSideInputs(shardList, tallyMap, sampleMap));
    return PDone.in(begin.getPipeline());
  }

  static final class FinalizeFn extends DoFn<String, Void> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String tempDirectory;
    private final String runInfoJson;
    private final List<TransformSpec> transforms;
    private final int reportProducts;
    private final SmallShardMerger merger;
    private final PCollectionView<List<WrittenShard>> shardList;
    private final PCollectionView<Map<String, Long>> tallyMap;
    private final PCollectionView<Map<String, ParentSample>> sampleMap;
    private final Map<String, List<ReagentSet.Row>> reagents;

    FinalizeFn(String tempDirectory, String runInfoJson, List<TransformSpec> transforms,
        int reportProducts, SmallShardMerger merger,
        PCollectionView<List<WrittenShard>> shardList, PCollectionView<Map<String, Long>> tallyMap,
        PCollectionView<Map<String, ParentSample>> sampleMap,
        Map<String, List<ReagentSet.Row>> reagents) {
      this.tempDirectory = tempDirectory;
      this.runInfoJson = runInfoJson;
      this.transforms = transforms;
      this.reportProducts = reportProducts;
      this.merger = merger;
      this.shardList = shardList;
      this.tallyMap = tallyMap;
      this.sampleMap = sampleMap;
      this.reagents = reagents;
    }

    @ProcessElement
    public void process(@Element String output, ProcessContext context) throws IOException {
      RunTimeline.mark("finalize");
      Moves moves = planMoves(output, merger.merge(context.sideInput(shardList)));

      Map<String, Long> tallies = context.sideInput(tallyMap);
      Map<String, Long> written = new HashMap<>();
      long rejectRowsWritten = 0;
      for (Manifest.FileEntry entry : moves.entries()) {
        if (entry.isProducts()) {
          written.merge(entry.transform(), entry.rows(), Long::sum);
        } else if (entry.isRejects()) {
          rejectRowsWritten += entry.rows();
        }
      }
      List<String> names = transforms.stream().map(TransformSpec::name).toList();
      Manifest.Counts counts = Manifest.counts(names, tallies, written, rejectRowsWritten);
      checkProductsAccounted(counts, tallies);
      Manifest manifest = Manifest.fromJson(runInfoJson).finished(Instant.now().toString(),
          counts, Manifest.unreadable(tallies), moves.entries());
      RunTimeline.mark("report");
      moves.add(writeReport(output, manifest, context.sideInput(sampleMap)));
      RunTimeline.mark("report");

      moves.run();
      ShardFiles.removeTemporaryFolder(tempDirectory);
      manifest.finished(manifest.finished(), manifest.counts(), manifest.unreadable(),
          moves.entries()).write(output);
      releaseClaim(output, manifest.runId());
      RunTimeline.mark("manifest");
    }

    /**
     * The job that commits an output ends its run's claim on it: a detached run's client is
     * gone, and the claim must not outlive the job. A claim another run holds is left alone.
     */
    static void releaseClaim(String output, String runId) throws IOException {
      String claim = Storage.resolve(Storage.folder(output), OutputFormats.CLAIM_FILE);
      if (!Storage.exists(claim)) {
        return;
      }
      JsonNode holder;
      try {
        holder = JSON.readTree(Storage.read(claim));
      } catch (IOException e) {
        return;
      }
      if (runId.equals(holder.path("run").asText())) {
        Storage.delete(List.of(Storage.fileResource(claim)));
      }
    }

    /**
     * Refuses to commit an output that lost or gained a product on its way: every candidate is
     * written, in the input or a removed duplicate, and the writers wrote the rows the shards
     * hold, each term counted where it happened.
     */
    static void checkProductsAccounted(Manifest.Counts counts, Map<String, Long> tallies) {
      List<String> wrong = new ArrayList<>();
      counts.transforms().forEach((name, t) -> {
        long counted = tallies.getOrDefault(Tally.key(name, Tally.WRITTEN), 0L);
        if (t.productsUnaccounted() != 0 || counted != t.productsWritten()) {
          wrong.add(String.format(Locale.ROOT, "%s: %,d candidates, %,d duplicates removed,"
                  + " %,d in the input, %,d written as the writers counted, %,d rows in the"
                  + " shards", name, t.candidates(), t.duplicatesRemoved(), t.productsInInput(),
              counted, t.productsWritten()));
        }
      });
      if (!wrong.isEmpty()) {
        throw new IllegalStateException("products went missing between the chemistry and the "
            + "files, so the output is not committed; " + String.join("; ", wrong));
      }
    }

    /** Writes the report into the temporary folder; returns its move into place. */
    private Move writeReport(String output, Manifest manifest,
        Map<String, ParentSample> samples) throws IOException {
      byte[] html = new RunReport(manifest, transforms, samples, reportProducts, reagents).html()
          .getBytes(StandardCharsets.UTF_8);
      ResourceId temp = FileSystems.matchNewResource(tempDirectory, true)
          .resolve(OutputFormats.REPORT_FILE, ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
      try (WritableByteChannel channel = FileSystems.create(temp, "text/html")) {
        ByteBuffer buffer = ByteBuffer.wrap(html);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      return new Move(temp, Manifest.directory(output).resolve(OutputFormats.REPORT_FILE,
          ResolveOptions.StandardResolveOptions.RESOLVE_FILE),
          new Manifest.FileEntry(OutputFormats.REPORT_FILE, Manifest.FileEntry.REPORT, null, 0,
              html.length));
    }

    /** Final names per folder, numbered in the order of their temporary names. */
    private static Moves planMoves(String output, List<WrittenShard> shards) {
      Map<String, List<WrittenShard>> byDestination = new TreeMap<>();
      for (WrittenShard shard : shards) {
        byDestination.computeIfAbsent(shard.destination(), d -> new ArrayList<>()).add(shard);
      }
      ResourceId root = Manifest.directory(output);
      Moves moves = new Moves();
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
          moves.add(new Move(FileSystems.matchNewResource(files.get(i).tempFile(), false),
              root.resolve(path, ResolveOptions.StandardResolveOptions.RESOLVE_FILE),
              new Manifest.FileEntry(path,
                  transform == null ? OutputFormats.REJECTS_DIR : OutputFormats.PRODUCTS_DIR,
                  transform, files.get(i).rows(), files.get(i).bytes())));
        }
      }
      return moves;
    }
  }

  /** One file from its temporary name to its final one, and its manifest entry. */
  private record Move(ResourceId from, ResourceId to, Manifest.FileEntry entry) {}

  /** The files a run moves into place, in manifest order. */
  private static final class Moves {
    private final List<Move> moves = new ArrayList<>();

    void add(Move move) {
      moves.add(move);
    }

    List<Manifest.FileEntry> entries() {
      return moves.stream().map(Move::entry).toList();
    }

    /** Beam's filesystems make the parent folders where a filesystem has folders. */
    void run() throws IOException {
      if (!moves.isEmpty()) {
        move(moves.stream().map(Move::from).toList(),
            moves.stream().map(Move::to).toList());
      }
    }
  }

  /** Renames with the final names; a retry that finds a file already moved goes on. */
  private static void move(List<ResourceId> from, List<ResourceId> to) throws IOException {
    FileSystems.rename(from, to, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
