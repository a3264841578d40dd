package dev.hostpolicy.core.cloudinit;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code write_files} entry: an absolute path, text or binary content, and optionally owner,
 * permissions and {@code defer}. Immutable; each {@code with…} method returns a copy.
 *
 * <p>Rules (reason codes {@code cloudinit.*}): the path is absolute and normal — no empty,
 * {@code .} or {@code ..} segment, no control character ({@code invalid-path}); the owner is
 * {@code user} or {@code user:group} of portable names ({@code invalid-owner}); permissions are 3
 * or 4 octal digits, written as a quoted four-digit string such as {@code "0600"}
 * ({@code invalid-permissions}); text content is any Unicode text ({@code invalid-text} for a lone
 * surrogate), binary content is written base64-encoded with {@code encoding: "b64"}.
 * {@link #deferred()} writes {@code defer: true} so cloud-init writes the file in its final stage,
 * after users exist — needed when the owner is a user the same document creates.
 *
 * <pre>{@code
 * WriteFile env = WriteFile.text("/etc/app/env", "TOKEN_FILE=/run/secrets/t\n")
 *     .owner("app:app").permissions("0600").deferred();
 * WriteFile logo = WriteFile.binary("/srv/www/logo.png", pngBytes).permissions("644");
 * }</pre>
 */
public final class WriteFile {
  private final String path;
  private final String content;
  private final boolean base64;
  private final String owner;
  private final String permissions;
  private final boolean defer;

  private WriteFile(String path, String content, boolean base64, String owner, String permissions, boolean defer) {
    this.path = path;
    this.content = content;
    this.base64 = base64;
    this.owner = owner;
    this.permissions = permissions;
    this.defer = defer;
  }

  /**
   * A file with text content, written as UTF-8.
   *
   * @throws dev.hostpolicy.api.PolicyViolationException ({@code cloudinit.invalid-path},
   *     {@code cloudinit.invalid-text})
   */
  public static WriteFile text(String path, String content) {
    return new WriteFile(Checks.path(path), Checks.text(content, "content"), false, null, null, false);
  }

  /**
   * A file with binary content, carried base64-encoded.
   *
   * @throws dev.hostpolicy.api.PolicyViolationException ({@code cloudinit.invalid-path})
   */
  public static WriteFile binary(String path, byte[] content) {
    Objects.requireNonNull(content, "content");
    return new WriteFile(Checks.path(path), Base64.getEncoder().encodeToString(content), true, null, null, false);
  }

  /** A copy owned by {@code user} or {@code user:group}. */
  public WriteFile owner(String owner) {
    return new WriteFile(path, content, base64, Checks.owner(owner), permissions, defer);
  }

  /** A copy with these octal permissions ({@code 600}, {@code 0600}, {@code 4755}). */
  public WriteFile permissions(String octal) {
    return new WriteFile(path, content, base64, owner, Checks.permissions(octal), defer);
  }

  /** A copy written in cloud-init's final stage ({@code defer: true}), after users are created. */
  public WriteFile deferred() {
    return new WriteFile(path, content, base64, owner, permissions, true);
  }

  /** The absolute path. */
  public String path() {
    return path;
  }

  /** The owner, if set. */
  public Optional<String> owner() {
    return Optional.ofNullable(owner);
  }

  /** The four-digit octal permissions, if set. */
  public Optional<String> permissions() {
    return Optional.ofNullable(permissions);
  }

  /** Whether the content is binary (carried as base64). */
  public boolean binary() {
    return base64;
  }

  /** Whether the file is written in the final stage. */
  public boolean isDeferred() {
    return defer;
  }

  /** The content as it appears in the document: the text, or the base64 of the bytes. */
  String encodedContent() {
    return content;
  }

  /** Path and flags only; the content may be secret. */
  @Override
  public String toString() {
    return "WriteFile[" + path + (binary() ? ", binary" : "") + "]";
  }
}
