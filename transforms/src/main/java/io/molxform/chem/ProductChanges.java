package io.molxform.chem;

import java.util.List;
import java.util.Set;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * What one transform did to one parent, with structures for drawing ({@link
 * MoleculeTransformer#explain}).
 *
 * @param outcome the same outcome {@link MoleculeTransformer#apply} gives
 * @param parent the parent's structure; no atom maps
 * @param changedParentAtoms indexes of the parent atoms any product changed or removed
 * @param products the outcome's products in its order, each with its changed atoms
 */
public record ProductChanges(TransformOutcome outcome, IAtomContainer parent,
    Set<Integer> changedParentAtoms, List<ChangedProduct> products) {}
