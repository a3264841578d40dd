package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One webhook endpoint of a host — its signature scheme, its active secrets and whether unsigned
 * deliveries are accepted — and the verify-or-refuse table that decides every delivery:
 *
 * <table>
 *   <caption>The trigger table</caption>
 *   <tr><th>scheme signs</th><th>secret</th><th>verifyOptional</th><th>result</th></tr>
 *   <tr><td>yes</td><td>set</td><td>any</td><td>verify: missing / malformed / mismatch / expired /
 *       replayed each deny with that reason</td></tr>
 *   <tr><td>yes</td><td>none</td><td>true</td><td>allow with {@code webhook.unsigned-accepted} (log a
 *       warning); a present signature that is malformed is still refused</td></tr>
 *   <tr><td>yes</td><td>none</td><td>false</td><td>{@code webhook.misconfigured}: {@link Builder#build()}
 *       throws, naming the trigger (and a trigger whose secrets were all destroyed denies with it)</td></tr>
 *   <tr><td>no</td><td>—</td><td>—</td><td>allow (the scheme does not sign)</td></tr>
 * </table>
 *
 * <p>Before anything else the raw body is checked against the size limit (1 MiB by default):
 * a larger body is refused with {@code webhook.body-too-large} without being hashed or parsed, and
 * {@link #receive(InputStream, WebhookHeaders)} stops reading one byte past the limit. A
 * signature that is present but wrong is refused whatever {@code verifyOptional} says. An exception
 * inside a scheme denies ({@code webhook.verifier-error}). Destroying a {@link Secret} retires it:
 * the next delivery is checked against the remaining ones only.
 *
 * <pre>{@code
 * WebhookTrigger trigger = WebhookTrigger.builder("deploy")
 *     .scheme("github")                                  // found by ServiceLoader
 *     .secret(Secret.fromUtf8(System.getenv("DEPLOY_WEBHOOK_SECRET")))
 *     .build();                                          // no secret + not optional: throws
 *
 * WebhookTrigger.Received r = trigger.receive(exchange.getRequestBody(),
 *     WebhookHeaders.of(exchange.getRequestHeaders()));
 * if (r.decision().denied()) {
 *   respond(401, r.decision().reason());                 // e.g. webhook.signature-mismatch
 * }
 * }</pre>
 */
public final class WebhookTrigger {
  private static final System.Logger LOG = System.getLogger(WebhookTrigger.class.getName());

  /** The default body limit: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

  /** The largest body limit: the largest array a JVM reliably allocates. */
  public static final long MAX_BODY_LIMIT = Integer.MAX_VALUE - 8;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final String name;
  private final Optional<WebhookSignatureScheme> scheme;
  private final List<Secret> secrets;
  private final boolean verifyOptional;
  private final long maxBodyBytes;
  private final WebhookSignatureScheme.Context context;
  private final WebhookSignatureScheme.Verifier grammarOnly;
  private volatile Bound bound;

  /** The verifier built for a particular list of live secrets. */
  private record Bound(List<Secret> live, WebhookSignatureScheme.Verifier verifier) {}

  /**
   * A delivery read from a stream, and its decision.
   *
   * @param decision the trigger's decision
   * @param body the raw body bytes read; empty when the body was larger than the limit (reading
   *     stopped there)
   */
  public record Received(Decision decision, byte[] body) {
    /** Validates the parts. */
    public Received {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(body, "body");
    }
  }

  private WebhookTrigger(Builder b, WebhookSignatureScheme scheme) {
    this.name = b.name;
    this.scheme = Optional.ofNullable(scheme);
    this.secrets = List.copyOf(b.secrets);
    this.verifyOptional = b.verifyOptional;
    this.maxBodyBytes = b.maxBodyBytes;
    TimeSource time = b.time;
    WebhookSignatureScheme.ReplayGuard guard = b.replayGuard != null ? b.replayGuard : ReplayCache.create(time);
    String prefix = name + " ";
    this.context = new WebhookSignatureScheme.Context(time, (key, expiresAt) -> guard.remember(prefix + key, expiresAt));
    if (scheme != null && scheme.signs()) {
      this.grammarOnly = bind(scheme, List.of());
      this.bound = new Bound(secrets, secrets.isEmpty() ? grammarOnly : bind(scheme, secrets));
    } else {
      this.grammarOnly = null;
      this.bound = null;
    }
  }

  private WebhookSignatureScheme.Verifier bind(WebhookSignatureScheme s, List<Secret> active) {
    try {
      return Objects.requireNonNull(s.verifier(active), "the scheme returned no verifier");
    } catch (PolicyConfigurationException e) {
      throw new PolicyConfigurationException(name, "scheme " + s.id() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new PolicyConfigurationException(name,
          "scheme " + s.id() + " could not use the configured secrets (" + e.getClass().getName() + ")", e);
    }
  }

  /** Starts a trigger named {@code name} ({@code [A-Za-z0-9][A-Za-z0-9._-]*}, at most 128 characters). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The trigger's name. */
  public String name() {
    return name;
  }

  /** The signature scheme; empty for an unsigned trigger. */
  public Optional<WebhookSignatureScheme> scheme() {
    return scheme;
  }

  /** Whether deliveries are accepted unsigned when no secret is set. */
  public boolean verifyOptional() {
    return verifyOptional;
  }

  /** The body limit in bytes. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** How many secrets are configured (destroyed ones included). */
  public int secretCount() {
    return secrets.size();
  }

  /**
   * The decision for one delivery, following the trigger table. Never throws for anything the
   * sender controls.
   *
   * @param body the raw body bytes, exactly as received
   * @param headers the request headers
   */
  public Decision verify(byte[] body, WebhookHeaders headers) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(headers, "headers");
    if (body.length > maxBodyBytes) {
      return tooLarge();
    }
    if (scheme.isEmpty()) {
      return Decision.allow(Decision.ALLOWED, "trigger " + name + " is unsigned");
    }
    WebhookSignatureScheme s = scheme.get();
    if (!s.signs()) {
      return Decision.allow(Decision.ALLOWED, "scheme " + s.id() + " does not sign");
    }
    if (secrets.isEmpty()) {
      return unsigned(body, headers);
    }
    List<Secret> live = secrets;
    for (Secret secret : secrets) {
      if (secret.isDestroyed()) {
        live = new ArrayList<>(secrets.size());
        for (Secret s2 : secrets) {
          if (!s2.isDestroyed()) {
            live.add(s2);
          }
        }
        break;
      }
    }
    if (live.isEmpty()) {
      return Decision.deny(WebhookSignatureScheme.MISCONFIGURED,
          "every secret of trigger " + name + " was destroyed; deliveries cannot be verified");
    }
    try {
      Decision d = verifierFor(s, live).verify(body, headers, context);
      return d != null ? d : Decision.deny(WebhookSignatureScheme.VERIFIER_ERROR, "scheme " + s.id() + " gave no decision");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "webhook trigger " + name + ": scheme " + s.id() + " failed: " + e.getClass().getName());
      return Decision.deny(WebhookSignatureScheme.VERIFIER_ERROR,
          "scheme " + s.id() + " failed (" + e.getClass().getName() + "); delivery refused");
    }
  }

  /**
   * Reads the body from {@code in} — at most one byte past the limit — and decides. A body over the
   * limit is refused without reading the rest.
   *
   * @throws IOException if reading fails
   */
  public Received receive(InputStream in, WebhookHeaders headers) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(headers, "headers");
    byte[] body = in.readNBytes((int) Math.min(maxBodyBytes + 1, Integer.MAX_VALUE - 8));
    if (body.length > maxBodyBytes) {
      return new Received(tooLarge(), new byte[0]);
    }
    return new Received(verify(body, headers), body);
  }

  private Decision tooLarge() {
    return Decision.deny(WebhookSignatureScheme.BODY_TOO_LARGE,
        "the body is larger than trigger " + name + "'s limit of " + maxBodyBytes + " bytes");
  }

  /** Row 2 (and 3, defensively): no secret is configured. */
  private Decision unsigned(byte[] body, WebhookHeaders headers) {
    if (!verifyOptional) {
      return Decision.deny(WebhookSignatureScheme.MISCONFIGURED,
          "trigger " + name + " uses a signing scheme but has no secret and does not accept unsigned deliveries");
    }
    Decision grammar;
    try {
      grammar = grammarOnly.verify(body, headers, context);
    } catch (RuntimeException e) {
      return Decision.deny(WebhookSignatureScheme.VERIFIER_ERROR,
          "scheme " + scheme.get().id() + " failed (" + e.getClass().getName() + "); delivery refused");
    }
    if (grammar == null) {
      return Decision.deny(WebhookSignatureScheme.VERIFIER_ERROR, "scheme " + scheme.get().id() + " gave no decision");
    }
    if (grammar.allowed() || grammar.reason().equals(WebhookSignatureScheme.SIGNATURE_MISSING)) {
      return Decision.allow(WebhookSignatureScheme.UNSIGNED_ACCEPTED,
          "trigger " + name + " accepts unsigned deliveries (no secret, verifyOptional)");
    }
    if (grammar.reason().equals(WebhookSignatureScheme.SIGNATURE_MISMATCH)) {
      return Decision.allow(WebhookSignatureScheme.UNSIGNED_ACCEPTED,
          "trigger " + name + " has no secret: the signature that came with the delivery was not checked");
    }
    return grammar;
  }

  private WebhookSignatureScheme.Verifier verifierFor(WebhookSignatureScheme s, List<Secret> live) {
    Bound b = bound;
    if (b.live().equals(live)) {
      return b.verifier();
    }
    synchronized (this) {
      b = bound;
      if (!b.live().equals(live)) {
        LOG.log(Level.INFO, () -> "webhook trigger " + name + ": a secret was destroyed; " + live.size() + " remain active");
        b = new Bound(List.copyOf(live), s.verifier(live));
        bound = b;
      }
      return b.verifier();
    }
  }

  /** Name, scheme, number of secrets and the flags — never a secret. */
  @Override
  public String toString() {
    return "WebhookTrigger[name=" + name + ", scheme=" + scheme.map(WebhookSignatureScheme::id).orElse("none")
        + ", secrets=" + secrets.size() + ", verifyOptional=" + verifyOptional + ", maxBodyBytes=" + maxBodyBytes + "]";
  }

  /** Configures a {@link WebhookTrigger}; {@link #build()} validates against the trigger table. */
  public static final class Builder {
    private final String name;
    private WebhookSignatureScheme scheme;
    private String schemeId;
    private Map<String, String> schemeOptions = Map.of();
    private boolean unsigned;
    private final List<Secret> secrets = new ArrayList<>();
    private boolean verifyOptional;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private TimeSource time = TimeSource.system();
    private WebhookSignatureScheme.ReplayGuard replayGuard;
    private ClassLoader loader;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new PolicyConfigurationException("webhook.trigger",
            "trigger name \"" + SafeText.clean(name, 60) + "\" must be [A-Za-z0-9][A-Za-z0-9._-]*, at most 128 characters");
      }
      this.name = name;
    }

    /** The signature scheme. */
    public Builder scheme(WebhookSignatureScheme scheme) {
      this.scheme = Objects.requireNonNull(scheme, "scheme");
      this.schemeId = null;
      return this;
    }

    /** The signature scheme by id, found by {@link WebhookSchemes#discover()} at {@link #build()}. */
    public Builder scheme(String id) {
      this.schemeId = Objects.requireNonNull(id, "id");
      this.scheme = null;
      return this;
    }

    /** The class loader {@link #scheme(String)} discovers through; the context class loader by default. */
    public Builder classLoader(ClassLoader loader) {
      this.loader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /** Options for the scheme ({@link WebhookSignatureScheme#withOptions}), applied at {@link #build()}. */
    public Builder schemeOptions(Map<String, String> options) {
      this.schemeOptions = Map.copyOf(options);
      return this;
    }

    /** The trigger has no signature scheme at all (the URL is its only credential). */
    public Builder unsigned() {
      this.unsigned = true;
      return this;
    }

    /** Adds an active secret. */
    public Builder secret(Secret secret) {
      secrets.add(Objects.requireNonNull(secret, "secret"));
      return this;
    }

    /** Adds active secrets; during a rotation the old and the new are both active. */
    public Builder secrets(List<Secret> more) {
      for (Secret s : more) {
        secret(s);
      }
      return this;
    }

    /** Whether a signing scheme accepts unsigned deliveries when no secret is set. Off by default. */
    public Builder verifyOptional(boolean verifyOptional) {
      this.verifyOptional = verifyOptional;
      return this;
    }

    /**
     * The body limit in bytes (default {@value WebhookTrigger#DEFAULT_MAX_BODY_BYTES}).
     *
     * @throws PolicyConfigurationException unless 1 to {@value WebhookTrigger#MAX_BODY_LIMIT}
     */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_LIMIT) {
        throw new PolicyConfigurationException(name + ".max-body-bytes",
            "the body limit must be 1 to " + MAX_BODY_LIMIT + " bytes");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The clock timestamps are judged against; the system clock by default. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Where accepted deliveries are remembered; by default a {@link ReplayCache} of
     * {@value ReplayCache#DEFAULT_MAX_ENTRIES} entries of this trigger's own.
     */
    public Builder replayGuard(WebhookSignatureScheme.ReplayGuard guard) {
      this.replayGuard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /**
     * The trigger, checked against the table.
     *
     * @throws PolicyConfigurationException naming the trigger when no scheme was chosen, when a
     *     signing scheme has no secret and {@code verifyOptional} is off, when a secret is set for a
     *     scheme that does not sign, or when the scheme cannot use a secret
     */
    public WebhookTrigger build() {
      WebhookSignatureScheme s = scheme;
      if (unsigned && (s != null || schemeId != null)) {
        throw new PolicyConfigurationException(name, "a trigger is either unsigned() or has a scheme, not both");
      }
      if (!unsigned && s == null && schemeId == null) {
        throw new PolicyConfigurationException(name, "no signature scheme: call scheme(...) or unsigned()");
      }
      if (schemeId != null) {
        s = (loader != null ? WebhookSchemes.discover(loader) : WebhookSchemes.discover()).require(schemeId);
      }
      if (s != null && !schemeOptions.isEmpty()) {
        WebhookSignatureScheme base = s;
        try {
          s = Objects.requireNonNull(base.withOptions(schemeOptions), "withOptions returned nothing");
        } catch (PolicyConfigurationException e) {
          throw new PolicyConfigurationException(name, "scheme " + base.id() + ": " + e.getMessage(), e);
        }
      } else if (s == null && !schemeOptions.isEmpty()) {
        throw new PolicyConfigurationException(name, "scheme options need a scheme");
      }
      boolean signs = s != null && s.signs();
      if (!signs && !secrets.isEmpty()) {
        throw new PolicyConfigurationException(name,
            (s == null ? "the trigger is unsigned" : "scheme " + s.id() + " does not sign")
                + ", so a secret would never be checked; remove it or choose a signing scheme");
      }
      if (signs && secrets.isEmpty() && !verifyOptional) {
        throw new PolicyConfigurationException(name,
            WebhookSignatureScheme.MISCONFIGURED + ": scheme " + s.id()
                + " signs deliveries but no secret is set; set one, or verifyOptional(true) to accept unsigned deliveries explicitly");
      }
      for (Secret secret : secrets) {
        if (secret.isDestroyed()) {
          throw new PolicyConfigurationException(name, "a secret given to the trigger was already destroyed");
        }
      }
      return new WebhookTrigger(this, s);
    }
  }
}
