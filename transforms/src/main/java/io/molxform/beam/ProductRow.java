package io.molxform.beam;

import java.util.List;

/**
 * One product row of the output: the product, the transform that made it, the parent chosen to
 * represent it, and how many parents made it.
 */
public record ProductRow(
    String transform,
    String productSmiles,
    String parentId,
    String parentSmiles,
    int sites,
    int parentCount,
    List<String> carried,
    String reagentId) {

  /** A row of a one-molecule transform, which has no reagent. */
  public ProductRow(String transform, String productSmiles, String parentId, String parentSmiles,
      int sites, int parentCount, List<String> carried) {
    this(transform, productSmiles, parentId, parentSmiles, sites, parentCount, carried, null);
  }
}
