package io.molxform.chem;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import uk.ac.ebi.beam.Graph;

/**
 * The CDK's own conversion of a molecule into the Beam graph its SMILES writer writes. The CDK
 * keeps it package-private ({@code CDKToBeam.toBeamGraph}) and offers only the finished string;
 * {@link CanonicalSmiles} needs the graph to permute it into canonical order without copying the
 * molecule, which was a quarter of the chemistry's time. {@code CanonicalSmilesTest} pins that
 * the result is the CDK writer's, and fails on a CDK that renames the method.
 */
final class BeamGraphs {
  private static final MethodHandle TO_BEAM_GRAPH = find();

  private BeamGraphs() {}

  /** The Beam graph of {@code molecule} for a SMILES of {@code flavour} ({@code SmiFlavor}). */
  static Graph of(IAtomContainer molecule, int flavour) throws CDKException {
    try {
      return (Graph) TO_BEAM_GRAPH.invokeExact(molecule, flavour);
    } catch (CDKException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new CDKException("cannot convert a molecule for the SMILES writer", e);
    }
  }

  private static MethodHandle find() {
    try {
      Method method = Class.forName("org.openscience.cdk.smiles.CDKToBeam")
          .getDeclaredMethod("toBeamGraph", IAtomContainer.class, int.class);
      method.setAccessible(true);
      return MethodHandles.lookup().unreflect(method)
          .asType(MethodType.methodType(Graph.class, IAtomContainer.class, int.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("this CDK has no CDKToBeam.toBeamGraph(IAtomContainer, int);"
          + " CanonicalSmiles needs it (see BeamGraphs)", e);
    }
  }
}
