package io.molxform.chem;

import java.util.List;

/**
 * What one transform did to one parent. Every (row, transform) ends in exactly one {@link Status};
 * that is what the run report counts.
 *
 * @param status the row's outcome for this transform
 * @param products distinct products, in a deterministic order (empty unless {@code PRODUCTS})
 * @param productRejects single products that failed validation; counted on their own, also when
 *     other products of the same parent were fine
 * @param rowRejection why the row was rejected (only with {@code REJECTED})
 * @param truncated the product cap or the enumeration budget stopped enumeration early
 * @param sitesFound how many distinct sites the transform matched in the parent
 */
public record TransformOutcome(
    Status status,
    List<Product> products,
    List<Rejection> productRejects,
    Rejection rowRejection,
    boolean truncated,
    int sitesFound) {

  public enum Status {
    /** At least one valid product. */
    PRODUCTS,
    /** The transform matched nowhere. */
    NO_SITE,
    /** The transform matched, but every product it made equals the parent. */
    NO_CHANGE,
    /** The row was rejected: at parse, at transform, or because every product failed validation. */
    REJECTED
  }

  public static TransformOutcome rejected(Rejection rejection) {
    return new TransformOutcome(Status.REJECTED, List.of(), List.of(), rejection, false, 0);
  }
}
