package io.molxform.depict;

import java.util.Set;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * One molecule to draw: its structure, the atoms to highlight (indexes in {@code molecule}) and
 * the caption under it.
 */
public record Panel(IAtomContainer molecule, Set<Integer> highlighted, String caption) {}
