package io.molxform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of molxform and of the libraries that decide its results, from the build. */
public final class Version {
  private static final Properties PROPERTIES = load();

  private Version() {}

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/io/molxform/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Versions are informative; a jar without them still runs.
    }
    return properties;
  }

  public static String molxform() {
    return PROPERTIES.getProperty("molxform", "unknown");
  }

  public static String beam() {
    return PROPERTIES.getProperty("beam", "unknown");
  }

  public static String cdk() {
    return PROPERTIES.getProperty("cdk", "unknown");
  }

  public static String describe() {
    return "molxform " + molxform() + " (Apache Beam " + beam() + ", CDK " + cdk() + ", Java "
        + System.getProperty("java.version") + ")";
  }
}
