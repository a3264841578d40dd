/**
 * Adversarial jqwik generators for HostPolicy controls and host plugins:
 * {@link dev.hostpolicy.testkit.PolicyArbitraries} (static factories) and annotations such as
 * {@link dev.hostpolicy.testkit.AdversarialSetting} that select them for {@code @ForAll} parameters.
 * Contract bases for the SPIs are in {@code dev.hostpolicy.testkit.contract}; fakes in
 * {@code dev.hostpolicy.testkit.fake}.
 *
 * <pre>{@code
 * @Property
 * void strict(@ForAll @AdversarialSetting String raw) { ... }
 * }</pre>
 */
package dev.hostpolicy.testkit;
