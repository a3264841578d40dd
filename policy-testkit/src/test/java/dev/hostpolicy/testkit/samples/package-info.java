/** Sample providers used by the discovery tests, registered per test through ScopedProviders. */
package dev.hostpolicy.testkit.samples;
