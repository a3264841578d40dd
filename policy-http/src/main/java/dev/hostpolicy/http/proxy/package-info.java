/**
 * The per-run egress filtering proxy: {@link dev.hostpolicy.http.proxy.EgressProxy} listens on
 * 127.0.0.1, decides every CONNECT and absolute-form HTTP request with an egress policy, connects only
 * to the decision's pinned addresses, audits every decision and fails closed. See
 * {@code docs/egress-proxy.md}.
 *
 * <pre>{@code
 * EgressProxy proxy = EgressProxy.builder()
 *     .policy(EgressPolicy.builder().allow("api.github.com"))
 *     .auditSink(sink)
 *     .build();
 * proxy.start();
 * proxy.exportTo(processBuilder.environment());
 * }</pre>
 */
package dev.hostpolicy.http.proxy;
