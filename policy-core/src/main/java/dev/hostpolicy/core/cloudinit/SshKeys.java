package dev.hostpolicy.core.cloudinit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/** Validation of one OpenSSH public key line: {@code type base64 [comment]}, no options. */
final class SshKeys {
  private SshKeys() {}

  static final Set<String> TYPES = Set.of(
      "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
      "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");

  static String check(String key) {
    Objects.requireNonNull(key, "key");
    Checks.line(key, "invalid-ssh-key", "an SSH key");
    if (key.length() > 16384) {
      throw Checks.violation("invalid-ssh-key", "an SSH key line is at most 16384 characters");
    }
    String[] parts = key.split(" ", 3);
    if (parts.length < 2 || !TYPES.contains(parts[0])) {
      throw Checks.violation("invalid-ssh-key",
          "an SSH key must be 'TYPE BASE64 [COMMENT]' with TYPE one of " + new java.util.TreeSet<>(TYPES)
              + " (authorized_keys options are not accepted)");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw Checks.violation("invalid-ssh-key", "the key data is not base64");
    }
    byte[] type = parts[0].getBytes(StandardCharsets.US_ASCII);
    if (blob.length < 4 + type.length + 4) {
      throw Checks.violation("invalid-ssh-key", "the key data is too short");
    }
    int len = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
    if (len != type.length || !java.util.Arrays.equals(blob, 4, 4 + len, type, 0, len)) {
      throw Checks.violation("invalid-ssh-key", "the key data does not match its type " + parts[0]);
    }
    return key;
  }
}
