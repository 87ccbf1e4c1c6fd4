package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every bad input is a typed rejection with a stable code, never an exception. */
class MoleculeParserTest {
  private final MoleculeParser parser = new MoleculeParser(20);

  private ReasonCode code(String smiles) {
    MoleculeParser.Result result = parser.parse(smiles);
    assertTrue(!result.ok(), smiles + " should be rejected");
    assertTrue(!result.rejection().message().isBlank());
    return result.rejection().code();
  }

  @Test
  void rejectionsHaveStableCodes() {
    assertEquals(ReasonCode.MISSING_SMILES, code(null));
    assertEquals(ReasonCode.EMPTY_SMILES, code(""));
    assertEquals(ReasonCode.EMPTY_SMILES, code("   "));
    assertEquals(ReasonCode.INVALID_SMILES, code("C1CC"));
    assertEquals(ReasonCode.INVALID_SMILES, code("quercetin"));
    assertEquals(ReasonCode.INVALID_SMILES, code("c1cccc1"));
    assertEquals(ReasonCode.INVALID_VALENCE, code("C(C)(C)(C)(C)C"));
    assertEquals(ReasonCode.TOO_LARGE, code("C".repeat(21)));
    assertEquals(Stage.PARSE, ReasonCode.TOO_LARGE.stage());
  }

  @Test
  void goodInputParses() {
    assertTrue(parser.parse("C".repeat(20)).ok());
    assertTrue(parser.parse(" Oc1ccccc1 ").ok(), "surrounding blanks are ignored");
    assertTrue(parser.parse("[Na+].[O-]c1ccccc1").ok(), "salts are molecules");
    MoleculeParser.Result explicitH = parser.parse("[H]Oc1ccccc1");
    assertEquals(parser.parse("Oc1ccccc1").molecule().canonicalSmiles(),
        explicitH.molecule().canonicalSmiles(), "explicit hydrogens are folded in");
  }
}
