package dev.hostpolicy.http.headers;

import dev.hostpolicy.api.PolicyConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Content-Security-Policy, built from directives, with a strict default and per-response nonces.
 *
 * <p>{@link #strict()} is {@value #STRICT_TEXT}, with a nonce added to {@code script-src} and
 * {@code style-src} for each response ({@link #headerValue(CspNonce)}). The builder validates as it
 * goes and throws {@link PolicyConfigurationException} naming the directive ({@code csp.<name>}):
 * directive names are {@code [a-z][a-z0-9-]*}; a source expression is printable ASCII without
 * {@code ;} or {@code ,} (which would start another directive or another policy) and without
 * whitespace; keywords must be quoted ({@code self} unquoted means a host named "self");
 * {@code 'none'} cannot be combined with other sources.
 *
 * <p>Send it as the {@code Content-Security-Policy} response header: a {@code <meta>} policy
 * ignores {@code frame-ancestors}, {@code report-uri} and {@code sandbox}.
 *
 * <pre>{@code
 * ContentSecurityPolicy csp = ContentSecurityPolicy.strict().toBuilder()
 *     .addSources("img-src", "https://avatars.example.com")
 *     .addSources("connect-src", "wss://dev.example.com")
 *     .build();
 * CspNonce nonce = CspNonce.generate();
 * response.setHeader("Content-Security-Policy", csp.headerValue(nonce));
 * }</pre>
 */
public final class ContentSecurityPolicy {
  /** The strict default, without its per-response nonces. */
  public static final String STRICT_TEXT = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'; "
      + "frame-ancestors 'none'; object-src 'none'";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
  private static final Set<String> KEYWORDS = Set.of("self", "none", "unsafe-inline", "unsafe-eval", "strict-dynamic",
      "unsafe-hashes", "report-sample", "wasm-unsafe-eval", "unsafe-allow-redirects", "inline-speculation-rules");

  private static final ContentSecurityPolicy STRICT = parseStrict();

  private final Map<String, List<String>> directives;
  private final Set<String> nonceDirectives;

  private ContentSecurityPolicy(Map<String, List<String>> directives, Set<String> nonceDirectives) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    directives.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.directives = Collections.unmodifiableMap(copy);
    this.nonceDirectives = Collections.unmodifiableSet(new LinkedHashSet<>(nonceDirectives));
  }

  private static ContentSecurityPolicy parseStrict() {
    Builder b = new Builder();
    for (String directive : STRICT_TEXT.split("; ")) {
      String[] parts = directive.split(" ");
      b.directive(parts[0], java.util.Arrays.copyOfRange(parts, 1, parts.length));
    }
    return b.nonceIn("script-src", "style-src").build();
  }

  /** The strict default policy, with nonces in {@code script-src} and {@code style-src}. */
  public static ContentSecurityPolicy strict() {
    return STRICT;
  }

  /** An empty builder (no directive, no nonce). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy's directives and nonce settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    directives.forEach((k, v) -> b.directive(k, v.toArray(String[]::new)));
    b.nonceDirectives.addAll(nonceDirectives);
    return b;
  }

  /** The directives in order, each with its sources. */
  public Map<String, List<String>> directives() {
    return directives;
  }

  /** The sources of one directive, if present. */
  public Optional<List<String>> sources(String directive) {
    return Optional.ofNullable(directives.get(directive));
  }

  /** The directives that receive the per-response nonce. */
  public Set<String> nonceDirectives() {
    return nonceDirectives;
  }

  /** The header value without nonces. */
  public String headerValue() {
    return render(null);
  }

  /** The header value with {@code nonce} added to the nonce directives that are present. */
  public String headerValue(CspNonce nonce) {
    return render(Objects.requireNonNull(nonce, "nonce"));
  }

  private String render(CspNonce nonce) {
    StringBuilder sb = new StringBuilder(256);
    directives.forEach((name, sources) -> {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(name);
      for (String s : sources) {
        sb.append(' ').append(s);
      }
      if (nonce != null && nonceDirectives.contains(name) && !sources.contains("'none'")) {
        sb.append(' ').append(nonce.sourceExpression());
      }
    });
    return sb.toString();
  }

  @Override
  public String toString() {
    return headerValue();
  }

  /**
   * Builds a {@link ContentSecurityPolicy}.
   *
   * <pre>{@code
   * ContentSecurityPolicy csp = ContentSecurityPolicy.builder()
   *     .directive("default-src", "'self'")
   *     .directive("frame-ancestors", "'none'")
   *     .nonceIn("script-src")
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final Map<String, List<String>> directives = new LinkedHashMap<>();
    private final Set<String> nonceDirectives = new LinkedHashSet<>();

    private Builder() {}

    /** Sets a directive to exactly these sources (none for a flag such as {@code upgrade-insecure-requests}). */
    public Builder directive(String name, String... sources) {
      checkName(name);
      List<String> list = new ArrayList<>();
      for (String s : sources) {
        list.add(checkSource(name, s));
      }
      if (list.contains("'none'") && list.size() > 1) {
        throw new PolicyConfigurationException("csp." + name, "'none' cannot be combined with other sources");
      }
      directives.put(name, list);
      return this;
    }

    /** Adds sources to a directive (replacing a lone {@code 'none'}); creates the directive if absent. */
    public Builder addSources(String name, String... sources) {
      checkName(name);
      List<String> list = new ArrayList<>(directives.getOrDefault(name, List.of()));
      list.remove("'none'");
      for (String s : sources) {
        String src = checkSource(name, s);
        if (!list.contains(src)) {
          list.add(src);
        }
      }
      return directive(name, list.toArray(String[]::new));
    }

    /** Removes a directive. */
    public Builder remove(String name) {
      directives.remove(name);
      nonceDirectives.remove(name);
      return this;
    }

    /** Adds the per-response nonce to these directives (when present and not {@code 'none'}). */
    public Builder nonceIn(String... names) {
      for (String n : names) {
        checkName(n);
        nonceDirectives.add(n);
      }
      return this;
    }

    /** Adds no nonce to any directive. */
    public Builder noNonce() {
      nonceDirectives.clear();
      return this;
    }

    /**
     * The policy.
     *
     * @throws PolicyConfigurationException if it has no directive
     */
    public ContentSecurityPolicy build() {
      if (directives.isEmpty()) {
        throw new PolicyConfigurationException("csp", "a policy needs at least one directive");
      }
      return new ContentSecurityPolicy(directives, nonceDirectives);
    }

    private static void checkName(String name) {
      Objects.requireNonNull(name, "directive name");
      if (!NAME.matcher(name).matches() || name.length() > 64) {
        throw new PolicyConfigurationException("csp", "malformed directive name; directive names are [a-z][a-z0-9-]*");
      }
    }

    private static String checkSource(String directive, String source) {
      Objects.requireNonNull(source, "source");
      if (source.isEmpty() || source.length() > 2048) {
        throw new PolicyConfigurationException("csp." + directive, "a source expression must be 1-2048 characters");
      }
      for (int i = 0; i < source.length(); i++) {
        char c = source.charAt(i);
        if (c <= 0x20 || c >= 0x7f || c == ';' || c == ',') {
          throw new PolicyConfigurationException("csp." + directive, String.format(
              "a source expression must be printable ASCII without whitespace, ';' or ','; found U+%04X", (int) c));
        }
      }
      if (KEYWORDS.contains(source)) {
        throw new PolicyConfigurationException("csp." + directive,
            "keyword '" + source + "' must be quoted: \"'" + source + "'\"");
      }
      if (source.startsWith("'") != source.endsWith("'") || (source.startsWith("'") && source.length() < 3)) {
        throw new PolicyConfigurationException("csp." + directive, "unbalanced quotes in a source expression");
      }
      return source;
    }
  }
}
