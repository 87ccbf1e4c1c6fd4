package io.molxform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Keeps credentials out of what molxform prints: the values of options that carry them
 * ({@code --awsCredentialsProvider} and any option or JSON field named like a secret, a token, a
 * password or a credential) are replaced by {@value #HIDDEN} in every message to the user. The
 * manifest and the summary never hold them: they record molxform's own options only.
 */
final class Secrets {
  static final String HIDDEN = "****";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Longest first, so that a value containing another is hidden whole. */
  private static final Set<String> VALUES = new ConcurrentSkipListSet<>(
      Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

  private Secrets() {}

  /** Remembers the secret values among a command's arguments. */
  static void remember(String[] args) {
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        continue;
      }
      String value = arg.substring(equals + 1);
      if (secretName(arg.substring(2, equals)) && !value.isEmpty()) {
        VALUES.add(value);
        rememberFields(value);
      }
    }
  }

  private static void rememberFields(String value) {
    JsonNode json;
    try {
      json = JSON.readTree(value);
    } catch (Exception e) {
      return;
    }
    if (json == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (secretName(field.getKey()) && field.getValue().isTextual()
          && !field.getValue().asText().isEmpty()) {
        VALUES.add(field.getValue().asText());
      }
    }
  }

  static boolean secretName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("credential") || lower.contains("secret") || lower.contains("token")
        || lower.contains("password");
  }

  /** {@code text} with every remembered secret replaced. */
  static String hide(String text) {
    if (text == null) {
      return null;
    }
    String hidden = text;
    for (String value : VALUES) {
      hidden = hidden.replace(value, HIDDEN);
    }
    return hidden;
  }
}
