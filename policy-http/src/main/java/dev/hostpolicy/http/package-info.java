/**
 * HTTP-facing controls: the guard chain a host puts in front of its local API, the egress filtering
 * proxy its children talk through, security headers, and adapters for common Java servers. The
 * controls arrive with their issues; the package exists so the module graph is complete.
 *
 * <pre>{@code
 * // see docs/http.md and docs/egress-proxy.md
 * }</pre>
 */
package dev.hostpolicy.http;
