package dev.hostpolicy.http;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a devloop-style host: {@code POST /events/<name>} sets exactly one fixed state key and
 * triggers exactly one fixed workflow, both from configuration — the request chooses neither. The
 * value is capped at {@link #maxValueChars()} code points (default {@value #DEFAULT_MAX_VALUE_CHARS})
 * and, when a pattern is configured, must match it over the <em>whole</em> value. Patterns use RE2/J,
 * whose matching time is linear in the value's length whatever the pattern ({@code (a+)+$} cannot
 * backtrack catastrophically); RE2 syntax has no backreferences or lookaround.
 *
 * <p>Everything is checked when the route is built: the name is {@code [A-Za-z0-9][A-Za-z0-9._-]*}
 * (at most 64 characters), state key and workflow are 1-256 printable characters, the pattern
 * compiles, the cap is 1 to {@value #MAX_VALUE_CHARS_LIMIT}; a mistake is a
 * {@link PolicyConfigurationException} naming {@code events.<name>}.
 *
 * <pre>{@code
 * EventRoute build = EventRoute.of("build-done", "build.status", "deploy")
 *     .withPattern("ok|failed")          // whole value: "ok" or "failed", nothing else
 *     .withMaxValueChars(16);
 * }</pre>
 */
public final class EventRoute {

  /** The default cap on a value, in code points. */
  public static final int DEFAULT_MAX_VALUE_CHARS = 4096;

  /** The largest cap. */
  public static final int MAX_VALUE_CHARS_LIMIT = 1 << 20;

  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final String name;
  private final String stateKey;
  private final String workflow;
  private final Optional<Pattern> pattern;
  private final int maxValueChars;

  private EventRoute(String name, String stateKey, String workflow, Optional<Pattern> pattern, int maxValueChars) {
    this.name = name;
    this.stateKey = stateKey;
    this.workflow = workflow;
    this.pattern = pattern;
    this.maxValueChars = maxValueChars;
  }

  /**
   * An event {@code name} that sets {@code stateKey} and triggers {@code workflow}.
   *
   * @throws PolicyConfigurationException for a malformed name, key or workflow
   */
  public static EventRoute of(String name, String stateKey, String workflow) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new PolicyConfigurationException("events",
          "event name \"" + SafeText.clean(name, 80) + "\" must be [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 characters");
    }
    return new EventRoute(name, label(name, "state key", stateKey), label(name, "workflow", workflow), Optional.empty(),
        DEFAULT_MAX_VALUE_CHARS);
  }

  private static String label(String name, String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty() || value.length() > 256) {
      throw new PolicyConfigurationException("events." + name, "the " + what + " must be 1-256 characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        throw new PolicyConfigurationException("events." + name, "the " + what + " must be printable text");
      }
    }
    return value;
  }

  /**
   * A copy whose values must match {@code regex} (RE2 syntax) over their whole length.
   *
   * @throws PolicyConfigurationException if it does not compile
   */
  public EventRoute withPattern(String regex) {
    Objects.requireNonNull(regex, "regex");
    try {
      return new EventRoute(name, stateKey, workflow, Optional.of(Pattern.compile(regex)), maxValueChars);
    } catch (PatternSyntaxException e) {
      throw new PolicyConfigurationException("events." + name + ".pattern", "the pattern does not compile as RE2: " + e.getDescription());
    }
  }

  /**
   * A copy with a different cap on the value's length in code points.
   *
   * @throws PolicyConfigurationException unless 1 to {@value #MAX_VALUE_CHARS_LIMIT}
   */
  public EventRoute withMaxValueChars(int max) {
    if (max < 1 || max > MAX_VALUE_CHARS_LIMIT) {
      throw new PolicyConfigurationException("events." + name + ".max-value-chars", "the cap must be 1 to " + MAX_VALUE_CHARS_LIMIT);
    }
    return new EventRoute(name, stateKey, workflow, pattern, max);
  }

  /** The event name in the URL. */
  public String name() {
    return name;
  }

  /** The state key the event sets. */
  public String stateKey() {
    return stateKey;
  }

  /** The workflow the event triggers. */
  public String workflow() {
    return workflow;
  }

  /** The pattern a value must match as a whole, if any. */
  public Optional<String> pattern() {
    return pattern.map(Pattern::pattern);
  }

  /** The cap on a value, in code points. */
  public int maxValueChars() {
    return maxValueChars;
  }

  /** Whether {@code value} matches the pattern over its whole length (true without a pattern). */
  public boolean matchesWhole(String value) {
    return pattern.isEmpty() || pattern.get().matches(value);
  }

  @Override
  public String toString() {
    return "EventRoute[" + name + " -> " + stateKey + ", " + workflow + pattern.map(p -> ", /" + p.pattern() + "/").orElse("")
        + ", max " + maxValueChars + "]";
  }
}
