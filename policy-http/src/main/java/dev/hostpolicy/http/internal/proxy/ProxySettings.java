package dev.hostpolicy.http.internal.proxy;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.AuditSink;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the proxy engine needs besides the egress policy; validated by the public builder.
 *
 * <pre>{@code
 * ProxySettings s = new ProxySettings(AuditSink.discarding(), "run-1", Optional.empty(), 32 * 1024, 1024,
 *     Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(30), TimeSource.system(),
 *     64 * 1024, 2, Connector.DIRECT, 250);
 * }</pre>
 *
 * @param audit where every decision goes
 * @param runId the run the proxy serves, in every audit event
 * @param token the proxy token, when proxy authentication is required
 * @param maxHeaderBytes longest request header section
 * @param maxConnections most client connections (tunnels included) at once
 * @param connectTimeout longest connect to the validated addresses, all together
 * @param idleTimeout longest time without a byte on a tunnel or keep-alive connection
 * @param headerTimeout longest time from a request's first byte to the end of its head
 * @param time the clock deadlines are judged by
 * @param bufferBytes size of each tunnel buffer
 * @param ioThreads selector threads moving tunnel bytes
 * @param connector where to dial for a validated address
 * @param tickMillis how often deadlines are checked
 */
public record ProxySettings(AuditSink audit, String runId, Optional<Secret> token, int maxHeaderBytes, int maxConnections,
    Duration connectTimeout, Duration idleTimeout, Duration headerTimeout, TimeSource time, int bufferBytes,
    int ioThreads, Connector connector, long tickMillis) {
  /** Checks for nulls. */
  public ProxySettings {
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(connector, "connector");
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "ProxySettings[run=" + runId + ", auth=" + token.isPresent() + ", maxHeaderBytes=" + maxHeaderBytes
        + ", maxConnections=" + maxConnections + ", connectTimeout=" + connectTimeout + ", idleTimeout=" + idleTimeout
        + ", headerTimeout=" + headerTimeout + ", bufferBytes=" + bufferBytes + ", ioThreads=" + ioThreads + "]";
  }
}
