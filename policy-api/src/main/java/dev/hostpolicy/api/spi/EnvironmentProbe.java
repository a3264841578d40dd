package dev.hostpolicy.api.spi;

import java.util.List;

/**
 * One signal of the production gate: reads what the process environment says about where it runs
 * ({@code NODE_ENV=production}, {@code SPRING_PROFILES_ACTIVE=dev}, ...). Found with
 * {@link java.util.ServiceLoader}; register it in
 * {@code META-INF/services/dev.hostpolicy.api.spi.EnvironmentProbe} and in {@code module-info}
 * ({@code provides EnvironmentProbe with ...}).
 *
 * <p>A probe reads only through the {@link ProbeContext} it is given, never {@link System#getenv()}
 * or {@link System#getProperty(String)} directly, so a gate can be tested without touching the real
 * environment. It returns the labels it saw (for example {@code ["production"]}), or an empty list
 * when it has no opinion; the gate classifies the labels ({@code prod}/{@code production} →
 * production; {@code dev}/{@code development}/{@code local}/{@code test} → development; anything else
 * unrecognised) and combines every probe's reading. A probe that throws counts as reporting
 * production: the gate fails closed.
 *
 * <pre>{@code
 * public final class KubernetesProbe implements EnvironmentProbe {
 *   public String id() { return "com.acme.kubernetes"; }
 *   public int priority() { return 100; }
 *   public List<String> observe(ProbeContext context) {
 *     return context.environmentVariable("KUBERNETES_SERVICE_HOST").isPresent()
 *         ? List.of("production") : List.of();
 *   }
 * }
 * }</pre>
 */
public interface EnvironmentProbe {

  /** Lowercase id, dotted or hyphenated ({@code hostpolicy.node-env}, {@code com.acme.kubernetes}). */
  String id();

  /** Orders probes in reports (lower first, then id). Must be stated explicitly. */
  int priority();

  /**
   * The environment labels this probe sees, trimmed and non-empty; an empty list when it has no
   * opinion. Must not return {@code null} and must read only through {@code context}.
   */
  List<String> observe(ProbeContext context);
}
