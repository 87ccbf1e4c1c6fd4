package io.molxform.beam;

import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.values.KV;

/** Shuffle records for tests of the steps after the chemistry: records stand for products. */
public final class TestRecords {
  public static final KvCoder<RecordKey, ChemistryRecord> CODER =
      KvCoder.of(new RecordKey.Coder(), new ChemistryRecord.Coder());

  /** A candidate of transform number {@code transform}: product SMILES and parent id. */
  public static KV<RecordKey, ChemistryRecord> candidate(int transform, String product,
      String parent, int sites) {
    return KV.of(new RecordKey.Product(transform, product),
        ChemistryRecord.Product.of(parent, "parent-of-" + parent, sites, List.of()));
  }

  public static KV<RecordKey, ChemistryRecord> kept(int transform, String product, String parent,
      int sites, int parents, boolean inInput) {
    return KV.of(new RecordKey.Product(transform, product), new ChemistryRecord.Product(parent,
        "parent-of-" + parent, sites, parents, List.of(), inInput));
  }

  public static KV<RecordKey, ChemistryRecord> count(String tally, long value) {
    return KV.of(new RecordKey.Count(tally), new ChemistryRecord.Count(value));
  }

  public static KV<RecordKey, ChemistryRecord> inputMolecule(int transform, String smiles) {
    return KV.of(new RecordKey.Product(transform, smiles), new ChemistryRecord.InputMolecule());
  }

  private TestRecords() {}
}
