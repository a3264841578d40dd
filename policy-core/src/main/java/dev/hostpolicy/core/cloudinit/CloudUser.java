package dev.hostpolicy.core.cloudinit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the {@code users} list. Immutable; each method returns a copy.
 *
 * <p>Rules (reason codes {@code cloudinit.*}): the name is a portable user name
 * {@code [a-z_][a-z0-9_-]*}, at most 32 characters, and not cloud-init's keyword {@code default}
 * ({@code invalid-username}); groups are portable names ({@code invalid-group}); the shell is an
 * absolute path ({@code invalid-shell}); the sudo rule is one sudoers line — a newline or a
 * {@code \} would let the value add rules of its own ({@code invalid-sudo-rule}); gecos is one line
 * without {@code :} ({@code invalid-gecos}); each SSH key is one OpenSSH public key line
 * {@code TYPE BASE64 [COMMENT]} whose data matches its type, with no {@code authorized_keys}
 * options ({@code invalid-ssh-key}). cloud-init's default {@code lock_passwd: true} applies: the
 * user logs in with a key only.
 *
 * <pre>{@code
 * CloudUser dev = CloudUser.named("dev")
 *     .gecos("Dev Box")
 *     .shell("/bin/bash")
 *     .groups("docker", "sudo")
 *     .sudo("ALL=(ALL) NOPASSWD:ALL")
 *     .sshAuthorizedKeys("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... dev@laptop");
 * }</pre>
 */
public final class CloudUser {
  private final String name;
  private final String gecos;
  private final String shell;
  private final List<String> groups;
  private final String sudo;
  private final List<String> keys;

  private CloudUser(String name, String gecos, String shell, List<String> groups, String sudo, List<String> keys) {
    this.name = name;
    this.gecos = gecos;
    this.shell = shell;
    this.groups = List.copyOf(groups);
    this.sudo = sudo;
    this.keys = List.copyOf(keys);
  }

  /**
   * A user with this name and nothing else set.
   *
   * @throws dev.hostpolicy.api.PolicyViolationException ({@code cloudinit.invalid-username})
   */
  public static CloudUser named(String name) {
    Checks.posixName(name, "invalid-username");
    if (name.equals("default")) {
      throw Checks.violation("invalid-username", "'default' is cloud-init's keyword; use CloudConfig.Builder.keepDefaultUser()");
    }
    return new CloudUser(name, null, null, List.of(), null, List.of());
  }

  /** A copy with this gecos (full name) field. */
  public CloudUser gecos(String gecos) {
    return new CloudUser(name, Checks.gecos(gecos), shell, groups, sudo, keys);
  }

  /** A copy with this login shell. */
  public CloudUser shell(String shell) {
    return new CloudUser(name, gecos, Checks.shell(shell), groups, sudo, keys);
  }

  /** A copy that is also a member of these supplementary groups. */
  public CloudUser groups(String... groups) {
    List<String> all = new ArrayList<>(this.groups);
    for (String g : groups) {
      all.add(Checks.posixName(g, "invalid-group"));
    }
    return new CloudUser(name, gecos, shell, all, sudo, keys);
  }

  /** A copy with this sudoers rule, for example {@code ALL=(ALL) NOPASSWD:ALL}. */
  public CloudUser sudo(String rule) {
    return new CloudUser(name, gecos, shell, groups, Checks.sudo(rule), keys);
  }

  /** A copy that also authorizes these OpenSSH public keys. */
  public CloudUser sshAuthorizedKeys(String... keys) {
    List<String> all = new ArrayList<>(this.keys);
    for (String k : keys) {
      all.add(SshKeys.check(k));
    }
    return new CloudUser(name, gecos, shell, groups, sudo, all);
  }

  /** The user name. */
  public String name() {
    return name;
  }

  /** The gecos field, if set. */
  public Optional<String> gecos() {
    return Optional.ofNullable(gecos);
  }

  /** The login shell, if set. */
  public Optional<String> shell() {
    return Optional.ofNullable(shell);
  }

  /** The supplementary groups. */
  public List<String> groups() {
    return groups;
  }

  /** The sudo rule, if set. */
  public Optional<String> sudo() {
    return Optional.ofNullable(sudo);
  }

  /** The authorized public keys. */
  public List<String> sshAuthorizedKeys() {
    return keys;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CloudUser u && name.equals(u.name) && Objects.equals(gecos, u.gecos)
        && Objects.equals(shell, u.shell) && groups.equals(u.groups) && Objects.equals(sudo, u.sudo) && keys.equals(u.keys);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, gecos, shell, groups, sudo, keys);
  }

  @Override
  public String toString() {
    return "CloudUser[" + name + "]";
  }
}
