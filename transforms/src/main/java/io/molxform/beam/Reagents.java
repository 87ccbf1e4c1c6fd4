package io.molxform.beam;

import io.molxform.chem.ReagentSet;
import io.molxform.chem.TransformSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.KV;

/**
 * The reagents (building blocks) of a run's two-component transforms, as the client read and
 * checked them: per transform, the reagents that take part (shipped to every worker inside the
 * step, where each worker parses and matches them once) and those rejected, with why (written
 * once as reject rows). Reagent lists are small beside a library (up to about 100,000 rows).
 *
 * @param accepted per transform name, the reagents that take part, in list order
 * @param rejected per transform name, the reagents that cannot, with the reason
 * @param read per transform name, the rows its list held
 * @param sample reagents each molecule meets, drawn by {@code ReagentSet.sample}; 0 for every
 *     reagent
 */
public record Reagents(Map<String, List<ReagentSet.Row>> accepted,
    Map<String, List<RejectedReagent>> rejected, Map<String, Long> read, int sample)
    implements Serializable {

  /** No two-component transform in the run. */
  public static final Reagents NONE = new Reagents(Map.of(), Map.of(), Map.of(), 0);

  /** A reagent that cannot take part, as a reject row will say it. */
  public record RejectedReagent(String id, String smiles, String reasonCode, String reason)
      implements Serializable {}

  /** The accepted reagents of {@code transform}, or null when the run has none for it. */
  public List<ReagentSet.Row> of(String transform) {
    return accepted.get(transform);
  }

  /**
   * Reject rows and counts of the reagents, once per run. They join the stream after the dedup,
   * as a branch of their own ({@code WriteShards} writes and counts each branch): a union with
   * the chemistry's output would cut Flink's chain there and send every product through the
   * network stack.
   */
  public List<KV<RecordKey, ChemistryRecord>> records(List<TransformSpec> specs) {
    List<KV<RecordKey, ChemistryRecord>> records = new ArrayList<>();
    for (TransformSpec spec : specs) {
      String name = spec.name();
      if (!read.containsKey(name)) {
        continue;
      }
      records.add(KV.of(new RecordKey.Count(Tally.key(name, Tally.REAGENTS_READ)),
          new ChemistryRecord.Count(read.get(name))));
      for (RejectedReagent reagent : rejected.getOrDefault(name, List.of())) {
        records.add(KV.of(RecordKey.Reject.random(), new ChemistryRecord.Reject(new RejectRow(
            null, reagent.smiles(), name, io.molxform.chem.Stage.REAGENT.label(),
            reagent.reasonCode(), reagent.reason(), null, reagent.id()))));
        records.add(KV.of(new RecordKey.Count(
                Tally.key(name, Tally.REAGENT_REJECTED, reagent.reasonCode())),
            new ChemistryRecord.Count(1)));
      }
    }
    return records;
  }
}
