package dev.hostpolicy.core;

import java.util.Objects;

/**
 * Where the effective value of a rule (or of one entry of a set-valued rule) came from: the key's
 * default, the selected profile, the host's own builder call, a contributor, or an operator setting.
 * {@link HostPolicy#describe()} prints it next to every rule.
 *
 * <pre>{@code
 * RuleSource s = policy.source(PolicyKeys.WEBHOOK_RATE_LIMIT);
 * // s.toString() -> "setting INFLOOP_WEBHOOK_RATE_LIMIT (environment)"
 * }</pre>
 *
 * @param kind the kind of source
 * @param id the profile id, contributor id or setting name; empty for defaults and the host
 * @param detail the contributor class, or where a setting was read; may be empty
 */
public record RuleSource(Kind kind, String id, String detail) {

  /** Kinds of sources, in the order the composer applies them. */
  public enum Kind {
    /** The key's catalogue default. */
    DEFAULT,
    /** The selected {@code HostProfile}. */
    PROFILE,
    /** The host's own {@code HostPolicy.Builder#set} / {@code add} calls. */
    HOST,
    /** A discovered {@code PolicyContributor}. */
    CONTRIBUTOR,
    /** An operator setting (environment, system property or settings file). */
    SETTING
  }

  static final RuleSource DEFAULT = new RuleSource(Kind.DEFAULT, "", "");
  static final RuleSource HOST = new RuleSource(Kind.HOST, "", "");

  /** Validates the parts. */
  public RuleSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(detail, "detail");
  }

  static RuleSource profile(String id) {
    return new RuleSource(Kind.PROFILE, id, "");
  }

  static RuleSource contributor(String id, String className) {
    return new RuleSource(Kind.CONTRIBUTOR, id, className);
  }

  static RuleSource setting(String name, String origin) {
    return new RuleSource(Kind.SETTING, name, origin);
  }

  /** For example {@code profile minimal}, {@code contributor com.acme.rules (com.acme.Rules)}. */
  @Override
  public String toString() {
    String head = kind.name().toLowerCase(java.util.Locale.ROOT);
    String s = id.isEmpty() ? head : head + " " + id;
    return detail.isEmpty() ? s : s + " (" + detail + ")";
  }
}
