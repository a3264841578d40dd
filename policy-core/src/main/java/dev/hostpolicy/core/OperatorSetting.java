package dev.hostpolicy.core;

import dev.hostpolicy.api.spi.PolicyKey;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One operator setting: its name (read as {@code <NS>_<NAME>} from the environment or
 * {@code <ns>.<name>} from system properties, both with the host's namespace), the rule it sets, the
 * text form it accepts, and a strict parser. The full list is {@link OperatorSettings#all()}.
 *
 * <pre>{@code
 * OperatorSetting<Rate> s = OperatorSettings.WEBHOOK_RATE_LIMIT;
 * s.environmentName("INFLOOP"); // "INFLOOP_WEBHOOK_RATE_LIMIT"
 * s.parse("60/min");            // Rate 60/min
 * }</pre>
 *
 * @param <T> the value type of the rule this setting sets
 */
public final class OperatorSetting<T> {
  private final String name;
  private final PolicyKey<T> key;
  private final String expectedForm;
  private final Function<String, T> parser;

  OperatorSetting(String name, PolicyKey<T> key, String expectedForm, Function<String, T> parser) {
    this.name = Objects.requireNonNull(name);
    this.key = Objects.requireNonNull(key);
    this.expectedForm = Objects.requireNonNull(expectedForm);
    this.parser = Objects.requireNonNull(parser);
  }

  /** The name without namespace, for example {@code WEBHOOK_RATE_LIMIT}. */
  public String name() {
    return name;
  }

  /** The rule this setting sets. */
  public PolicyKey<T> key() {
    return key;
  }

  /** The accepted text form, for error messages and docs. */
  public String expectedForm() {
    return expectedForm;
  }

  /** Whether the value is a secret (never echoed in errors or descriptions). */
  public boolean isSecret() {
    return key.isSecret();
  }

  /** {@code <NS>_<NAME>}, the environment variable that carries this setting. */
  public String environmentName(String namespace) {
    return namespace + "_" + name;
  }

  /** {@code <ns>.<name>} in lower case, the system property that carries this setting. */
  public String propertyName(String namespace) {
    return namespace.toLowerCase(Locale.ROOT) + "." + name.toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the text form strictly (ASCII only, no surrounding whitespace).
   *
   * @throws IllegalArgumentException stating the expected form; never quoting a secret value
   */
  public T parse(String text) {
    Objects.requireNonNull(text, "text");
    try {
      return key.normalize(parser.apply(text));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException("expected " + expectedForm);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
