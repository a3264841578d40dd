/**
 * HostPolicy's process layer: children started with a scrubbed environment, behind the egress proxy,
 * in their own process group; provider manifests.
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
  requires com.fasterxml.jackson.databind; // provider manifests

  exports dev.hostpolicy.process;
  exports dev.hostpolicy.process.manifest;
  exports dev.hostpolicy.process.recovery;
}
