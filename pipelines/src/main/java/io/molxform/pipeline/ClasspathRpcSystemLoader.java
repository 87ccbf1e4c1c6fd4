package io.molxform.pipeline;

import java.util.Iterator;
import java.util.ServiceLoader;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;

/**
 * Flink's RPC system taken from molxform's own classpath, where the build puts it
 * ({@code flink-rpc-akka}), ahead of Flink's own loader.
 *
 * <p>Flink keeps its Pekko RPC system, with the Scala library it is written in, in a jar inside
 * {@code flink-rpc-akka-loader}. Its loader copies that jar (22 MB) into Flink's temporary folder
 * whenever a Flink starts in a process (every {@code run} on embedded Flink) and loads its
 * classes through a class loader of its own, so they were read, parsed and verified on every
 * start: the launcher's class-data archive holds only what the jar's own class loader loads
 * (docs/benchmarks.md, "Start and finish"). That separate class loader keeps Flink's Scala and
 * Pekko away from an application's own; nothing else in molxform's jar uses either. A standalone
 * cluster's processes load their RPC system their own way; this loader serves a Flink started
 * inside a molxform command.
 */
public final class ClasspathRpcSystemLoader implements RpcSystemLoader {
  @Override
  public int getLoadPriority() {
    // Flink's own loader has priority 0 and is tried only if this one fails.
    return -1;
  }

  @Override
  public RpcSystem loadRpcSystem(Configuration config) {
    Iterator<RpcSystem> systems =
        ServiceLoader.load(RpcSystem.class, ClasspathRpcSystemLoader.class.getClassLoader())
            .iterator();
    if (!systems.hasNext()) {
      throw new RpcLoaderException("no Flink RPC system on molxform's classpath"
          + " (org.apache.flink:flink-rpc-akka)");
    }
    return systems.next();
  }
}
