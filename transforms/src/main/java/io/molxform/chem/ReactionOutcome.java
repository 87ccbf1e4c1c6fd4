package io.molxform.chem;

/**
 * What a two-component transform did to one molecule over its reagents; the products and the
 * product-stage rejects went to the {@link ReactionTransformer.Sink} as they were made.
 *
 * @param status the row's outcome, as for one-molecule transforms
 * @param rowRejection why the row was rejected (only with {@code REJECTED})
 * @param truncated the product cap or the candidate budget stopped the enumeration early
 * @param sitesFound distinct sites of the molecule template in the molecule
 * @param pairsTried (molecule, reagent) pairs tried: the reagents met, when there is a site
 * @param pairsWithProducts pairs that made at least one valid product
 * @param products products made, each distinct within its (molecule, reagent) pair
 */
public record ReactionOutcome(
    TransformOutcome.Status status,
    Rejection rowRejection,
    boolean truncated,
    int sitesFound,
    int pairsTried,
    int pairsWithProducts,
    int products) {}
