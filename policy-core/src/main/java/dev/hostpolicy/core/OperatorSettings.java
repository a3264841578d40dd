package dev.hostpolicy.core;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.env.PassthroughPattern;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The typed registry of operator settings (DESIGN.md "Operator settings"). All are optional; a value
 * that is present but malformed is a startup error naming the key — never a silent default.
 *
 * <table>
 *   <caption>Settings, forms and defaults</caption>
 *   <tr><th>name</th><th>form</th><th>default</th></tr>
 *   <tr><td>API_TOKEN</td><td>16–4096 chars of the RFC 6750 b64token alphabet</td><td>unset</td></tr>
 *   <tr><td>ALLOW_INSECURE</td><td>true/false/1/0/yes/no</td><td>false</td></tr>
 *   <tr><td>WEBHOOK_RATE_LIMIT</td><td>N, N/s, N/min, N/h; 0 = off</td><td>120/min</td></tr>
 *   <tr><td>LOGIN_RATE_LIMIT</td><td>N, N/s, N/min, N/h; 0 = off</td><td>20/min</td></tr>
 *   <tr><td>CHILD_ENV_PASSTHROUGH</td><td>comma-separated NAME or PREFIX_*</td><td>none</td></tr>
 *   <tr><td>EGRESS_ENFORCE</td><td>boolean</td><td>true</td></tr>
 *   <tr><td>MAX_RUN_NODE_EXECUTIONS</td><td>whole number; 0 = off</td><td>10000</td></tr>
 *   <tr><td>MAX_RUN_DURATION_MS</td><td>whole number; 0 = off</td><td>86400000</td></tr>
 *   <tr><td>MAX_RUN_COST_USD</td><td>decimal; 0 = off</td><td>0</td></tr>
 *   <tr><td>MAX_TOTAL_COST_USD</td><td>decimal; 0 = off</td><td>0</td></tr>
 *   <tr><td>AUDIT_MAX_BYTES</td><td>whole number &ge; 4096</td><td>10485760</td></tr>
 *   <tr><td>AUDIT_MAX_FILES</td><td>whole number 1–1000</td><td>10</td></tr>
 *   <tr><td>ENV</td><td>1–64 chars of [A-Za-z0-9._-]</td><td>unset</td></tr>
 * </table>
 *
 * <pre>{@code
 * for (OperatorSetting<?> s : OperatorSettings.all()) {
 *   out.println(s.environmentName("INFLOOP") + ": " + s.expectedForm());
 * }
 * }</pre>
 */
public final class OperatorSettings {
  private OperatorSettings() {}

  private static final String BOOLEAN_FORM = "true or false (also 1/0, yes/no)";
  private static final String RATE_FORM = "N, N/s, N/min or N/h with N a whole number (0 = off)";
  private static final String COUNT_FORM = "a whole number of at most 18 ASCII digits (0 = off)";
  private static final String DECIMAL_FORM =
      "a decimal such as 12.50 (at most 12 digits, 6 after the point; 0 = off)";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,12}(?:\\.[0-9]{1,6})?");
  private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** {@code API_TOKEN}: the bearer token guarding the host's API. */
  public static final OperatorSetting<Optional<Secret>> API_TOKEN =
      new OperatorSetting<>(
          "API_TOKEN",
          PolicyKeys.API_TOKEN,
          "a token of 16 to 4096 characters from the alphabet A-Z a-z 0-9 - . _ ~ + / (optionally ending in =)",
          OperatorSettings::parseToken);

  /** {@code ALLOW_INSECURE}: allow a network bind without a token. */
  public static final OperatorSetting<Boolean> ALLOW_INSECURE =
      new OperatorSetting<>("ALLOW_INSECURE", PolicyKeys.ALLOW_INSECURE, BOOLEAN_FORM, OperatorSettings::parseBoolean);

  /** {@code WEBHOOK_RATE_LIMIT}: deliveries per trigger. */
  public static final OperatorSetting<Rate> WEBHOOK_RATE_LIMIT =
      new OperatorSetting<>("WEBHOOK_RATE_LIMIT", PolicyKeys.WEBHOOK_RATE_LIMIT, RATE_FORM, Rate::parse);

  /** {@code LOGIN_RATE_LIMIT}: login attempts, globally. */
  public static final OperatorSetting<Rate> LOGIN_RATE_LIMIT =
      new OperatorSetting<>("LOGIN_RATE_LIMIT", PolicyKeys.LOGIN_RATE_LIMIT, RATE_FORM, Rate::parse);

  /** {@code CHILD_ENV_PASSTHROUGH}: extra variables children inherit. */
  public static final OperatorSetting<Set<String>> CHILD_ENV_PASSTHROUGH =
      new OperatorSetting<>(
          "CHILD_ENV_PASSTHROUGH",
          PolicyKeys.CHILD_ENV_PASSTHROUGH,
          "comma-separated variable names or PREFIX_* patterns (no bare *, no empty entries)",
          OperatorSettings::parsePassthrough);

  /** {@code EGRESS_ENFORCE}: route children through the egress proxy. */
  public static final OperatorSetting<Boolean> EGRESS_ENFORCE =
      new OperatorSetting<>("EGRESS_ENFORCE", PolicyKeys.EGRESS_ENFORCE, BOOLEAN_FORM, OperatorSettings::parseBoolean);

  /** {@code MAX_RUN_NODE_EXECUTIONS}: node executions per run. */
  public static final OperatorSetting<Long> MAX_RUN_NODE_EXECUTIONS =
      new OperatorSetting<>(
          "MAX_RUN_NODE_EXECUTIONS", PolicyKeys.MAX_RUN_NODE_EXECUTIONS, COUNT_FORM, OperatorSettings::parseCount);

  /** {@code MAX_RUN_DURATION_MS}: wall-clock milliseconds per run. */
  public static final OperatorSetting<Long> MAX_RUN_DURATION_MS =
      new OperatorSetting<>(
          "MAX_RUN_DURATION_MS", PolicyKeys.MAX_RUN_DURATION_MS, COUNT_FORM, OperatorSettings::parseCount);

  /** {@code MAX_RUN_COST_USD}: cost per run. */
  public static final OperatorSetting<BigDecimal> MAX_RUN_COST_USD =
      new OperatorSetting<>("MAX_RUN_COST_USD", PolicyKeys.MAX_RUN_COST_USD, DECIMAL_FORM, OperatorSettings::parseDecimal);

  /** {@code MAX_TOTAL_COST_USD}: cost of all runs of the process. */
  public static final OperatorSetting<BigDecimal> MAX_TOTAL_COST_USD =
      new OperatorSetting<>(
          "MAX_TOTAL_COST_USD", PolicyKeys.MAX_TOTAL_COST_USD, DECIMAL_FORM, OperatorSettings::parseDecimal);

  /** {@code AUDIT_MAX_BYTES}: rotation size. */
  public static final OperatorSetting<Long> AUDIT_MAX_BYTES =
      new OperatorSetting<>(
          "AUDIT_MAX_BYTES",
          PolicyKeys.AUDIT_MAX_BYTES,
          "a whole number of bytes, at least 4096",
          text -> bounded(parseCount(text), 4096, Long.MAX_VALUE));

  /** {@code AUDIT_MAX_FILES}: files kept. */
  public static final OperatorSetting<Long> AUDIT_MAX_FILES =
      new OperatorSetting<>(
          "AUDIT_MAX_FILES",
          PolicyKeys.AUDIT_MAX_FILES,
          "a whole number from 1 to 1000",
          text -> bounded(parseCount(text), 1, 1000));

  /** {@code ENV}: the declared environment, read by the production gate. */
  public static final OperatorSetting<String> ENV =
      new OperatorSetting<>(
          "ENV",
          PolicyKeys.DECLARED_ENVIRONMENT,
          "1 to 64 characters from A-Z a-z 0-9 . _ - (for example production or development)",
          text -> {
            if (!ENVIRONMENT.matcher(text).matches()) {
              throw new IllegalArgumentException();
            }
            return text;
          });

  /** Every operator setting, in documentation order. */
  public static List<OperatorSetting<?>> all() {
    return List.of(
        API_TOKEN,
        ALLOW_INSECURE,
        WEBHOOK_RATE_LIMIT,
        LOGIN_RATE_LIMIT,
        CHILD_ENV_PASSTHROUGH,
        EGRESS_ENFORCE,
        MAX_RUN_NODE_EXECUTIONS,
        MAX_RUN_DURATION_MS,
        MAX_RUN_COST_USD,
        MAX_TOTAL_COST_USD,
        AUDIT_MAX_BYTES,
        AUDIT_MAX_FILES,
        ENV);
  }

  /** The setting called {@code name} (without namespace), if there is one. */
  public static Optional<OperatorSetting<?>> byName(String name) {
    return all().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  static boolean parseBoolean(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
        return true;
      case "false":
      case "0":
      case "no":
        return false;
      default:
        throw new IllegalArgumentException();
    }
  }

  static long parseCount(String text) {
    if (text.isEmpty() || text.length() > 18) {
      throw new IllegalArgumentException();
    }
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException();
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static long bounded(long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException();
    }
    return value;
  }

  static BigDecimal parseDecimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new IllegalArgumentException();
    }
    return new BigDecimal(text);
  }

  static Optional<Secret> parseToken(String text) {
    if (text.length() < 16 || text.length() > 4096 || !TOKEN.matcher(text).matches()) {
      throw new IllegalArgumentException();
    }
    return Optional.of(Secret.fromUtf8(text));
  }

  static Set<String> parsePassthrough(String text) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (PassthroughPattern p : PassthroughPattern.parseList(text)) {
      out.add(p.toString());
    }
    return out;
  }
}
