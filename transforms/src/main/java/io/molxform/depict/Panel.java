package io.molxform.depict;

import java.util.Set;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;

/**
 * One molecule to draw: its structure, the atoms to highlight (indexes in {@code molecule}) and
 * the caption under it.
 */
public record Panel(IAtomContainer molecule, Set<Integer> highlighted, String caption) {

  /** An empty cell, to keep a grid's rows aligned. */
  public static Panel blank() {
    return new Panel(SilentChemObjectBuilder.getInstance().newAtomContainer(), Set.of(), "");
  }
}
