package io.molxform.docs;

import static io.molxform.testing.Molxform.molxform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.molxform.testing.Molxform.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/options.md} is {@code run --help}, which reads every option's description and
 * default from {@code MolxformOptions}: the reference cannot drift from the code. Regenerate it
 * with {@code mvn -pl pipelines test -Dtest=OptionsReferenceTest -Dmolxform.updateDocs=true}.
 */
class OptionsReferenceTest {
  private static final Path PAGE = Path.of("../docs/options.md");

  @Test
  void theOptionReferenceIsRunHelp() throws Exception {
    Result help = molxform("run", "--help");
    assertEquals(0, help.exit(), help.err());
    String expected = "# Options of `molxform run`\n\n"
        + "Generated from the descriptions and defaults in\n"
        + "`pipelines/src/main/java/io/molxform/pipeline/MolxformOptions.java` (the output of\n"
        + "`java -jar pipelines/target/molxform.jar run --help`); `OptionsReferenceTest` keeps the\n"
        + "two equal. Commands, formats and examples: [usage.md](usage.md).\n\n"
        + "```\n" + help.out().stripTrailing() + "\n```\n";
    if (Boolean.getBoolean("molxform.updateDocs")) {
      Files.writeString(PAGE, expected);
    }
    assertEquals(expected, Files.readString(PAGE),
        "docs/options.md differs from run --help; regenerate it (see this test's comment)");
  }
}
