/**
 * The {@code hostpolicy} command line (picocli). The only HostPolicy module that prints. Every
 * command follows the CLI contract of DESIGN.md: exit 0 ok/allowed, 3 denied, 2 usage or
 * configuration error, 1 unexpected; data read from stdin byte for byte; secrets only from files or
 * named environment variables.
 *
 * <pre>{@code
 * int code = HostPolicyCli.run(CliContext.system(), "profiles");
 * }</pre>
 */
package dev.hostpolicy.cli;
