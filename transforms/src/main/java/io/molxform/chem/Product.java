package io.molxform.chem;

/**
 * One distinct product of one parent.
 *
 * @param smiles canonical isomeric SMILES: the identity used for deduplication
 * @param sites how many sites of the parent were changed to make it
 */
public record Product(String smiles, int sites) {}
