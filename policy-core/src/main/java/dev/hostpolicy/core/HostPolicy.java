package dev.hostpolicy.core;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyKey;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.audit.AuditOptions;
import dev.hostpolicy.core.audit.JsonlAuditSink;
import dev.hostpolicy.core.env.EnvironmentScrubber;
import dev.hostpolicy.core.net.BindGuard;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.core.permission.ActionKind;
import dev.hostpolicy.core.permission.PermissionPolicy;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A host's effective security policy: the selected profile's defaults, adjusted by the discovered
 * {@link PolicyContributor}s (loosening only from trusted ones), then by the operator's settings —
 * validated and frozen. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * HostPolicy policy = HostPolicy.builder()
 *     .profile("minimal")                    // a HostProfile found by ServiceLoader
 *     .namespace("INFLOOP")                  // reads INFLOOP_API_TOKEN, INFLOOP_*_RATE_LIMIT, ...
 *     .settings(Settings.fromEnvironment())
 *     .dataDir(Path.of("/var/lib/infloop"))
 *     .trust("com.acme.egress-rules")        // this contributor may loosen rules
 *     .build();                              // validates; misconfiguration throws
 *
 * Rate login = policy.get(PolicyKeys.LOGIN_RATE_LIMIT);
 * out.println(policy.describe());     // JSON with the source of every rule, no secrets
 * }</pre>
 *
 * <p>The build follows DESIGN.md's composition rules: (1) find the named profile (an unknown id is an
 * error listing the ids found), (2) let it set its defaults, then apply the host's own
 * {@link Builder#set} calls, (3) apply every contributor in a deterministic order (ascending
 * priority, then id), (4) apply operator settings, (5) validate, (6) freeze. A provider that fails to
 * load or throws, two providers with one id, an untrusted loosening, or a malformed setting each stop
 * the build with a {@link PolicyConfigurationException} naming the culprit.
 */
public final class HostPolicy {
  private static final System.Logger LOG = System.getLogger(HostPolicy.class.getName());

  private final String profileId;
  private final String profileDescription;
  private final Optional<String> namespace;
  private final Optional<Path> dataDir;
  private final Set<String> trusted;
  private final List<PolicyKey<?>> keys;
  private final Map<PolicyKey<?>, Object> values;
  private final Map<PolicyKey<?>, RuleSource> sources;
  private final Map<PolicyKey<?>, Map<String, RuleSource>> entrySources;
  private final DiscoveryReport discovery;

  private HostPolicy(Builder b, String profileDescription, DraftState state, DiscoveryReport discovery) {
    this.profileId = b.profileId;
    this.profileDescription = profileDescription;
    this.namespace = Optional.ofNullable(b.namespace);
    this.dataDir = Optional.ofNullable(b.dataDir);
    this.trusted = Set.copyOf(new LinkedHashSet<>(b.trusted));
    List<PolicyKey<?>> k = new ArrayList<>();
    Map<PolicyKey<?>, Object> v = new LinkedHashMap<>();
    Map<PolicyKey<?>, RuleSource> s = new LinkedHashMap<>();
    Map<PolicyKey<?>, Map<String, RuleSource>> e = new LinkedHashMap<>();
    for (PolicyKey<?> key : state.keys()) {
      k.add(key);
      v.put(key, state.get(key));
      s.put(key, state.source(key));
      if (DraftState.isSet(key)) {
        e.put(key, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(state.entrySources(key))));
      }
    }
    this.keys = List.copyOf(k);
    this.values = java.util.Collections.unmodifiableMap(v);
    this.sources = java.util.Collections.unmodifiableMap(s);
    this.entrySources = java.util.Collections.unmodifiableMap(e);
    this.discovery = discovery;
  }

  /** Starts a builder; {@link Builder#profile(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every {@link HostProfile} visible to the thread context class loader, in listing order (priority,
   * then id), each with its description as the record's detail.
   *
   * @throws PolicyConfigurationException if a provider fails to load or two share an id
   */
  public static List<ProviderRecord> availableProfiles() {
    return availableProfiles(Optional.empty());
  }

  /** Like {@link #availableProfiles()}, discovering through {@code loader}. */
  public static List<ProviderRecord> availableProfiles(ClassLoader loader) {
    return availableProfiles(Optional.of(loader));
  }

  private static List<ProviderRecord> availableProfiles(Optional<ClassLoader> loader) {
    List<ProviderRecord> out = new ArrayList<>();
    for (Discovery.Found<HostProfile> f :
        Discovery.load(HostProfile.class, loader, HostProfile::id, HostProfile::priority)) {
      String description;
      try {
        description = Objects.requireNonNullElse(f.provider().description(), "");
      } catch (Throwable t) {
        throw Discovery.failed("HostProfile", f.className(), "threw in description()", t);
      }
      out.add(new ProviderRecord(f.id(), f.className(), f.location(), f.priority(),
          ProviderRecord.Status.AVAILABLE, SafeText.clean(description, 200)));
    }
    return List.copyOf(out);
  }

  /** The id of the selected profile. */
  public String profileId() {
    return profileId;
  }

  /** The selected profile's one-sentence description. */
  public String profileDescription() {
    return profileDescription;
  }

  /** The operator-settings namespace, when the host set one. */
  public Optional<String> namespace() {
    return namespace;
  }

  /** The host's data directory, when the host set one (absolute, normalised). */
  public Optional<Path> dataDir() {
    return dataDir;
  }

  /** The contributor ids the host trusts to loosen rules. */
  public Set<String> trustedContributors() {
    return trusted;
  }

  /** Every rule of this policy: the catalogue's, then plugins' own, in that order. */
  public List<PolicyKey<?>> keys() {
    return keys;
  }

  /**
   * The effective value of {@code key}; the key's default if nothing set it (also for a plugin key
   * this policy has never seen).
   */
  @SuppressWarnings("unchecked")
  public <T> T get(PolicyKey<T> key) {
    Objects.requireNonNull(key, "key");
    Object v = values.get(key);
    return v == null ? key.defaultValue() : (T) v;
  }

  /** The API token ({@code <NS>_API_TOKEN}), if one is configured. */
  public Optional<Secret> apiToken() {
    return get(dev.hostpolicy.api.spi.PolicyKeys.API_TOKEN);
  }

  /**
   * An egress policy builder holding this policy's {@code egress.allow} and {@code egress.deny} rules
   * (validated at build time), ready for the host to add its resolver, self addresses or timeout.
   */
  public EgressPolicy.Builder egressPolicyBuilder() {
    return EgressPolicy.builder()
        .allowAll(get(dev.hostpolicy.api.spi.PolicyKeys.EGRESS_ALLOW))
        .denyAll(get(dev.hostpolicy.api.spi.PolicyKeys.EGRESS_DENY));
  }

  /** The egress policy of this policy's rules, with the system resolver and default ports. */
  public EgressPolicy egressPolicy() {
    return egressPolicyBuilder().build();
  }

  /**
   * An environment scrubber builder holding this policy's namespace (whose {@code <NS>_*} variables
   * never reach a child) and {@code env.passthrough} entries, ready for the host to add a provider
   * manifest's passthrough or choose the platform rules.
   */
  public EnvironmentScrubber.Builder environmentScrubberBuilder() {
    EnvironmentScrubber.Builder b = EnvironmentScrubber.builder()
        .passthrough(get(dev.hostpolicy.api.spi.PolicyKeys.CHILD_ENV_PASSTHROUGH));
    namespace.ifPresent(b::namespace);
    return b;
  }

  /** The environment scrubber of this policy's namespace and passthrough, for the current platform. */
  public EnvironmentScrubber environmentScrubber() {
    return environmentScrubberBuilder().build();
  }

  /** The action-aware permissions of this policy's {@code permission.*} rules. */
  public PermissionPolicy permissionPolicy() {
    Map<ActionKind, dev.hostpolicy.api.PermissionMode> modes = new EnumMap<>(ActionKind.class);
    for (ActionKind kind : ActionKind.values()) {
      modes.put(kind, get(kind.key()));
    }
    return PermissionPolicy.of(modes);
  }

  /** The bind guard, naming this policy's namespace in its messages ({@code <NS>_API_TOKEN}). */
  public BindGuard bindGuard() {
    return namespace.map(BindGuard::forNamespace).orElseGet(BindGuard::create);
  }

  /**
   * A new in-memory {@link RateLimiter} at this policy's value of {@code key} (for example
   * {@link dev.hostpolicy.api.spi.PolicyKeys#WEBHOOK_RATE_LIMIT}, keyed per trigger, or
   * {@link dev.hostpolicy.api.spi.PolicyKeys#LOGIN_RATE_LIMIT}, used with its global
   * {@link RateLimiter#tryAcquire()}); unlimited when the rule is off. Each call makes independent
   * buckets: create one limiter per surface at startup and share it.
   */
  public RateLimiter newRateLimiter(PolicyKey<Rate> key, TimeSource time) {
    Objects.requireNonNull(key, "key");
    return RateLimiter.builder(get(key)).name(key.id()).time(Objects.requireNonNull(time, "time")).build();
  }

  /** {@link #newRateLimiter(PolicyKey, TimeSource)} on the system clock. */
  public RateLimiter newRateLimiter(PolicyKey<Rate> key) {
    return newRateLimiter(key, TimeSource.system());
  }

  /**
   * The runaway budgets of this policy: {@code budget.max-run-node-executions} (operator setting
   * {@code MAX_RUN_NODE_EXECUTIONS}), {@code budget.max-run-duration-ms} ({@code MAX_RUN_DURATION_MS}),
   * {@code budget.max-run-cost-usd} ({@code MAX_RUN_COST_USD}) and {@code budget.max-total-cost-usd}
   * ({@code MAX_TOTAL_COST_USD}); give them to {@link dev.hostpolicy.core.budget.CostLedger#create}.
   */
  public dev.hostpolicy.core.budget.BudgetLimits budgetLimits() {
    return new dev.hostpolicy.core.budget.BudgetLimits(get(PolicyKeys.MAX_RUN_NODE_EXECUTIONS),
        get(PolicyKeys.MAX_RUN_DURATION_MS), get(PolicyKeys.MAX_RUN_COST_USD), get(PolicyKeys.MAX_TOTAL_COST_USD));
  }

  /**
   * The audit log options of this policy: rotation at {@code audit.max-bytes} (operator setting
   * {@code AUDIT_MAX_BYTES}) keeping {@code audit.max-files} files ({@code AUDIT_MAX_FILES}), flush per
   * event, the system clock, and the API token ({@code <NS>_API_TOKEN}, when set) redacted from every
   * line. Change the rest (and add the host's other secrets) with {@link AuditOptions#toBuilder()}.
   */
  public AuditOptions auditOptions() {
    AuditOptions.Builder b = AuditOptions.builder()
        .maxBytes(get(PolicyKeys.AUDIT_MAX_BYTES))
        .maxFiles(get(PolicyKeys.AUDIT_MAX_FILES));
    apiToken().ifPresent(b::redacting);
    return b.build();
  }

  /**
   * Opens the JSONL audit log in {@code <data-dir>/audit} with {@code options} (start from
   * {@link #auditOptions()}). Close it when the host stops.
   *
   * @throws PolicyConfigurationException (key {@code audit.data-dir}) if the policy has no data directory
   * @throws java.io.IOException if the directory or files cannot be created
   */
  public JsonlAuditSink openAuditLog(AuditOptions options) throws java.io.IOException {
    Objects.requireNonNull(options, "options");
    Path dir = dataDir.orElseThrow(() -> new PolicyConfigurationException("audit.data-dir",
        "the audit log lives in <data-dir>/audit, but this policy has no data directory; call HostPolicy.builder().dataDir(...)"));
    return JsonlAuditSink.open(dir, options);
  }

  /** {@link #openAuditLog(AuditOptions)} with {@link #auditOptions()}. */
  public JsonlAuditSink openAuditLog() throws java.io.IOException {
    return openAuditLog(auditOptions());
  }

  /** Where the effective value of {@code key} came from. */
  public RuleSource source(PolicyKey<?> key) {
    return sources.getOrDefault(key, RuleSource.DEFAULT);
  }

  /** For a set-valued rule, where each entry came from, in insertion order. */
  public Map<String, RuleSource> entrySources(PolicyKey<?> key) {
    return entrySources.getOrDefault(key, Map.of());
  }

  /** Every provider discovery found and what happened to it. */
  public DiscoveryReport discovery() {
    return discovery;
  }

  /**
   * The effective policy as pretty-printed JSON: profile, namespace, every rule with its value and
   * source (per entry for set-valued rules), and the discovery report. Secrets appear only as
   * {@value Secret#REDACTED}.
   */
  public String describe() {
    return PolicyDescriber.describe(this);
  }

  /** A short summary; never a secret. */
  @Override
  public String toString() {
    return "HostPolicy[profile=" + profileId + ", namespace=" + namespace.orElse("-") + ", rules=" + keys.size() + "]";
  }

  /**
   * Configures and builds a {@link HostPolicy}. Not thread-safe; build once at startup.
   *
   * <pre>{@code
   * HostPolicy policy = HostPolicy.builder()
   *     .profile("minimal")
   *     .add(PolicyKeys.EGRESS_ALLOW, "api.github.com")   // the host's own choice: trusted
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private static final Pattern NAMESPACE = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*");

    private String profileId;
    private String namespace;
    private Settings settings = Settings.empty();
    private Path dataDir;
    private final List<String> trusted = new ArrayList<>();
    private final Set<String> excluded = new LinkedHashSet<>();
    private ClassLoader classLoader;
    private UntrustedLoosening untrustedLoosening = UntrustedLoosening.FAIL;
    private final List<Consumer<DraftState>> hostChanges = new ArrayList<>();

    private Builder() {}

    /** Selects the {@link HostProfile} by id (required). */
    public Builder profile(String id) {
      this.profileId = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * The operator-settings namespace: settings are read as {@code <NS>_<KEY>} (environment) and
     * {@code <ns>.<key>} (system properties). Upper case letters, digits and single underscores,
     * starting with a letter ({@code INFLOOP}, {@code ACME_AGENT}).
     *
     * @throws PolicyConfigurationException if malformed
     */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace");
      if (namespace.length() > 64 || !NAMESPACE.matcher(namespace).matches()) {
        throw new PolicyConfigurationException(
            "namespace",
            "malformed namespace \"" + SafeText.clean(namespace, 64)
                + "\"; use upper-case letters, digits and single underscores, starting with a letter (e.g. INFLOOP)");
      }
      this.namespace = namespace;
      return this;
    }

    /** Where operator settings are read; layers given by repeated calls stack, later winning. */
    public Builder settings(Settings settings) {
      this.settings = this.settings.overriddenBy(Objects.requireNonNull(settings, "settings"));
      return this;
    }

    /** The host's data directory (audit log, pid registry, secrets at rest). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
      return this;
    }

    /** Trusts these contributor ids to loosen rules. */
    public Builder trust(String... contributorIds) {
      for (String id : contributorIds) {
        trusted.add(Objects.requireNonNull(id, "contributor id"));
      }
      return this;
    }

    /** Skips these contributors entirely (reported as {@code skipped-excluded}). */
    public Builder exclude(String... contributorIds) {
      for (String id : contributorIds) {
        excluded.add(Objects.requireNonNull(id, "contributor id"));
      }
      return this;
    }

    /** Discovers providers through {@code loader} instead of the thread context class loader. */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /** What to do when an untrusted contributor loosens a rule; {@link UntrustedLoosening#FAIL} by default. */
    public Builder onUntrustedLoosening(UntrustedLoosening behaviour) {
      this.untrustedLoosening = Objects.requireNonNull(behaviour, "behaviour");
      return this;
    }

    /**
     * Sets a rule as the host's own choice, after the profile and before contributors and settings.
     * The host is trusted, so this may loosen.
     */
    public <T> Builder set(PolicyKey<T> key, T value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      key.normalize(value);
      hostChanges.add(state -> state.set(key, value, RuleSource.HOST));
      return this;
    }

    /** Adds entries to a set-valued rule as the host's own choice. */
    public Builder add(PolicyKey<Set<String>> key, String... entries) {
      Objects.requireNonNull(key, "key");
      List<String> copy = List.copyOf(Arrays.asList(entries));
      hostChanges.add(state -> state.add(key, copy, RuleSource.HOST));
      return this;
    }

    /**
     * Composes, validates and freezes the policy.
     *
     * @throws PolicyConfigurationException naming the profile, provider, rule or setting at fault
     */
    public HostPolicy build() {
      if (profileId == null) {
        throw new PolicyConfigurationException(
            "profile", "no profile selected; call profile(id) with one of: " + ids(discoverProfiles()));
      }
      if (namespace == null && !settings.isEmpty()) {
        throw new PolicyConfigurationException(
            "namespace", "operator settings were given but no namespace to read them with; call namespace(...)");
      }
      Optional<ClassLoader> loader = Optional.ofNullable(classLoader);

      // (1) the profile
      List<Discovery.Found<HostProfile>> profiles = discoverProfiles();
      Discovery.Found<HostProfile> selected =
          profiles.stream()
              .filter(f -> f.id().equals(profileId))
              .findFirst()
              .orElseThrow(
                  () -> new PolicyConfigurationException(
                      "profile",
                      "unknown profile \"" + SafeText.clean(profileId, 80) + "\"; available: " + ids(profiles)));
      List<ProviderRecord> profileRecords = new ArrayList<>();
      for (Discovery.Found<HostProfile> f : profiles) {
        profileRecords.add(
            record(f, f == selected ? ProviderRecord.Status.SELECTED : ProviderRecord.Status.AVAILABLE, ""));
      }

      // (2) its defaults, then the host's own choices
      DraftState state = new DraftState();
      String description;
      DraftView profileView =
          new DraftView(state, RuleSource.profile(selected.id()), profileId, Optional.ofNullable(namespace), Optional.ofNullable(dataDir));
      try {
        description = Objects.requireNonNullElse(selected.provider().description(), "");
        selected.provider().configure(profileView);
      } catch (Throwable t) {
        throw Discovery.failed("HostProfile", selected.className(), "threw while configuring", t);
      } finally {
        profileView.close();
      }
      for (Consumer<DraftState> change : hostChanges) {
        try {
          change.accept(state);
        } catch (IllegalArgumentException e) {
          throw new PolicyConfigurationException("host", SafeText.clean(e.getMessage(), 300));
        }
      }

      // (3) contributors, deterministic order, loosening only when trusted
      List<ProviderRecord> contributorRecords = new ArrayList<>();
      for (Discovery.Found<PolicyContributor> f :
          Discovery.load(PolicyContributor.class, loader, PolicyContributor::id, PolicyContributor::priority)) {
        contributorRecords.add(applyContributor(f, state));
      }

      // (4) operator settings, last
      if (namespace != null) {
        applySettings(state);
      }

      // (5) validate, (6) freeze
      RuleValidation.validate(state);
      return new HostPolicy(this, description, state, new DiscoveryReport(profileRecords, contributorRecords));
    }

    private List<Discovery.Found<HostProfile>> discoverProfiles() {
      return Discovery.load(HostProfile.class, Optional.ofNullable(classLoader), HostProfile::id, HostProfile::priority);
    }

    private ProviderRecord applyContributor(Discovery.Found<PolicyContributor> f, DraftState state) {
      if (excluded.contains(f.id())) {
        return record(f, ProviderRecord.Status.SKIPPED_EXCLUDED, "excluded by the host");
      }
      boolean applies;
      try {
        applies = f.provider().appliesTo(profileId);
      } catch (Throwable t) {
        throw Discovery.failed("PolicyContributor", f.className(), "threw in appliesTo", t);
      }
      if (!applies) {
        return record(f, ProviderRecord.Status.SKIPPED_NOT_APPLICABLE, "does not apply to profile " + profileId);
      }
      DraftState staged = state.copy();
      DraftView view =
          new DraftView(staged, RuleSource.contributor(f.id(), f.className()), profileId,
              Optional.ofNullable(namespace), Optional.ofNullable(dataDir));
      try {
        f.provider().contribute(view);
      } catch (Throwable t) {
        throw Discovery.failed("PolicyContributor", f.className(), "threw while contributing", t);
      } finally {
        view.close();
      }
      List<String> loosenings = loosenings(state, staged);
      String detail = "";
      if (!loosenings.isEmpty()) {
        String what = String.join("; ", loosenings);
        if (!trusted.contains(f.id())) {
          if (untrustedLoosening == UntrustedLoosening.FAIL) {
            throw new PolicyConfigurationException(
                f.id(),
                "contributor " + f.id() + " (" + f.className() + ", " + f.location() + ") loosens " + what
                    + ", but the host does not trust it; trust it with HostPolicy.builder().trust(\"" + f.id()
                    + "\") or remove it from the class path");
          }
          LOG.log(Level.WARNING, "skipping untrusted contributor {0} ({1}) that loosens {2}", f.id(), f.className(), what);
          return record(f, ProviderRecord.Status.SKIPPED_UNTRUSTED, "untrusted; loosens " + what);
        }
        LOG.log(Level.WARNING, "trusted contributor {0} ({1}) loosens {2}", f.id(), f.className(), what);
        detail = "trusted; loosens " + what;
      }
      state.replaceWith(staged);
      return record(f, ProviderRecord.Status.APPLIED, detail);
    }

    private static List<String> loosenings(DraftState before, DraftState after) {
      List<String> out = new ArrayList<>();
      for (PolicyKey<?> key : after.keys()) {
        describeLoosening(key, before, after).ifPresent(out::add);
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> Optional<String> describeLoosening(PolicyKey<T> key, DraftState before, DraftState after) {
      T b = before.get(key);
      T a = after.get(key);
      if (Objects.equals(a, b) || !key.loosens(b, a)) {
        return Optional.empty();
      }
      if (DraftState.isSet(key)) {
        Set<String> bs = (Set<String>) b;
        Set<String> as = (Set<String>) a;
        if (key.kind() == PolicyKey.Kind.ALLOW_SET) {
          return Optional.of(key.id() + " (adds " + as.stream().filter(x -> !bs.contains(x)).collect(Collectors.joining(", ")) + ")");
        }
        return Optional.of(key.id() + " (removes " + bs.stream().filter(x -> !as.contains(x)).collect(Collectors.joining(", ")) + ")");
      }
      if (key.isSecret()) {
        return Optional.of(key.id() + " (changes a secret)");
      }
      return Optional.of(key.id() + " (" + b + " -> " + a + ")");
    }

    private void applySettings(DraftState state) {
      for (OperatorSetting<?> setting : OperatorSettings.all()) {
        settings.lookup(namespace, setting).ifPresent(raw -> applySetting(state, setting, raw));
      }
    }

    @SuppressWarnings("unchecked")
    private static <T> void applySetting(DraftState state, OperatorSetting<T> setting, Settings.Raw raw) {
      T value;
      try {
        value = setting.parse(raw.value());
      } catch (IllegalArgumentException e) {
        String shown = setting.isSecret() ? "" : " \"" + SafeText.clean(raw.value(), 40) + "\"";
        throw new PolicyConfigurationException(
            raw.name(), "malformed value" + shown + " (from " + raw.origin() + "); " + e.getMessage());
      }
      RuleSource source = RuleSource.setting(raw.name(), raw.origin());
      if (DraftState.isSet(setting.key())) {
        state.add((PolicyKey<Set<String>>) setting.key(), (Set<String>) value, source);
      } else {
        state.set(setting.key(), value, source);
      }
    }

    private static ProviderRecord record(Discovery.Found<?> f, ProviderRecord.Status status, String detail) {
      return new ProviderRecord(f.id(), f.className(), f.location(), f.priority(), status, detail);
    }

    private static String ids(List<? extends Discovery.Found<?>> found) {
      return found.isEmpty() ? "(none found)" : found.stream().map(Discovery.Found::id).collect(Collectors.joining(", "));
    }
  }
}
