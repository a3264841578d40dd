/**
 * A Devbox-style provisioner: exact escapers in its page, a strict nonce CSP, validated user input
 * and a typed cloud-init builder, and the on-demand-TLS ask check.
 *
 * <pre>{@code
 * try (DevboxHost host = DevboxHost.builder().tlsBaseDomain("dev.example.com").start()) {
 *   host.uri();
 * }
 * }</pre>
 */
package com.example.hosts.devbox;
