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
  requires transitive jdk.httpserver; // the JDK adapter's types appear in its API
  requires static jakarta.servlet; // provided by the host's servlet container (not transitive: hosts without servlets need not have it)
  requires re2j; // linear-time payload patterns (automatic module of com.google.re2j:re2j)

  // Packages are exported as their controls land (an exported package must hold a type).
  exports dev.hostpolicy.http;
  exports dev.hostpolicy.http.headers;
  exports dev.hostpolicy.http.jdk;
  exports dev.hostpolicy.http.proxy;
  exports dev.hostpolicy.http.servlet;
}
