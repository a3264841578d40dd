/**
 * The audit log: {@link dev.hostpolicy.core.audit.JsonlAuditSink} appends one JSON object per line to
 * {@code <data-dir>/audit/audit.jsonl} — whole lines, hash-chained, rotated by size, safe for several
 * threads and processes, with a chosen {@link dev.hostpolicy.core.audit.AuditDurability durability} —
 * and {@link dev.hostpolicy.core.audit.AuditLog} queries, tails and verifies it.
 * {@link dev.hostpolicy.core.audit.AuditSinks} finds sinks by id. The event catalogue is
 * {@link dev.hostpolicy.api.spi.AuditEvents}.
 *
 * <pre>{@code
 * try (JsonlAuditSink audit = JsonlAuditSink.open(dataDir, AuditOptions.defaults())) {
 *   audit.append(AuditEvents.runStart(runId).correlationId(cid).build());
 * }
 * AuditVerification v = AuditLog.at(dataDir).verify();
 * }</pre>
 */
package dev.hostpolicy.core.audit;
