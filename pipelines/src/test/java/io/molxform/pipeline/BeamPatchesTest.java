package io.molxform.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The classes of molxform-beam-patches are the ones Beam runs, and each behaves as the class in
 * Beam's own jar that it replaces.
 */
@RunWith(JUnit4.class)
public class BeamPatchesTest {
  private static final String METHOD_COMPARATOR =
      "org.apache.beam.sdk.options.PipelineOptionsFactory$MethodComparator";

  @Test
  public void beamUsesTheMethodComparatorThatRemembersItsStrings() throws Exception {
    Class<?> used = Class.forName(METHOD_COMPARATOR);
    assertNotNull(used.getDeclaredField("GENERIC_STRINGS"));
    assertEquals(used, comparator(used).getClass());
  }

  @Test
  public void theMethodComparatorOrdersAsBeamsOwn() throws Exception {
    URL beamJar = PipelineOptionsFactory.class.getProtectionDomain().getCodeSource()
        .getLocation();
    try (URLClassLoader beamOnly = new URLClassLoader(new URL[] {beamJar}, null)) {
      Comparator<Method> beams = comparator(beamOnly.loadClass(METHOD_COMPARATOR));
      Comparator<Method> ours = comparator(Class.forName(METHOD_COMPARATOR));
      List<Method> methods = new ArrayList<>();
      for (Class<?> options : List.of(MolxformOptions.class, ObjectStoreOptions.class,
          FlinkPipelineOptions.class)) {
        methods.addAll(Arrays.asList(options.getMethods()));
      }
      for (Method a : methods) {
        for (Method b : methods) {
          assertEquals(a + " against " + b, Integer.signum(beams.compare(a, b)),
              Integer.signum(ours.compare(a, b)));
        }
      }
      List<Method> byBeam = new ArrayList<>(methods);
      byBeam.sort(beams);
      List<Method> byOurs = new ArrayList<>(methods);
      byOurs.sort(ours);
      assertEquals(byBeam, byOurs);
    }
  }

  @SuppressWarnings("unchecked")
  private static Comparator<Method> comparator(Class<?> comparatorClass) throws Exception {
    Field instance = comparatorClass.getDeclaredField("INSTANCE");
    instance.setAccessible(true);
    return (Comparator<Method>) instance.get(null);
  }
}
