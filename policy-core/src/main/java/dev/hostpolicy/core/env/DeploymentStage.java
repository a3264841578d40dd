package dev.hostpolicy.core.env;

import java.util.Locale;

/**
 * What an environment label means to the production gate. Labels are compared after trimming
 * whitespace, ASCII case-insensitively: {@code prod} and {@code production} are
 * {@link #PRODUCTION}; {@code dev}, {@code development}, {@code local} and {@code test} are
 * {@link #DEVELOPMENT}; anything else ({@code staging}, {@code qa}, {@code prd}) is
 * {@link #UNRECOGNISED}.
 *
 * <pre>{@code
 * DeploymentStage.classify("Production");  // PRODUCTION
 * DeploymentStage.classify(" local ");     // DEVELOPMENT
 * DeploymentStage.classify("staging");     // UNRECOGNISED
 * }</pre>
 */
public enum DeploymentStage {
  /** A production deployment: a dev-only tool must not run. */
  PRODUCTION,
  /** A developer's machine, a local run or a test run. */
  DEVELOPMENT,
  /** A label the gate does not know. */
  UNRECOGNISED;

  /** The stage {@code label} names; see the class documentation. */
  public static DeploymentStage classify(String label) {
    if (label == null) {
      return UNRECOGNISED;
    }
    String s = label.strip();
    StringBuilder lower = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    switch (lower.toString()) {
      case "prod":
      case "production":
        return PRODUCTION;
      case "dev":
      case "development":
      case "local":
      case "test":
        return DEVELOPMENT;
      default:
        return UNRECOGNISED;
    }
  }

  /** The lower-case name, for messages. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
