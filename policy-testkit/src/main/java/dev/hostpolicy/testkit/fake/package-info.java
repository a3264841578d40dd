/**
 * Fakes for deterministic tests: {@link dev.hostpolicy.testkit.fake.FakeTimeSource} (time moves only
 * when the test says so), {@link dev.hostpolicy.testkit.fake.RecordingDraft} (a policy draft that
 * records which changes loosen a rule) and {@link dev.hostpolicy.testkit.fake.ScopedProviders}
 * (ServiceLoader registrations for one test). The scripted DNS resolver and the in-memory audit sink join
 * with their controls.
 *
 * <pre>{@code
 * FakeTimeSource time = FakeTimeSource.create();
 * time.advance(Duration.ofSeconds(1));
 * }</pre>
 */
package dev.hostpolicy.testkit.fake;
