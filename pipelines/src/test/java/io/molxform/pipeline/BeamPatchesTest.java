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
  private static final String DIRECT_RUNNER_MONITOR =
      "org.apache.beam.runners.direct.ExecutorServiceParallelExecutor$2";

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

  @Test
  public void theDirectRunnerRunsTheMonitorThatPausesWhenIdle() throws Exception {
    Class<?> used = Class.forName(DIRECT_RUNNER_MONITOR);
    assertNotNull(used.getDeclaredField("completedBefore"));
    URL beamJar = org.apache.beam.runners.direct.DirectRunner.class.getProtectionDomain()
        .getCodeSource().getLocation();
    try (URLClassLoader beamOnly = new URLClassLoader(new URL[] {beamJar}, null)) {
      Class<?> beams = beamOnly.loadClass(DIRECT_RUNNER_MONITOR);
      // The class that creates the monitor finds the constructor and fields Beam's declares.
      assertEquals(Arrays.toString(beams.getDeclaredConstructors()[0].getParameterTypes()),
          Arrays.toString(used.getDeclaredConstructors()[0].getParameterTypes()));
      for (Field field : beams.getDeclaredFields()) {
        assertEquals(field.getType().getName(),
            used.getDeclaredField(field.getName()).getType().getName());
      }
    }
  }

  @Test
  public void theMonitorPausesLongerWhileIdleAndNotAtAllAfterProgress() throws Exception {
    Method nextPause = Class.forName(DIRECT_RUNNER_MONITOR)
        .getDeclaredMethod("nextPause", long.class, boolean.class);
    nextPause.setAccessible(true);
    long pause = 0;
    List<Long> pauses = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      pause = (long) nextPause.invoke(null, pause, false);
      pauses.add(pause);
    }
    assertEquals(List.of(20_000L, 40_000L, 80_000L, 160_000L, 320_000L, 640_000L, 1_000_000L,
        1_000_000L, 1_000_000L), pauses);
    assertEquals(0L, (long) nextPause.invoke(null, 1_000_000L, true));
  }

  @SuppressWarnings("unchecked")
  private static Comparator<Method> comparator(Class<?> comparatorClass) throws Exception {
    Field instance = comparatorClass.getDeclaredField("INSTANCE");
    instance.setAccessible(true);
    return (Comparator<Method>) instance.get(null);
  }
}
