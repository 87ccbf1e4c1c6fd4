package io.molxform.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Flink started inside molxform takes its RPC system from molxform's own classpath, so that its
 * classes come from the launcher's class-data archive and no jar is copied at each start.
 */
@RunWith(JUnit4.class)
public class ClasspathRpcSystemLoaderTest {
  @Test
  public void flinkLoadsThePekkoRpcSystemFromTheApplicationClassPath() throws Exception {
    // Flink's own loader would hand back its wrapper (CleanupOnCloseRpcSystem) around a system
    // from a class loader of its own.
    try (RpcSystem system = RpcSystem.load(new Configuration())) {
      assertEquals("org.apache.flink.runtime.rpc.pekko.PekkoRpcSystem",
          system.getClass().getName());
      assertSame(ClasspathRpcSystemLoader.class.getClassLoader(),
          system.getClass().getClassLoader());
    }
  }
}
