/** Properties of the address and host policy ({@code dev.hostpolicy.core.net}) fed by the test kit's generators. */
package dev.hostpolicy.testkit.net;
