/**
 * Validators for values a provisioner turns into actions: git remote URLs
 * ({@link dev.hostpolicy.core.validate.GitRemoteValidator}), slug ids
 * ({@link dev.hostpolicy.core.validate.Slugs}), the on-demand-TLS "ask" check
 * ({@link dev.hostpolicy.core.validate.OnDemandTlsGuard}) and nested JSON key paths
 * ({@link dev.hostpolicy.core.validate.KeyPathGuard}). Each returns a
 * {@link dev.hostpolicy.api.Decision} with a stable reason code; {@code require…} methods throw
 * {@link dev.hostpolicy.api.PolicyViolationException} instead.
 *
 * <pre>{@code
 * GitRemoteValidator.strict().require(url);                    // before `git clone -- url dir`
 * String id = Slugs.slugify("My Project!");                    // "my-project"
 * KeyPathGuard.defaults().checkTree(json).requireAllowed();    // before merging user JSON
 * }</pre>
 */
package dev.hostpolicy.core.validate;
