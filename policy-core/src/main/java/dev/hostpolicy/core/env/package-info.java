/**
 * What a child process inherits from the host's environment. This package holds the passthrough
 * grammar ({@link dev.hostpolicy.core.env.PassthroughPattern}) used by the
 * {@code CHILD_ENV_PASSTHROUGH} setting; the scrubber and production gate build on it.
 *
 * <pre>{@code
 * PassthroughPattern.parseList("GITHUB_TOKEN,AWS_*");
 * }</pre>
 */
package dev.hostpolicy.core.env;
