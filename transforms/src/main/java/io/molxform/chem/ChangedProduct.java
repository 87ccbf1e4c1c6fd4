package io.molxform.chem;

import java.util.Set;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * One product with its structure and the atoms the transform changed, for drawing: which atoms of
 * the product are new or differ from their parent atom, and which parent atoms were changed or
 * removed.
 *
 * @param product the product as the run writes it
 * @param molecule the product's structure (the kept fragment); no atom maps
 * @param changedAtoms indexes of {@code molecule}'s atoms that are new or differ from the parent
 *     atom they came from (element, charge, hydrogens or bonds)
 * @param changedParentAtoms indexes of the parent's atoms that were changed or are gone
 */
public record ChangedProduct(Product product, IAtomContainer molecule, Set<Integer> changedAtoms,
    Set<Integer> changedParentAtoms) {}
