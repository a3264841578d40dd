package dev.hostpolicy.core.audit;

import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@link JsonlAuditSink} as {@link java.util.ServiceLoader} finds it (id {@value JsonlAuditSink#ID}).
 * A service provider is created without arguments, but the JSONL sink needs the host's data
 * directory, so the discovered instance is <em>unbound</em>: it lists the sink by id and opens the real
 * one with {@link #open(Path, AuditOptions)} (which {@link AuditSinks#open} calls). Appending to the
 * unbound instance throws, so a host that forgot to bind it fails closed instead of auditing nothing.
 *
 * <pre>{@code
 * AuditSink audit = AuditSinks.open("jsonl", dataDir, policy.auditOptions());
 * }</pre>
 */
public final class JsonlAuditSinkProvider implements AuditSink {

  /** Created by {@link java.util.ServiceLoader}. */
  public JsonlAuditSinkProvider() {}

  @Override
  public String id() {
    return JsonlAuditSink.ID;
  }

  /** Opens the sink in {@code dataDir/audit}; see {@link JsonlAuditSink#open}. */
  public JsonlAuditSink open(Path dataDir, AuditOptions options) throws IOException {
    return JsonlAuditSink.open(dataDir, options);
  }

  /**
   * Always throws: this instance is not bound to a directory.
   *
   * @throws IllegalStateException always
   */
  @Override
  public void append(AuditEvent event) {
    throw new IllegalStateException("the discovered jsonl audit sink is unbound: open it with AuditSinks.open(\"jsonl\", dataDir, options) "
        + "or JsonlAuditSink.open(dataDir, options)");
  }

  @Override
  public String toString() {
    return "JsonlAuditSinkProvider[unbound]";
  }
}
