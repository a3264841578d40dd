/**
 * Fakes for deterministic tests: {@link dev.hostpolicy.testkit.fake.FakeTimeSource} (time moves only
 * when the test says so), {@link dev.hostpolicy.testkit.fake.RecordingDraft} (a policy draft that
 * records which changes loosen a rule), {@link dev.hostpolicy.testkit.fake.ScopedProviders}
 * (ServiceLoader registrations for one test), {@link dev.hostpolicy.testkit.fake.ScriptedResolver}
 * (DNS answers per host and per call) and {@link dev.hostpolicy.testkit.fake.InMemoryAuditSink} (audit
 * events in memory, failing on any generated secret).
 *
 * <pre>{@code
 * FakeTimeSource time = FakeTimeSource.create();
 * time.advance(Duration.ofSeconds(1));
 * }</pre>
 */
package dev.hostpolicy.testkit.fake;
