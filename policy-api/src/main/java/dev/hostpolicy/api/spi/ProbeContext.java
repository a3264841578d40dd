package dev.hostpolicy.api.spi;

import java.util.Optional;

/**
 * What an {@link EnvironmentProbe} may read: environment variables, system properties and the
 * environment the operator declared through the host's {@code <NS>_ENV} setting. A snapshot, so a
 * gate's answer does not change while it is being computed, and injectable, so tests never mutate the
 * real process environment.
 *
 * <pre>{@code
 * Optional<String> nodeEnv = context.environmentVariable("NODE_ENV");
 * Optional<String> declared = context.declaredEnvironment(); // from INFLOOP_ENV, already validated
 * }</pre>
 */
public interface ProbeContext {

  /** The value of the environment variable {@code name}, if set. */
  Optional<String> environmentVariable(String name);

  /** The value of the system property {@code name}, if set. */
  Optional<String> systemProperty(String name);

  /**
   * The environment the operator declared for this host (operator setting {@code <NS>_ENV}, the rule
   * {@link PolicyKeys#DECLARED_ENVIRONMENT}); empty when not declared.
   */
  Optional<String> declaredEnvironment();
}
