package io.molxform.beam;

/** How products are deduplicated across the library, within each transform. */
public enum DedupMode {
  /**
   * Exact, by canonical product SMILES; the representative is the smallest parent id, and
   * {@code parent_count} says how many parents made the product. Memory is bounded by the
   * runner's shuffle.
   */
  exact,
  /**
   * Approximate: a Bloom filter per hash shard of the product key, held in Beam state. A false
   * positive drops a real product; the first parent seen is the representative.
   */
  bloom,
  /** No dedup: one row per product per parent. */
  none
}
