/**
 * HostPolicy's process layer: children started with a scrubbed environment, behind the egress proxy,
 * in their own process group, recorded for crash recovery.
 *
 * <pre>{@code
 * module com.acme.host {
 *   requires dev.hostpolicy.process;
 * }
 * }</pre>
 */
module dev.hostpolicy.process {
  requires transitive dev.hostpolicy.core;
  requires dev.hostpolicy.http;

  // Packages are exported as their controls land (an exported package must hold a type).
}
