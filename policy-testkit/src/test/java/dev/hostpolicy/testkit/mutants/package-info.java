/**
 * Tests of the test kit itself: every SPI contract, run against a deliberately broken implementation,
 * must fail — and fail in the property that describes the bug.
 */
package dev.hostpolicy.testkit.mutants;
