package dev.hostpolicy.core.env;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Decides which environment variables a child process inherits: a fixed base allowlist, the
 * passthrough entries the host configured (operator setting {@code <NS>_CHILD_ENV_PASSTHROUGH}, a
 * provider manifest's {@code envPassthrough}), never the host's own namespace {@code <NS>_*}, and
 * then — by name, after scrubbing — the variables the host injects on purpose.
 *
 * <p>The rule, for each parent variable in turn:
 *
 * <ol>
 *   <li>a name that is empty or holds {@code =} or NUL, or a value that holds NUL, is removed (no
 *       process could receive it intact);
 *   <li>a name in the host namespace — {@code NS_} followed by anything, compared ignoring ASCII case
 *       on every platform — is removed, even when a passthrough entry names it;
 *   <li>a name on the {@linkplain #BASE_POSIX base allowlist} is kept: {@code PATH}, {@code HOME},
 *       {@code USER}, {@code LOGNAME}, {@code SHELL}, {@code TERM}, {@code LANG}, {@code LANGUAGE},
 *       {@code LC_*}, {@code TZ}, {@code TMPDIR}, {@code TMP}, {@code TEMP}, {@code SSL_CERT_FILE},
 *       {@code SSL_CERT_DIR} and the proxy variables {@code HTTP_PROXY}, {@code HTTPS_PROXY},
 *       {@code ALL_PROXY}, {@code NO_PROXY} in upper and lower case; on {@link Platform#WINDOWS} also
 *       the {@linkplain #BASE_WINDOWS Windows essentials}, and every comparison ignores ASCII case
 *       (only ASCII: a dotless {@code ı} or a Kelvin sign never folds to a Latin letter);
 *   <li>a name a passthrough entry selects is kept: an exact name, or {@code PREFIX*} for names
 *       starting with the prefix that are portable names ({@code [A-Za-z_][A-Za-z0-9_]*}) — a
 *       wildcard never selects a name with other characters;
 *   <li>everything else is removed.
 * </ol>
 *
 * Injected variables (event URLs, a per-run token) are then put in by name, replacing a kept variable
 * of the same name; they are the host's explicit choice, so the namespace rule does not apply to them.
 * The {@link ScrubResult} reports removed <em>names</em>, never values. Instances are immutable and
 * thread-safe.
 *
 * <pre>{@code
 * EnvironmentScrubber scrubber = EnvironmentScrubber.builder()
 *     .namespace("INFLOOP")                      // INFLOOP_* never reaches a child
 *     .passthrough("GITHUB_TOKEN", "AWS_*")      // a bare "*" or a malformed entry throws
 *     .build();
 * ScrubResult result = scrubber.scrub(System.getenv(), Map.of("INFLOOP_EVENT_URL", eventUrl));
 * ProcessBuilder child = new ProcessBuilder("npm", "test");
 * result.applyTo(child.environment());
 * }</pre>
 */
public final class EnvironmentScrubber {
  private static final System.Logger LOG = System.getLogger(EnvironmentScrubber.class.getName());
  private static final Pattern NAMESPACE = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*");

  /** The platform-neutral base allowlist (exact names; {@code LC_} is matched as a prefix). */
  public static final List<String> BASE_POSIX = List.of(
      "PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "LANG", "LANGUAGE", "LC_*", "TZ",
      "TMPDIR", "TMP", "TEMP", "SSL_CERT_FILE", "SSL_CERT_DIR",
      "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy");

  /** The Windows essentials added on {@link Platform#WINDOWS} (compared ignoring case). */
  public static final List<String> BASE_WINDOWS = List.of(
      "SystemRoot", "SystemDrive", "ComSpec", "PATHEXT", "WINDIR", "USERPROFILE", "USERNAME", "USERDOMAIN",
      "APPDATA", "LOCALAPPDATA", "ProgramData", "ProgramFiles", "ProgramFiles(x86)", "ProgramW6432",
      "CommonProgramFiles", "CommonProgramFiles(x86)", "CommonProgramW6432", "HOMEDRIVE", "HOMEPATH",
      "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE", "OS", "COMPUTERNAME");

  /** Which naming rules apply: POSIX names are case-sensitive, Windows names are not. */
  public enum Platform {
    /** Linux, macOS, the BSDs: case-sensitive names, POSIX base allowlist. */
    POSIX,
    /** Windows: names compared ignoring case; the Windows essentials are added to the base allowlist. */
    WINDOWS;

    /** The platform this JVM runs on. */
    public static Platform current() {
      return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? WINDOWS : POSIX;
    }
  }

  private final Optional<String> namespace;
  private final List<PassthroughPattern> passthrough;
  private final Platform platform;
  /** Folded exact names that pass: the base allowlist and the exact passthrough entries. */
  private final Set<String> exact;
  /** Folded wildcard prefixes ({@code LC_} and the passthrough's). */
  private final String[] prefixes;
  /** {@code NS_} in upper case, or null. */
  private final String namespacePrefix;

  private EnvironmentScrubber(Builder b) {
    this.namespace = Optional.ofNullable(b.namespace);
    this.passthrough = List.copyOf(b.passthrough.values());
    this.platform = b.platform;
    this.namespacePrefix = b.namespace == null ? null : b.namespace + "_";
    Set<String> names = new HashSet<>();
    List<String> wild = new ArrayList<>();
    for (String n : BASE_POSIX) {
      if (n.endsWith("*")) {
        wild.add(fold(n.substring(0, n.length() - 1)));
      } else {
        names.add(fold(n));
      }
    }
    if (platform == Platform.WINDOWS) {
      for (String n : BASE_WINDOWS) {
        names.add(fold(n));
      }
    }
    for (PassthroughPattern p : passthrough) {
      if (p.wildcard()) {
        wild.add(fold(p.prefix()));
      } else {
        names.add(fold(p.prefix()));
      }
    }
    this.exact = Set.copyOf(names);
    this.prefixes = wild.toArray(String[]::new);
  }

  /** A builder: no namespace, no passthrough, the current platform. */
  public static Builder builder() {
    return new Builder();
  }

  /** The namespace whose variables never pass. */
  public Optional<String> namespace() {
    return namespace;
  }

  /** The passthrough entries, in the order given, without duplicates. */
  public List<PassthroughPattern> passthrough() {
    return passthrough;
  }

  /** The platform whose naming rules apply. */
  public Platform platform() {
    return platform;
  }

  /** Scrubs {@code parent}, injecting nothing. */
  public ScrubResult scrub(Map<String, String> parent) {
    return scrub(parent, Map.of());
  }

  /**
   * Scrubs {@code parent} (which is not modified), then puts in {@code injections} by name.
   *
   * @throws IllegalArgumentException if an injected name is empty or holds {@code =} or NUL, or an
   *     injected value holds NUL (the message names the variable, never its value)
   */
  public ScrubResult scrub(Map<String, String> parent, Map<String, String> injections) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(injections, "injections");
    List<String> keptNames = new ArrayList<>(parent.size());
    List<String> removed = new ArrayList<>();
    for (Map.Entry<String, String> e : parent.entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      if (name == null) {
        continue;
      }
      if (value != null && keeps(name) && value.indexOf('\0') < 0) {
        keptNames.add(name);
      } else {
        removed.add(name);
      }
    }
    keptNames.sort(null);
    Map<String, String> kept = injections.isEmpty() ? new LinkedHashMap<>(keptNames.size() * 2) : new TreeMap<>();
    for (String name : keptNames) {
      kept.put(name, parent.get(name)); // sorted either way: insertion order, or the tree's
    }
    List<String> injected = new ArrayList<>();
    if (!injections.isEmpty()) {
      for (Map.Entry<String, String> e : new TreeMap<>(injections).entrySet()) {
        String name = e.getKey();
        if (!isPassable(name)) {
          throw new IllegalArgumentException("an injected variable name must be non-empty without '=' or NUL: \""
              + SafeText.clean(name, 80) + "\"");
        }
        if (e.getValue() == null || e.getValue().indexOf('\0') >= 0) {
          throw new IllegalArgumentException("the value injected as " + SafeText.clean(name, 80) + " holds NUL or is null");
        }
        if (platform == Platform.WINDOWS) {
          String folded = fold(name);
          kept.keySet().removeIf(k -> fold(k).equals(folded));
        }
        kept.put(name, e.getValue());
        injected.add(name);
      }
    }
    removed.sort(null);
    return new ScrubResult(kept, List.copyOf(removed), List.copyOf(injected));
  }

  /**
   * Whether a parent variable called {@code name} would be kept (rules 1–4, ignoring its value).
   */
  public boolean keeps(String name) {
    if (!isPassable(name)) {
      return false;
    }
    if (namespacePrefix != null && startsWithIgnoringAsciiCase(name, namespacePrefix)) {
      return false;
    }
    String folded = fold(name);
    if (exact.contains(folded)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (folded.startsWith(prefix) && isPortable(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code name} is in {@code namespace}: {@code NS_} followed by anything, ignoring ASCII case. */
  public static boolean inNamespace(String name, String namespace) {
    return startsWithIgnoringAsciiCase(name, asciiUpper(namespace) + "_");
  }

  /** Whether {@code name} starts with {@code upperPrefix} (ASCII upper case) ignoring ASCII case, without allocating. */
  private static boolean startsWithIgnoringAsciiCase(String name, String upperPrefix) {
    int n = upperPrefix.length();
    if (name.length() < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c >= 'a' && c <= 'z') {
        c = (char) (c - 32);
      }
      if (c != upperPrefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String fold(String name) {
    return platform == Platform.WINDOWS ? asciiUpper(name) : name;
  }

  /** Upper-cases ASCII letters only: no locale, no Unicode special cases (dotless i, long s, Kelvin sign). */
  private static String asciiUpper(String s) {
    char[] c = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 'a' && ch <= 'z') {
        if (c == null) {
          c = s.toCharArray();
        }
        c[i] = (char) (ch - 32);
      }
    }
    return c == null ? s : new String(c);
  }

  private static boolean isPassable(String name) {
    return name != null && !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0;
  }

  static boolean isPortable(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Counts only. */
  @Override
  public String toString() {
    return "EnvironmentScrubber[namespace=" + namespace.orElse("-") + ", passthrough=" + passthrough + ", " + platform + "]";
  }

  /**
   * Configures an {@link EnvironmentScrubber}. Passthrough entries are checked as they are added:
   * a bare {@code *}, an empty prefix or any other malformed entry throws
   * {@link PolicyConfigurationException} naming {@code env.passthrough}.
   *
   * <pre>{@code
   * EnvironmentScrubber s = EnvironmentScrubber.builder()
   *     .namespace("ACME")
   *     .passthrough(policy.get(PolicyKeys.CHILD_ENV_PASSTHROUGH))
   *     .passthrough(manifest.envPassthrough())
   *     .platform(EnvironmentScrubber.Platform.WINDOWS)   // Windows rules, e.g. in a test
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private String namespace;
    private final Map<String, PassthroughPattern> passthrough = new LinkedHashMap<>();
    private Platform platform = Platform.current();

    private Builder() {}

    /**
     * The host's namespace ({@code INFLOOP}): upper-case letters, digits and single underscores,
     * starting with a letter.
     *
     * @throws PolicyConfigurationException if malformed
     */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace");
      if (namespace.length() > 64 || !NAMESPACE.matcher(namespace).matches()) {
        throw new PolicyConfigurationException("namespace", "malformed namespace \"" + SafeText.clean(namespace, 64)
            + "\"; use upper-case letters, digits and single underscores, starting with a letter (e.g. INFLOOP)");
      }
      this.namespace = namespace;
      return this;
    }

    /**
     * Adds passthrough entries: exact names or {@code PREFIX*}.
     *
     * @throws PolicyConfigurationException naming {@code env.passthrough} for a bare {@code *}, an
     *     empty entry or prefix, or a malformed entry
     */
    public Builder passthrough(String... entries) {
      return passthrough(List.of(entries));
    }

    /** {@link #passthrough(String...)} for a collection (a policy's set, a manifest's list). */
    public Builder passthrough(Collection<String> entries) {
      Objects.requireNonNull(entries, "entries");
      for (String entry : entries) {
        PassthroughPattern p;
        try {
          p = PassthroughPattern.parse(Objects.requireNonNull(entry, "entry"));
        } catch (IllegalArgumentException e) {
          throw new PolicyConfigurationException("env.passthrough",
              "passthrough entry \"" + SafeText.clean(entry, 80) + "\" is malformed: " + e.getMessage());
        }
        add(p);
      }
      return this;
    }

    /** Adds already-parsed entries. */
    public Builder passthroughPatterns(Collection<PassthroughPattern> patterns) {
      for (PassthroughPattern p : Objects.requireNonNull(patterns, "patterns")) {
        add(Objects.requireNonNull(p, "pattern"));
      }
      return this;
    }

    private void add(PassthroughPattern p) {
      passthrough.putIfAbsent(p.toString(), p);
    }

    /** The naming rules; {@link Platform#current()} by default. */
    public Builder platform(Platform platform) {
      this.platform = Objects.requireNonNull(platform, "platform");
      return this;
    }

    /** The scrubber. Passthrough entries inside the namespace are kept in the list but never pass (logged). */
    public EnvironmentScrubber build() {
      if (namespace != null) {
        String nsPrefix = namespace + "_";
        for (PassthroughPattern p : passthrough.values()) {
          boolean reaches = p.wildcard() && p.prefix().length() <= nsPrefix.length()
              ? nsPrefix.regionMatches(true, 0, p.prefix(), 0, p.prefix().length())
              : inNamespace(p.prefix(), namespace);
          if (reaches) {
            LOG.log(Level.WARNING, "environment passthrough entry {0} reaches into the host namespace {1}_*; "
                + "those variables are never passed to children", p, namespace);
          }
        }
      }
      return new EnvironmentScrubber(this);
    }
  }
}
