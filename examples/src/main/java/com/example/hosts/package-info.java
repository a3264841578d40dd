/**
 * Example hosts, one per host style, written the way a host application would write them: only
 * HostPolicy's public API and SPI, nothing security-relevant by hand. Each sub-package is one host;
 * {@code docs/recipes/} maps each style's security model to these calls.
 *
 * <pre>{@code
 * try (InfiniteLoopHost host = InfiniteLoopHost.builder(dataDir).start()) {
 *   System.out.println(host.uri());
 * }
 * }</pre>
 */
package com.example.hosts;
