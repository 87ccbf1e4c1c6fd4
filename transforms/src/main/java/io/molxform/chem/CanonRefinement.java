package io.molxform.chem;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.openscience.cdk.graph.invariant.Canon;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * The CDK's canonical labels and constitutional symmetry classes of a molecule from one
 * refinement. {@code Canon.symmetry} and {@code Canon.label} refine the same invariants, the first
 * stopping where the second goes on to break ties, and the CDK keeps the constructor that yields
 * both private. {@link CanonicalSmiles} needs both for every molecule with stereo marks, and
 * refining twice was about 6 % of the chemistry. {@code CanonicalSmilesTest} pins that both equal
 * the CDK's own, and fails on a CDK whose {@code Canon} changes shape.
 */
final class CanonRefinement {
  private static final MethodHandle NEW_CANON;
  private static final MethodHandle TERMINAL_HYDROGENS;
  private static final MethodHandle LABELLING;
  private static final MethodHandle SYMMETRY;

  static {
    try {
      Constructor<Canon> constructor = Canon.class.getDeclaredConstructor(
          int[][].class, long[].class, boolean[].class, boolean.class);
      Method hydrogens = Canon.class.getDeclaredMethod(
          "terminalHydrogens", IAtomContainer.class, int[][].class);
      Field labelling = Canon.class.getDeclaredField("labelling");
      Field symmetry = Canon.class.getDeclaredField("symmetry");
      constructor.setAccessible(true);
      hydrogens.setAccessible(true);
      labelling.setAccessible(true);
      symmetry.setAccessible(true);
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      NEW_CANON = lookup.unreflectConstructor(constructor);
      TERMINAL_HYDROGENS = lookup.unreflect(hydrogens)
          .asType(MethodType.methodType(boolean[].class, IAtomContainer.class, int[][].class));
      LABELLING = lookup.unreflectGetter(labelling);
      SYMMETRY = lookup.unreflectGetter(symmetry);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("this CDK's Canon has no private Canon(int[][], long[],"
          + " boolean[], boolean) with fields labelling and symmetry; CanonicalSmiles needs them"
          + " (see CanonRefinement)", e);
    }
  }

  /** {@code Canon.label} and {@code Canon.symmetry} of the molecule, in that order. */
  record Result(long[] labels, long[] symmetry) {}

  private CanonRefinement() {}

  /** @param graph the molecule's adjacency lists ({@code GraphUtil.toAdjList}) */
  static Result of(IAtomContainer molecule, int[][] graph) {
    if (graph.length == 0) {
      return new Result(new long[0], new long[0]);
    }
    try {
      boolean[] hydrogens = (boolean[]) TERMINAL_HYDROGENS.invokeExact(molecule, graph);
      Canon canon = (Canon) NEW_CANON.invokeExact(graph,
          Canon.basicInvariants(molecule, graph), hydrogens, false);
      return new Result((long[]) LABELLING.invokeExact(canon),
          (long[]) SYMMETRY.invokeExact(canon));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot label a molecule canonically", e);
    }
  }
}
