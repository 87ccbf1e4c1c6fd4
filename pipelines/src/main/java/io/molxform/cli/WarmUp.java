package io.molxform.cli;

import io.molxform.chem.MoleculeParser;
import io.molxform.chem.MoleculeTransformer;
import io.molxform.chem.TransformCatalog;
import io.molxform.chem.TransformSpec;
import io.molxform.depict.Panel;
import io.molxform.depict.StructureDrawer;
import io.molxform.pipeline.MolxformOptions;
import io.molxform.pipeline.ObjectStoreOptions;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.openscience.cdk.exception.CDKException;

/**
 * Work a {@code run} will need, started on a second thread while the main one reads the command
 * line. A run's first seconds are one thread's cold code: picocli's model of the commands (about
 * 1 s here) and then Beam's reading of the options interfaces, which checks every option of every
 * registered interface by reflection (about 1.5 s); on a machine with a second core the two need
 * not wait for each other. What the thread does is idempotent and the main thread does it again
 * (finding it done), so a failure here only costs the time it would have saved.
 */
final class WarmUp {
  private static final String WARM_UP_TRANSFORM = "FG_PHENOL_OH__OH__TO__OMe";

  private WarmUp() {}

  /** Starts warming up for {@code command}; does nothing for commands that need no warming. */
  static void startFor(String[] args) {
    if (args.length == 0 || !args[0].equals("run")) {
      return;
    }
    Thread thread = new Thread(() -> {
      beamOptions();
      chemistryAndDrawing();
    }, "molxform-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void beamOptions() {
    try {
      PipelineOptionsFactory.register(MolxformOptions.class);
      PipelineOptionsFactory.register(ObjectStoreOptions.class);
      PipelineOptionsFactory.fromArgs().as(MolxformOptions.class);
    } catch (RuntimeException | LinkageError e) {
      // The main thread meets the same problem and reports it.
    }
  }

  /**
   * One molecule through the chemistry (SMILES, SMIRKS, canonical SMILES through the InChI
   * library) and the report's drawing (fonts): classes and native code the run loads later on
   * its critical path, loaded here while the main thread plans and Flink starts.
   */
  private static void chemistryAndDrawing() {
    try {
      TransformSpec spec = TransformCatalog.builtIn().select(List.of(WARM_UP_TRANSFORM)).get(0);
      MoleculeParser.Result parsed = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS)
          .parse("Oc1ccc(cc1)C=O");
      new MoleculeTransformer(spec).apply(parsed.molecule());
      new StructureDrawer("warm-up").svg(
          new Panel(parsed.molecule().structure(), Set.of(), ""), 100, 100);
    } catch (RuntimeException | LinkageError | CDKException e) {
      // Only time is lost: the run does all of this again where it needs it.
    }
  }
}
