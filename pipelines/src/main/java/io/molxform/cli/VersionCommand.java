package io.molxform.cli;

import io.molxform.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code molxform version}: the versions of molxform, Beam and the CDK. */
@Command(name = "version", description = "Print the versions of molxform, Beam and the CDK.")
final class VersionCommand implements Callable<Integer> {
  @ParentCommand private MolxformCommand molxform;

  @Override
  public Integer call() {
    molxform.out.println(Version.describe());
    return Main.OK;
  }
}
