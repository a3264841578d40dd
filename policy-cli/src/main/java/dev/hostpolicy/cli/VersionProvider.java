package dev.hostpolicy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Reads the version Maven filtered into {@code hostpolicy-version.properties}.
 *
 * <pre>{@code
 * String[] v = new VersionProvider().getVersion(); // {"hostpolicy 0.1.0-SNAPSHOT"}
 * }</pre>
 */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/hostpolicy-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return new String[] {
      "hostpolicy " + p.getProperty("version", "unknown"),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
