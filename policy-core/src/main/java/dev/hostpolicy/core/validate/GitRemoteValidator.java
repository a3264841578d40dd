package dev.hostpolicy.core.validate;

import dev.hostpolicy.api.Decision;
import java.util.Objects;

/**
 * Validates a git remote URL before a host hands it to {@code git clone} or {@code git fetch}.
 *
 * <p>Accepted forms: {@code https://host[:port]/path}, {@code ssh://[user@]host[:port]/path} and
 * the scp-like {@code [user@]host:path}; {@code http://} and credentials embedded in the URL only
 * when the builder allows them. Everything else is denied, with these reason codes (checked in
 * this order):
 *
 * <ul>
 *   <li>{@code validate.git-url.empty}, {@code validate.git-url.too-long} (over
 *       {@link Builder#maxLength(int)}, 2048 by default);
 *   <li>{@code validate.git-url.option-injection}: a leading {@code -} (git would read the URL as
 *       an option), or a user or host starting with {@code -} ({@code ssh://-oProxyCommand=…},
 *       CVE-2017-1000117), or an scp-like path starting with {@code -};
 *   <li>{@code validate.git-url.transport}: a remote-helper address {@code <transport>::…}
 *       ({@code ext::sh -c …}, {@code fd::3}) or {@code file://};
 *   <li>{@code validate.git-url.whitespace}, {@code validate.git-url.control-character} (C0, DEL,
 *       C1, U+2028/U+2029, surrogates and Unicode format characters such as bidi overrides),
 *       {@code validate.git-url.non-ascii} (anything else outside printable ASCII; IDN hosts must be
 *       given in their {@code xn--} form);
 *   <li>{@code validate.git-url.local-path}: a local path ({@code /srv/repo}, {@code ../x},
 *       {@code ~/x}), which git would open on the host's own disk;
 *   <li>{@code validate.git-url.scheme}: any other scheme ({@code git://}, {@code ftp://},
 *       upper-case {@code HTTPS://} that git would hand to a helper);
 *   <li>{@code validate.git-url.insecure-http}: {@code http://} unless allowed;
 *   <li>{@code validate.git-url.credentials}: a password in the URL (or, for http/https, any user
 *       info, which is how tokens travel) unless allowed;
 *   <li>{@code validate.git-url.malformed}: a bad host, port, user or an empty path.
 * </ul>
 *
 * <p>Still pass the URL after {@code --} ({@code git clone -- URL DIR}) as a second line of
 * defence.
 *
 * <pre>{@code
 * GitRemoteValidator git = GitRemoteValidator.strict();
 * git.check("git@github.com:acme/app.git").allowed();          // true
 * git.check("ext::sh -c touch% /tmp/pwned").reason();          // validate.git-url.transport
 * git.check("--upload-pack=touch /tmp/pwned").reason();        // validate.git-url.option-injection
 * GitRemoteValidator.builder().allowHttp(true).build().check("http://git.local/x.git").allowed(); // true
 * }</pre>
 */
public final class GitRemoteValidator {
  private static final String PREFIX = "validate.git-url.";
  private static final GitRemoteValidator STRICT = builder().build();

  private final boolean allowHttp;
  private final boolean allowCredentials;
  private final int maxLength;

  private GitRemoteValidator(Builder b) {
    this.allowHttp = b.allowHttp;
    this.allowCredentials = b.allowCredentials;
    this.maxLength = b.maxLength;
  }

  /** The strict validator: https, ssh and scp-like only, no credentials, at most 2048 characters. */
  public static GitRemoteValidator strict() {
    return STRICT;
  }

  /** A builder starting from the strict defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Checks {@code url}; never throws. */
  public Decision check(String url) {
    Objects.requireNonNull(url, "url");
    if (url.isEmpty()) {
      return deny("empty", "the URL is empty");
    }
    if (url.length() > maxLength) {
      return deny("too-long", "the URL is longer than " + maxLength + " characters");
    }
    if (url.charAt(0) == '-') {
      return deny("option-injection", "a URL starting with '-' would be read by git as an option");
    }
    int helper = schemeLength(url);
    if (helper > 0 && url.startsWith("::", helper)) {
      return deny("transport", "remote-helper transport '" + url.substring(0, helper) + "::' is not allowed");
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c > 0x20 && c < 0x7f) {
        continue;
      }
      if (c == ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return deny("whitespace", "whitespace at index " + i);
      }
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
          || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
        return deny("control-character", String.format("control or format character U+%04X at index %d", (int) c, i));
      }
      return deny("non-ascii", String.format("non-ASCII character U+%04X at index %d", (int) c, i));
    }
    int sep = url.indexOf("://");
    if (sep >= 0 && helper == sep) {
      return checkUrl(url, url.substring(0, sep), url.substring(sep + 3));
    }
    int colon = url.indexOf(':');
    int slash = url.indexOf('/');
    if (colon < 0 || (slash >= 0 && slash < colon)) {
      return deny("local-path", "a local path; only remote URLs are allowed");
    }
    return checkScpLike(url, colon);
  }

  /**
   * Returns {@code url} if it is allowed.
   *
   * @throws dev.hostpolicy.api.PolicyViolationException with the denial's reason code
   */
  public String require(String url) {
    check(url).requireAllowed();
    return url;
  }

  private Decision checkUrl(String url, String scheme, String rest) {
    switch (scheme) {
      case "https", "ssh" -> { }
      case "http" -> {
        if (!allowHttp) {
          return deny("insecure-http", "http:// sends the repository in clear text; use https://");
        }
      }
      case "file" -> {
        return deny("transport", "file:// reads the host's own disk");
      }
      default -> {
        return deny("scheme", "scheme '" + scheme + "' is not allowed; use https:// or ssh://");
      }
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    int at = authority.lastIndexOf('@');
    String hostPort = authority.substring(at + 1);
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      boolean web = !scheme.equals("ssh");
      if (userInfo.startsWith("-")) {
        return deny("option-injection", "a user name starting with '-' would be read by ssh as an option");
      }
      if ((web || userInfo.indexOf(':') >= 0) && !allowCredentials) {
        return deny("credentials", "credentials embedded in the URL; pass them through a credential helper");
      }
      if (!web && userInfo.indexOf(':') < 0 && !isUser(userInfo)) {
        return deny("malformed", "malformed user name");
      }
    }
    String host = hostPort;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0 || !isIpv6(hostPort.substring(1, close))) {
        return deny("malformed", "malformed IPv6 host");
      }
      host = hostPort.substring(0, close + 1);
    } else {
      int colon = hostPort.indexOf(':');
      if (colon >= 0) {
        host = hostPort.substring(0, colon);
      }
    }
    if (host.startsWith("-")) {
      return deny("option-injection", "a host starting with '-' would be read by ssh as an option");
    }
    if (!host.startsWith("[") && !isHostName(host)) {
      return deny("malformed", "malformed host name");
    }
    if (hostPort.length() > host.length()) {
      String port = hostPort.substring(host.length());
      if (!port.startsWith(":") || !isPort(port.substring(1))) {
        return deny("malformed", "malformed port");
      }
    }
    if (path.length() < 2) {
      return deny("malformed", "the URL has no repository path");
    }
    return Decision.allow();
  }

  private Decision checkScpLike(String url, int colon) {
    String userHost = url.substring(0, colon);
    String path = url.substring(colon + 1);
    int at = userHost.lastIndexOf('@');
    String host = userHost.substring(at + 1);
    if (at >= 0) {
      String user = userHost.substring(0, at);
      if (user.startsWith("-")) {
        return deny("option-injection", "a user name starting with '-' would be read by ssh as an option");
      }
      if (!isUser(user)) {
        return deny("malformed", "malformed user name");
      }
    }
    if (host.startsWith("-")) {
      return deny("option-injection", "a host starting with '-' would be read by ssh as an option");
    }
    int slash = path.indexOf('/');
    String head = slash < 0 ? path : path.substring(0, slash);
    int pathAt = head.indexOf('@');
    if (pathAt >= 0 && head.indexOf(':', pathAt) > 0 && !allowCredentials) {
      // user:password@host:path — git would take "user" for the host and leak the password
      return deny("credentials", "credentials embedded in the URL; pass them through a credential helper");
    }
    if (!isHostName(host)) {
      return deny("malformed", "malformed host name");
    }
    if (path.isEmpty()) {
      return deny("malformed", "the URL has no repository path");
    }
    if (path.startsWith("-")) {
      return deny("option-injection", "a repository path starting with '-' would be read as an option");
    }
    return Decision.allow();
  }

  /** Length of a leading {@code [A-Za-z][A-Za-z0-9+.-]*}, git's URL-scheme characters; 0 if none. */
  private static int schemeLength(String s) {
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-'));
      if (!ok) {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean isUser(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
          || (c == '-' && i > 0))) {
        return false;
      }
    }
    return true;
  }

  static boolean isHostName(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      if (!isLabel(label, false)) {
        return false;
      }
    }
    return true;
  }

  /** An LDH label: 1–63 letters, digits and inner hyphens (lower case only if {@code lower}). */
  static boolean isLabel(String label, boolean lower) {
    int n = label.length();
    if (n == 0 || n > 63 || label.charAt(0) == '-' || label.charAt(n - 1) == '-') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = label.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (!lower && c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String s) {
    if (s.isEmpty() || s.length() > 45 || s.indexOf(':') < 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPort(String s) {
    if (s.isEmpty() || s.length() > 5 || s.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return Integer.parseInt(s) <= 65535;
  }

  private static Decision deny(String what, String detail) {
    return Decision.deny(PREFIX + what, detail);
  }

  /**
   * Options of a {@link GitRemoteValidator}.
   *
   * <pre>{@code
   * GitRemoteValidator v = GitRemoteValidator.builder().allowHttp(true).maxLength(512).build();
   * }</pre>
   */
  public static final class Builder {
    private boolean allowHttp;
    private boolean allowCredentials;
    private int maxLength = 2048;

    private Builder() {}

    /** Whether {@code http://} URLs are accepted (default no). */
    public Builder allowHttp(boolean allow) {
      this.allowHttp = allow;
      return this;
    }

    /** Whether credentials embedded in the URL are accepted (default no). */
    public Builder allowCredentials(boolean allow) {
      this.allowCredentials = allow;
      return this;
    }

    /** The longest URL accepted, 1–65536 (default 2048). */
    public Builder maxLength(int chars) {
      if (chars < 1 || chars > 65536) {
        throw new IllegalArgumentException("maxLength must be 1..65536");
      }
      this.maxLength = chars;
      return this;
    }

    /** The validator. */
    public GitRemoteValidator build() {
      return new GitRemoteValidator(this);
    }
  }
}
