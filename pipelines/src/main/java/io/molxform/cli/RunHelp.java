package io.molxform.cli;

import io.molxform.pipeline.MolxformOptions;
import io.molxform.pipeline.ObjectStoreOptions;
import io.molxform.pipeline.RunPlan;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * {@code run --help}: the pipeline's options, grouped as users look for them, with their
 * descriptions and defaults read from {@code MolxformOptions} itself.
 */
final class RunHelp {
  private RunHelp() {}

  static void print(PrintStream out) {
    out.println("usage: java -jar pipelines/target/molxform.jar run [--option=value ...]");
    Map<String, List<Method>> groups = new LinkedHashMap<>();
    for (String group : List.of("input", "transform", "dedup", "output", "run")) {
      groups.put(group, new ArrayList<>());
    }
    for (Method getter : MolxformOptions.class.getDeclaredMethods()) {
      MolxformOptions.Group group = getter.getAnnotation(MolxformOptions.Group.class);
      if (group != null) {
        groups.get(group.value()).add(getter);
      }
    }
    for (Map.Entry<String, List<Method>> group : groups.entrySet()) {
      out.println();
      out.println(group.getKey() + ":");
      group.getValue().sort(Comparator.comparing(Method::getName));
      for (Method getter : group.getValue()) {
        out.println("  --" + RunPlan.propertyName(getter) + "=" + defaultOf(getter));
        out.println("      " + getter.getAnnotation(Description.class).value());
      }
    }
    out.println();
    out.println("runner:");
    out.println("  --runner=FlinkRunner");
    out.println("      FlinkRunner (Flink embedded in this process, or a cluster with "
        + "--flinkMaster) or DirectRunner (tests and small inputs). Default: FlinkRunner, or "
        + "the DirectRunner for a run under --directRunnerBelow.");
    out.println("  --flinkMaster=HOST:PORT");
    out.println("      Submit to a Flink session cluster (see runners-config/flink-cluster/).");
    out.println("  --parallelism=N");
    out.println("      Flink parallelism; embedded Flink defaults to the number of cores. On a "
        + "cluster, give the slots: the dedup then spreads its merges evenly over them.");
    out.println("  Every other Beam runner option is accepted as well.");
    out.println();
    out.println("object storage (--input and --output as s3://BUCKET/PATH or hdfs://HOST/PATH):");
    out.println("  --endpoint=URL --awsRegion=REGION");
    out.println("      The S3 service (Beam's options); without them the AWS defaults apply.");
    out.println("  --awsCredentialsProvider=JSON");
    out.println("      Beam's option, e.g. {\"@type\":\"StaticCredentialsProvider\",...}; "
        + "without it the standard AWS chain (environment, profile, instance role).");
    out.println("  --pathStyleAccess=false");
    out.println("      " + descriptionOf("getPathStyleAccess"));
    out.println("  --storeRetrySeconds=60");
    out.println("      " + descriptionOf("getStoreRetrySeconds"));
    out.println("  --hdfsConfiguration=[{\"fs.defaultFS\":\"hdfs://HOST:PORT\"}]");
    out.println("      Hadoop settings for hdfs:// (Beam's option).");
    out.println("  runners-config/object-store/start.sh writes them for its local S3 server into "
        + "a file to pass as @FILE.");
    out.println();
    out.println("Options may also come from a file: run @runners-config/flink-local.args");
  }

  private static String descriptionOf(String getter) {
    try {
      return ObjectStoreOptions.class.getMethod(getter).getAnnotation(Description.class).value();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String defaultOf(Method getter) {
    Default.String s = getter.getAnnotation(Default.String.class);
    if (s != null) {
      return s.value();
    }
    Default.Long l = getter.getAnnotation(Default.Long.class);
    if (l != null) {
      return Long.toString(l.value());
    }
    Default.Integer i = getter.getAnnotation(Default.Integer.class);
    if (i != null) {
      return Integer.toString(i.value());
    }
    Default.Double d = getter.getAnnotation(Default.Double.class);
    if (d != null) {
      return Double.toString(d.value());
    }
    Default.Boolean b = getter.getAnnotation(Default.Boolean.class);
    if (b != null) {
      return Boolean.toString(b.value());
    }
    Default.Enum e = getter.getAnnotation(Default.Enum.class);
    if (e != null) {
      return e.value();
    }
    if (getter.getName().equals("getTransform")) {
      return new MolxformOptions.DefaultTransform().create(null).get(0);
    }
    return "";
  }
}
