/**
 * The egress proxy's machinery (not exported): a strict HTTP/1.1 head reader, request and response
 * validation, chunked framing, the worker and tunnel loops, the watchdog that bounds every blocked
 * call. Use {@code dev.hostpolicy.http.proxy.EgressProxy}.
 *
 * <pre>{@code
 * // internal: see dev.hostpolicy.http.proxy.EgressProxy
 * }</pre>
 */
package dev.hostpolicy.http.internal.proxy;
