package io.molxform.chem;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.invariant.Canon;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.isomorphism.DfPattern;
import org.openscience.cdk.isomorphism.Transform;
import uk.ac.ebi.beam.Graph;

/**
 * The CDK's package-private and private code that molxform calls, and the only place that
 * reaches it (by reflection, through method handles, resolved once when the class loads). Each
 * was measured to matter; {@code CdkInternalsTest} pins each against the CDK's public API, so a
 * CDK upgrade that changes one fails there, by name, and this class fails to load with a message
 * that names what is missing (CONTRIBUTING.md lists what to re-check on an upgrade).
 *
 * <ul>
 *   <li>{@code CDKToBeam.toBeamGraph}: the molecule as the Beam graph the CDK's SMILES writer
 *       writes. The CDK offers only the finished string; {@link CanonicalSmiles} permutes the
 *       graph into canonical order rather than copying the molecule in that order, a copy that
 *       was a large share of the chemistry's time.
 *   <li>{@code Canon}'s private constructor and its {@code labelling} and {@code symmetry}:
 *       the canonical labels and the symmetry classes from one refinement. {@code Canon.label}
 *       and {@code Canon.symmetry} refine the same invariants twice; {@link CanonicalSmiles}
 *       needs both for every molecule with stereo marks (docs/benchmarks.md has what refining
 *       twice cost).
 *   <li>{@code Transform}'s compiled {@code plan} and {@code pattern}, the pattern's query, and
 *       {@code TransformPlan.apply(container, atomMap)}: the CDK's own changes of a SMIRKS applied
 *       to a match given from outside, so that {@link ReactionPlan} matches a molecule's template
 *       once per molecule and a reagent's once per reagent, never across the two.
 * </ul>
 */
final class CdkInternals {
  private static final MethodHandle TO_BEAM_GRAPH;
  private static final MethodHandle NEW_CANON;
  private static final MethodHandle TERMINAL_HYDROGENS;
  private static final MethodHandle CANON_LABELLING;
  private static final MethodHandle CANON_SYMMETRY;
  private static final MethodHandle TRANSFORM_PLAN;
  private static final MethodHandle TRANSFORM_PATTERN;
  private static final MethodHandle PATTERN_QUERY;
  private static final MethodHandle PLAN_APPLY;
  private static final MethodHandle PLAN_CAPACITY;

  static {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    String wanted = "CDKToBeam.toBeamGraph(IAtomContainer, int)";
    try {
      TO_BEAM_GRAPH = lookup.unreflect(open(Class.forName("org.openscience.cdk.smiles.CDKToBeam")
              .getDeclaredMethod("toBeamGraph", IAtomContainer.class, int.class)))
          .asType(MethodType.methodType(Graph.class, IAtomContainer.class, int.class));

      wanted = "the private Canon(int[][], long[], boolean[], boolean), Canon.terminalHydrogens"
          + " and the fields Canon.labelling and Canon.symmetry";
      Constructor<Canon> canon = Canon.class.getDeclaredConstructor(
          int[][].class, long[].class, boolean[].class, boolean.class);
      NEW_CANON = lookup.unreflectConstructor(open(canon));
      TERMINAL_HYDROGENS = lookup.unreflect(open(Canon.class.getDeclaredMethod(
              "terminalHydrogens", IAtomContainer.class, int[][].class)))
          .asType(MethodType.methodType(boolean[].class, IAtomContainer.class, int[][].class));
      CANON_LABELLING = lookup.unreflectGetter(open(Canon.class.getDeclaredField("labelling")));
      CANON_SYMMETRY = lookup.unreflectGetter(open(Canon.class.getDeclaredField("symmetry")));

      wanted = "the fields Transform.plan, Transform.pattern and DfPattern.src, and"
          + " TransformPlan.apply(IAtomContainer, IAtom[]) and .requiredAtomCapacity";
      TRANSFORM_PLAN = getter(lookup, Transform.class, "plan", Object.class);
      TRANSFORM_PATTERN = getter(lookup, Transform.class, "pattern", Object.class);
      PATTERN_QUERY = getter(lookup, DfPattern.class, "src", IAtomContainer.class);
      Class<?> plan = Class.forName("org.openscience.cdk.isomorphism.TransformPlan");
      PLAN_APPLY = lookup.unreflect(open(plan.getDeclaredMethod(
              "apply", IAtomContainer.class, IAtom[].class)))
          .asType(MethodType.methodType(boolean.class, Object.class, IAtomContainer.class,
              IAtom[].class));
      PLAN_CAPACITY = lookup.unreflect(open(plan.getDeclaredMethod(
              "requiredAtomCapacity", IAtomContainer.class)))
          .asType(MethodType.methodType(int.class, Object.class, IAtomContainer.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("this CDK lacks " + wanted
          + ", which molxform's chemistry calls (see CdkInternals)", e);
    }
  }

  private CdkInternals() {}

  /** The Beam graph of {@code molecule} for a SMILES of {@code flavour} ({@code SmiFlavor}). */
  static Graph beamGraph(IAtomContainer molecule, int flavour) throws CDKException {
    try {
      return (Graph) TO_BEAM_GRAPH.invokeExact(molecule, flavour);
    } catch (CDKException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new CDKException("cannot convert a molecule for the SMILES writer", e);
    }
  }

  /** {@code Canon.label} and {@code Canon.symmetry} of one molecule, in that order. */
  record CanonResult(long[] labels, long[] symmetry) {}

  /**
   * {@code Canon.label} and {@code Canon.symmetry} from one refinement.
   *
   * @param graph the molecule's adjacency lists ({@code GraphUtil.toAdjList})
   */
  static CanonResult canon(IAtomContainer molecule, int[][] graph) {
    if (graph.length == 0) {
      return new CanonResult(new long[0], new long[0]);
    }
    return canon(graph, Canon.basicInvariants(molecule, graph),
        terminalHydrogens(molecule, graph));
  }

  /**
   * {@code Canon}'s refinement of {@code initial} over {@code graph}, as {@link #canon} runs it,
   * for a caller that has the invariants and the terminal hydrogens already.
   */
  static CanonResult canon(int[][] graph, long[] initial, boolean[] terminalHydrogens) {
    if (graph.length == 0) {
      return new CanonResult(new long[0], new long[0]);
    }
    try {
      Canon canon = (Canon) NEW_CANON.invokeExact(graph, initial, terminalHydrogens, false);
      return new CanonResult((long[]) CANON_LABELLING.invokeExact(canon),
          (long[]) CANON_SYMMETRY.invokeExact(canon));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot label a molecule canonically", e);
    }
  }

  /** {@code Canon.terminalHydrogens}: which atoms are hydrogens with one neighbour. */
  static boolean[] terminalHydrogens(IAtomContainer molecule, int[][] graph) {
    try {
      return (boolean[]) TERMINAL_HYDROGENS.invokeExact(molecule, graph);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read a molecule's terminal hydrogens", e);
    }
  }

  /** The compiled SMIRKS inside a parsed {@link Transform}: its plan and its reactants' query. */
  record CompiledSmirks(Object plan, IAtomContainer query) {}

  static CompiledSmirks compiled(Transform transform) {
    try {
      Object pattern = TRANSFORM_PATTERN.invokeExact(transform);
      return new CompiledSmirks((Object) TRANSFORM_PLAN.invokeExact(transform),
          (IAtomContainer) PATTERN_QUERY.invokeExact((DfPattern) pattern));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read the CDK's compiled SMIRKS", e);
    }
  }

  /** The size of the atom map {@link #applyPlan} takes for {@code container}. */
  static int planAtomMapSize(Object plan, IAtomContainer container) {
    try {
      return (int) PLAN_CAPACITY.invokeExact(plan, container);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code TransformPlan.apply}: the plan's changes, in place, to {@code container} with its
   * atoms {@code atomMap} (indexed as the plan numbers the query's atoms, from 1). False when the
   * CDK refused a change (then the container is as it was).
   */
  static boolean applyPlan(Object plan, IAtomContainer container, IAtom[] atomMap) {
    try {
      return (boolean) PLAN_APPLY.invokeExact(plan, container, atomMap);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T extends AccessibleObject> T open(T member) {
    member.setAccessible(true);
    return member;
  }

  private static MethodHandle getter(MethodHandles.Lookup lookup, Class<?> owner, String name,
      Class<?> as) throws ReflectiveOperationException {
    Field field = open(owner.getDeclaredField(name));
    return lookup.unreflectGetter(field)
        .asType(MethodType.methodType(as, owner));
  }
}
