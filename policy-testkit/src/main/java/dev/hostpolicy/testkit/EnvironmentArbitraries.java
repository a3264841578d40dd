package dev.hostpolicy.testkit;

import dev.hostpolicy.api.spi.ProbeContext;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for the production gate: environment labels (recognised ones in any case and padding,
 * look-alikes, hostile text) and whole probe contexts over the variables and properties the built-in
 * probes read, plus unrelated ones. {@link PolicyArbitraries} re-exports them.
 *
 * <pre>{@code
 * @Property
 * void probesAreTotal(@ForAll("contexts") ProbeContext context) {
 *   assertThat(new NodeEnvProbe().observe(context)).doesNotContainNull();
 * }
 *
 * @Provide
 * Arbitrary<ProbeContext> contexts() {
 *   return EnvironmentArbitraries.probeContexts();
 * }
 * }</pre>
 */
public final class EnvironmentArbitraries {
  private EnvironmentArbitraries() {}

  /** The labels the gate recognises, lower case. */
  public static final List<String> PRODUCTION_LABELS = List.of("prod", "production");

  /** The development labels the gate recognises, lower case. */
  public static final List<String> DEVELOPMENT_LABELS = List.of("dev", "development", "local", "test");

  /** Variables the built-in probes read. */
  public static final List<String> PROBED_VARIABLES = List.of("NODE_ENV", "APP_ENV", "SPRING_PROFILES_ACTIVE");

  /** System properties the built-in probes read. */
  public static final List<String> PROBED_PROPERTIES = List.of("hostpolicy.env", "spring.profiles.active");

  /** A recognised label in random ASCII case with optional surrounding whitespace. */
  public static Arbitrary<String> recognisedLabels(List<String> labels) {
    return Combinators.combine(Arbitraries.of(labels), Arbitraries.longs(), Arbitraries.of("", " ", "\t", "  "), Arbitraries.of("", " ", "\n"))
        .as((label, seed, before, after) -> before + TokenArbitraries.randomCase(label, seed) + after);
  }

  /** Production labels ({@code prod}, {@code production}) in any case and padding. */
  public static Arbitrary<String> productionLabels() {
    return recognisedLabels(PRODUCTION_LABELS);
  }

  /** Development labels ({@code dev}, {@code development}, {@code local}, {@code test}) in any case and padding. */
  public static Arbitrary<String> developmentLabels() {
    return recognisedLabels(DEVELOPMENT_LABELS);
  }

  /**
   * Labels the gate must not recognise: other environments, look-alikes (Cyrillic letters, zero-width
   * characters, a trailing dot), near misses ({@code prd}, {@code production2}) and random text.
   */
  public static Arbitrary<String> unrecognisedLabels() {
    return Arbitraries.oneOf(
        Arbitraries.of("staging", "qa", "uat", "preprod", "prd", "live", "production2", "develop", "testing", "pr\u043Ed",
            "prod\u200b", "dev.", "d e v", "\u0000prod", "production\nINFO ok", "deve\u0301lopment"),
        Arbitraries.strings().withChars("abcxyz0123-_.").ofMinLength(1).ofMaxLength(12)
            .filter(s -> !PRODUCTION_LABELS.contains(s) && !DEVELOPMENT_LABELS.contains(s)));
  }

  /** Any label: recognised, unrecognised, blank. */
  public static Arbitrary<String> environmentLabels() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, productionLabels()),
        Tuple.of(3, developmentLabels()),
        Tuple.of(3, unrecognisedLabels()),
        Tuple.of(1, Arbitraries.of("", " ", "\t")));
  }

  /**
   * Environments over the probed variables (each absent or set to a label or a comma-separated list of
   * labels) plus unrelated variables.
   */
  public static Arbitrary<Map<String, String>> probeEnvironments() {
    return namedValues(PROBED_VARIABLES, List.of("PATH", "HOME", "NODE_OPTIONS", "ENV", "APP_ENVIRONMENT"));
  }

  /** System properties over the probed names plus unrelated ones. */
  public static Arbitrary<Map<String, String>> probeProperties() {
    return namedValues(PROBED_PROPERTIES, List.of("java.version", "hostpolicy.environment", "user.name"));
  }

  /** Whole probe contexts: generated environment, properties and declared environment. */
  public static Arbitrary<ProbeContext> probeContexts() {
    return Combinators.combine(probeEnvironments(), probeProperties(), Arbitraries.oneOf(Arbitraries.just(""), environmentLabels()))
        .as((env, props, declared) -> EnvironmentSnapshot.of(env, props).withDeclaredEnvironment(declared));
  }

  private static Arbitrary<Map<String, String>> namedValues(List<String> probed, List<String> unrelated) {
    Arbitrary<String> listValue = environmentLabels().list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l));
    Arbitrary<String> value = Arbitraries.oneOf(environmentLabels(), listValue);
    Arbitrary<Map<String, String>> probedMap = Arbitraries.subsetOf(probed)
        .flatMap(names -> value.list().ofSize(names.size()).map(values -> {
          Map<String, String> m = new LinkedHashMap<>();
          int i = 0;
          for (String n : names) {
            m.put(n, values.get(i++));
          }
          return m;
        }));
    Arbitrary<Map<String, String>> unrelatedMap = Arbitraries.maps(Arbitraries.of(unrelated), environmentLabels()).ofMaxSize(2);
    return Combinators.combine(probedMap, unrelatedMap).as((a, b) -> {
      Map<String, String> m = new LinkedHashMap<>(b);
      m.putAll(a);
      return m;
    });
  }
}
