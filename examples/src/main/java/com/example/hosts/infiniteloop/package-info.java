/**
 * An Infinite-Loop-style agent runner: API token or loopback, bearer auth and a browser login,
 * GitHub webhooks, login and webhook rate limits, agent children scrubbed and behind the egress
 * proxy, an audit log, secrets at rest owner-only. {@code hostpolicy demo} runs it.
 *
 * <pre>{@code
 * try (InfiniteLoopHost host = InfiniteLoopHost.builder(dataDir).start()) {
 *   host.uri();             // http://127.0.0.1:PORT/
 * }
 * }</pre>
 */
package com.example.hosts.infiniteloop;
