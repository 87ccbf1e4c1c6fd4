package io.molxform.pipelines;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code --help}: the commands, and each command's options grouped as users look for them. */
final class Help {
  static final List<String> COMMANDS =
      List.of("run", "transforms", "apply", "inspect", "verify", "generate", "version");

  private Help() {}

  static void commands(PrintStream out) {
    out.println("usage: java -jar pipelines/target/molxform.jar COMMAND [--option=value ...]");
    out.println();
    out.println("  run          apply transforms to a Parquet library (options: run --help)");
    out.println("  transforms   list the transform catalog [--catalog=FILE]");
    out.println("  apply        try transforms on molecules: apply --transform=NAME 'SMILES' ...");
    out.println("  inspect      schema, row counts and first rows of a library or an output:"
        + " inspect PATH [--rows=N]");
    out.println("  verify       check a finished output: verify OUT [--quick]");
    out.println("  generate     write a synthetic natural-product library: generate --rows=N"
        + " --output=DIR");
    out.println("  version      print the versions of molxform, Beam and the CDK");
    out.println();
    out.println("exit codes: 0 success, 1 failure, 2 usage error (bad option, input or output)");
  }

  static int command(String command, PrintStream out) {
    switch (command) {
      case "run" -> runOptions(out);
      case "transforms" -> out.println(
          "usage: transforms [--catalog=FILE]   list the built-in catalog or a catalog file");
      case "apply" -> out.println("usage: apply --transform=NAME[,NAME] [--catalog=FILE]"
          + " [--maxHeavyAtoms=N] [--format=text|tsv] SMILES... | --file=FILE\n"
          + "  prints each molecule's products, or why there are none; FILE holds one SMILES or"
          + " ID<TAB>SMILES per line");
      case "inspect" -> out.println("usage: inspect PATH [--rows=5]\n  an output directory:"
          + " its manifest summary and first product and reject rows; a Parquet file, glob or"
          + " folder: each file's schema and row count, and the first rows");
      case "generate" -> out.println("usage: generate --rows=N --output=DIR [--files=K]"
          + " [--seed=S] [--invalidFraction=0.01] [--hydroxyFraction=0.45] [--format=parquet|tsv]"
          + " [--overwrite]\n"
          + "  unique natural-product-like molecules (flavonoids, chalcones, stilbenes,"
          + " coumarins, phenolic acids, catechins, glycosides, terpenoids), deterministic for a"
          + " seed; --hydroxyFraction is the share of aromatic positions with a free OH (0.45:"
          + " about 3.8 phenolic OH per molecule; 0.7: 5.7; 0.9: 6.6, for about 6 products per"
          + " row with phenol O-methylation)");
      case "verify" -> out.println("usage: verify OUT [--quick]   check a finished output: the"
          + " manifest, every shard's footer, rows and schema, no unlisted file, the accounting,"
          + " and no duplicate product (--quick skips reading rows)");
      default -> commands(out);
    }
    return Main.OK;
  }

  static void runOptions(PrintStream out) {
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
        out.println("  --" + RunCommand.propertyName(getter) + "=" + defaultOf(getter));
        out.println("      " + getter.getAnnotation(Description.class).value());
      }
    }
    out.println();
    out.println("runner:");
    out.println("  --runner=FlinkRunner");
    out.println("      FlinkRunner (default: Flink embedded in this process, or a cluster with "
        + "--flinkMaster) or DirectRunner (tests and small inputs).");
    out.println("  --flinkMaster=HOST:PORT");
    out.println("      Submit to a Flink session cluster (see runners-config/flink-cluster/).");
    out.println("  --parallelism=N");
    out.println("      Flink parallelism; embedded Flink defaults to the number of cores.");
    out.println("  Every other Beam runner option is accepted as well.");
    out.println();
    out.println("Options may also come from a file: run @runners-config/flink-local.args");
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
