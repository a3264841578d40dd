/**
 * The process environment as a security boundary: what a child process inherits (the passthrough
 * grammar {@link dev.hostpolicy.core.env.PassthroughPattern} of the {@code CHILD_ENV_PASSTHROUGH}
 * setting, and the {@link dev.hostpolicy.core.env.EnvironmentScrubber} built on it) and where the host runs — the production gate
 * {@link dev.hostpolicy.core.env.ProductionGate} with its built-in
 * {@link dev.hostpolicy.api.spi.EnvironmentProbe}s ({@code <NS>_ENV}, {@code -Dhostpolicy.env},
 * {@code APP_ENV}, {@code NODE_ENV}, Spring profiles), reading through an
 * {@link dev.hostpolicy.core.env.EnvironmentSnapshot}.
 *
 * <pre>{@code
 * PassthroughPattern.parseList("GITHUB_TOKEN,AWS_*");
 * ScrubResult child = EnvironmentScrubber.builder().namespace("ACME").build().scrub(System.getenv());
 * ProductionGate.builder().build().requireDevelopment(false); // throws env.production in production
 * }</pre>
 */
package dev.hostpolicy.core.env;
