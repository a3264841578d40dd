/** AddressResolver contract tests for HostPolicy's own resolvers and the test kit's fake. */
package dev.hostpolicy.testkit.resolver;
