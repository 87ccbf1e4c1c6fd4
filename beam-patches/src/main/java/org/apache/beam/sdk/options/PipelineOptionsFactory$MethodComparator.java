package org.apache.beam.sdk.options;

import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * molxform's copy of Beam's {@code PipelineOptionsFactory.MethodComparator}, which the bundled jar
 * carries in place of Beam's (pipelines/pom.xml). It orders methods exactly as Beam's does, by
 * {@link Method#toGenericString()}, but builds each method's string once rather than twice in
 * every comparison.
 *
 * <p>Beam sorts the methods of every registered options interface with it when its options
 * registry starts, and again for each interface registered or viewed ({@code as}): in a demo run
 * those comparisons were 56 % of the Java samples in Beam's options code, which was itself a third
 * of all the run's Java samples, mostly on the critical path of its start (docs/benchmarks.md,
 * "Start and finish"). The strings are those of the options interfaces' methods, a few thousand
 * at most.
 *
 * <p>{@code BeamPatchesTest} (in pipelines) checks that this is the class Beam uses and that it
 * orders as the class in Beam's jar does; on a Beam upgrade, compare that class with this one
 * (CONTRIBUTING.md).
 */
final class PipelineOptionsFactory$MethodComparator implements Comparator<Method> {
  static final PipelineOptionsFactory$MethodComparator INSTANCE =
      new PipelineOptionsFactory$MethodComparator();

  private static final ConcurrentHashMap<Method, String> GENERIC_STRINGS =
      new ConcurrentHashMap<>();

  private PipelineOptionsFactory$MethodComparator() {}

  @Override
  public int compare(Method a, Method b) {
    return genericString(a).compareTo(genericString(b));
  }

  private static String genericString(Method method) {
    return GENERIC_STRINGS.computeIfAbsent(method, Method::toGenericString);
  }
}
