/**
 * HostPolicy's HTTP layer: the guard chain for a host's own local server, security headers, the
 * egress filtering proxy and adapters for the JDK HTTP server and Jakarta Servlet.
 *
 * <pre>{@code
 * module com.acme.host {
 *   requires dev.hostpolicy.http;
 * }
 * }</pre>
 */
module dev.hostpolicy.http {
  requires transitive dev.hostpolicy.core;

  // Packages are exported as their controls land (an exported package must hold a type).
  exports dev.hostpolicy.http.headers;
  exports dev.hostpolicy.http.proxy;
}
