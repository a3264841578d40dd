package dev.hostpolicy.core.cloudinit;

import dev.hostpolicy.api.PolicyViolationException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The value rules of the cloud-config builder; each failure is a violation with a reason code. */
final class Checks {
  private Checks() {}

  private static final Pattern POSIX_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,30}[$]?");
  private static final Pattern SHELL = Pattern.compile("/[A-Za-z0-9._+/-]{1,255}");

  static PolicyViolationException violation(String what, String detail) {
    return new PolicyViolationException("cloudinit." + what, detail);
  }

  /** Rejects lone surrogates: Unicode text only. */
  static String text(String value, String field) {
    Objects.requireNonNull(value, field);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw violation("invalid-text", field + " holds a lone surrogate at index " + i);
      }
    }
    return value;
  }

  /** Text for a one-line field: Unicode, and no C0/DEL/C1 control or line separator. */
  static String line(String value, String what, String field) {
    text(value, field);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
        throw violation(what, field + " holds a control character at index " + i);
      }
    }
    return value;
  }

  static String path(String path) {
    line(Objects.requireNonNull(path, "path"), "invalid-path", "path");
    if (!path.startsWith("/") || path.length() < 2 || path.length() > 4096) {
      throw violation("invalid-path", "the path must be absolute, 2-4096 characters");
    }
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw violation("invalid-path", "the path must be normal: no empty, '.' or '..' segment, no trailing '/'");
      }
    }
    return path;
  }

  static String posixName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (!POSIX_NAME.matcher(name).matches()) {
      throw violation(what, "not a portable user or group name [a-z_][a-z0-9_-]*, at most 32 characters");
    }
    return name;
  }

  static String owner(String owner) {
    Objects.requireNonNull(owner, "owner");
    int colon = owner.indexOf(':');
    if (colon < 0) {
      posixName(owner, "invalid-owner");
    } else {
      posixName(owner.substring(0, colon), "invalid-owner");
      posixName(owner.substring(colon + 1), "invalid-owner");
    }
    return owner;
  }

  /** {@code 600}, {@code 0600} or {@code 4755}: normalised to four octal digits. */
  static String permissions(String mode) {
    Objects.requireNonNull(mode, "permissions");
    if (!mode.matches("[0-7]{3,4}")) {
      throw violation("invalid-permissions", "permissions must be 3 or 4 octal digits, such as 0600");
    }
    return mode.length() == 3 ? "0" + mode : mode;
  }

  static String shell(String shell) {
    Objects.requireNonNull(shell, "shell");
    if (!SHELL.matcher(shell).matches() || shell.contains("/../") || shell.endsWith("/..")) {
      throw violation("invalid-shell", "the shell must be an absolute path of [A-Za-z0-9._+/-]");
    }
    return shell;
  }

  static String sudo(String rule) {
    line(Objects.requireNonNull(rule, "sudo"), "invalid-sudo-rule", "sudo");
    if (rule.isBlank() || rule.length() > 1024 || rule.indexOf('\\') >= 0) {
      throw violation("invalid-sudo-rule", "a sudo rule is one non-blank sudoers line without '\\', at most 1024 characters");
    }
    return rule;
  }

  static String gecos(String gecos) {
    line(Objects.requireNonNull(gecos, "gecos"), "invalid-gecos", "gecos");
    if (gecos.length() > 256 || gecos.indexOf(':') >= 0) {
      throw violation("invalid-gecos", "gecos must be one line without ':', at most 256 characters");
    }
    return gecos;
  }
}
