/**
 * Address and host policy: strict IP literals ({@link dev.hostpolicy.core.net.IpAddress}), IANA
 * special-purpose classification with embedded-IPv4 unwrapping
 * ({@link dev.hostpolicy.core.net.AddressClassifier}), egress targets and allowlist patterns, the
 * egress decision with resolve-once address pinning ({@link dev.hostpolicy.core.net.EgressPolicy}),
 * and the local-server guards: {@link dev.hostpolicy.core.net.BindGuard},
 * {@link dev.hostpolicy.core.net.LoopbackAddress} with {@link dev.hostpolicy.core.net.PortFallback},
 * and {@link dev.hostpolicy.core.net.HostHeaderGuard}.
 *
 * <p>Nothing here hands untrusted text to {@code InetAddress.getByName}; addresses become
 * {@code InetAddress} objects only through {@code InetAddress.getByAddress}.
 *
 * <pre>{@code
 * EgressPolicy egress = EgressPolicy.builder().allow("api.github.com").build();
 * EgressDecision d = egress.check("https://api.github.com/");
 * BindDecision bind = BindGuard.forNamespace("INFLOOP").check("127.0.0.1:8080", false, false);
 * }</pre>
 */
package dev.hostpolicy.core.net;
