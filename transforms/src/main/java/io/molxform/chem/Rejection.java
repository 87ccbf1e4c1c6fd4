package io.molxform.chem;

/**
 * A typed rejection: the stage, a stable code and a message for people.
 *
 * @param code stable reason code; its stage says where the rejection happened
 * @param message what exactly was wrong, naming the atom or the parser's complaint
 * @param subject the SMILES the rejection is about: the input for parse and transform stages,
 *     the product (as far as it could be written) for the product stage
 */
public record Rejection(ReasonCode code, String message, String subject) {

  public Stage stage() {
    return code.stage();
  }
}
