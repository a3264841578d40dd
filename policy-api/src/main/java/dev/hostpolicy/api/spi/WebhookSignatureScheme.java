package dev.hostpolicy.api.spi;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.WebhookHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one kind of webhook sender signs its deliveries — {@code github}, {@code stripe},
 * {@code slack}, {@code standard-webhooks}, {@code generic}, or a host's own. Found with
 * {@link java.util.ServiceLoader} by {@link #id()}; register an implementation in
 * {@code META-INF/services/dev.hostpolicy.api.spi.WebhookSignatureScheme} and in
 * {@code module-info} ({@code provides WebhookSignatureScheme with ...}). Two providers with the same
 * id fail discovery, so a jar on the class path cannot replace a built-in scheme.
 *
 * <p>A scheme is an immutable description. {@link #verifier(List)} binds it to the active secrets
 * (several at once during a key rotation) and checks them once, at configuration time;
 * {@link #signer(List)} does the same for a sender. A {@link Verifier} then judges deliveries:
 *
 * <ul>
 *   <li>it works on the <b>raw body bytes</b>, never a decoded string;
 *   <li>it never throws for anything a sender controls: every outcome is a {@link Decision} with one
 *       of the reason codes below — {@value #SIGNATURE_MISSING} when the signature header is absent,
 *       {@value #SIGNATURE_MALFORMED} when a header breaks the scheme's grammar (a repeated
 *       signature header, a bad digit, a missing timestamp next to a signature),
 *       {@value #SIGNATURE_MISMATCH} when a well-formed signature matches no active secret,
 *       {@value #TIMESTAMP_EXPIRED} when a signed timestamp is further than the tolerance from now
 *       in either direction, {@value #REPLAYED} when the {@link ReplayGuard} has seen the delivery;
 *   <li>it compares signatures in constant time (expected value first, see
 *       {@link dev.hostpolicy.api.ConstantTime});
 *   <li>bound to an <b>empty</b> list of secrets, it checks only that a signature header is present
 *       and well formed and otherwise answers {@value #SIGNATURE_MISMATCH} — never allows. The
 *       trigger table uses this to refuse malformed signatures even when unsigned deliveries are
 *       accepted;
 *   <li>a scheme whose signature covers a timestamp reports its tolerance in {@link #tolerance()},
 *       checks it against {@link Context#time()} (inclusive, both directions), and after a
 *       successful check registers an authenticated delivery key with {@link Context#replay()} so a
 *       second copy is refused.
 * </ul>
 *
 * <pre>{@code
 * public final class AcmeScheme implements WebhookSignatureScheme {
 *   public String id() { return "com.acme.hooks"; }
 *   public int priority() { return 100; }
 *   public boolean signs() { return true; }
 *   public Optional<Duration> tolerance() { return Optional.empty(); }
 *   public Verifier verifier(List<Secret> secrets) { ... }
 *   public Signer signer(List<Secret> secrets) { ... }
 * }
 * }</pre>
 *
 * <p>The test kit's {@code WebhookSignatureSchemeContract} is the contract every implementation,
 * HostPolicy's and a host's, must pass.
 */
public interface WebhookSignatureScheme {

  /** No signature header (the delivery is unsigned). */
  String SIGNATURE_MISSING = "webhook.signature-missing";

  /** A signature (or a header it depends on) breaks the scheme's grammar. */
  String SIGNATURE_MALFORMED = "webhook.signature-malformed";

  /** A well-formed signature that matches none of the active secrets. */
  String SIGNATURE_MISMATCH = "webhook.signature-mismatch";

  /** The signed timestamp is outside the tolerance, in the past or in the future. */
  String TIMESTAMP_EXPIRED = "webhook.timestamp-expired";

  /** This delivery was already accepted within the tolerance window. */
  String REPLAYED = "webhook.replayed";

  /** The replay cache is full of live entries; the delivery is refused rather than unchecked. */
  String REPLAY_CACHE_FULL = "webhook.replay-cache-full";

  /** The raw body is larger than the trigger's limit; nothing else was looked at. */
  String BODY_TOO_LARGE = "webhook.body-too-large";

  /** Allowing: the scheme signs but no secret is set and the trigger accepts unsigned deliveries. */
  String UNSIGNED_ACCEPTED = "webhook.unsigned-accepted";

  /** The scheme signs, no secret is set and unsigned deliveries are not accepted. */
  String MISCONFIGURED = "webhook.misconfigured";

  /** The verifier threw; the delivery is refused (fail closed). */
  String VERIFIER_ERROR = "webhook.verifier-error";

  /** Lowercase id, dotted or hyphenated ({@code github}, {@code com.acme.hooks}). */
  String id();

  /** Orders schemes in listings (lower first, then id). Must be stated explicitly. */
  int priority();

  /** Whether deliveries of this scheme carry a signature at all. */
  boolean signs();

  /**
   * How far a signed timestamp may be from now, in either direction, when the signature covers
   * one; empty when the scheme signs no timestamp (and so cannot detect a replay).
   */
  Optional<Duration> tolerance();

  /**
   * This scheme with textual options applied (for configuration files and the CLI), for example
   * {@code legacy-sha1=true} for {@code github} or {@code header=X-Signature} for {@code generic}.
   * The default accepts no options.
   *
   * @throws PolicyConfigurationException naming the option when it is unknown or malformed
   */
  default WebhookSignatureScheme withOptions(Map<String, String> options) {
    Objects.requireNonNull(options, "options");
    if (!options.isEmpty()) {
      String key = options.keySet().iterator().next();
      throw new PolicyConfigurationException(id() + "." + key, "the " + id() + " scheme takes no options");
    }
    return this;
  }

  /**
   * A verifier bound to the active secrets; any one of them may have signed a delivery. An empty
   * list gives a verifier that checks presence and grammar only (see the class documentation).
   *
   * @throws PolicyConfigurationException naming the scheme when a secret is unusable for it (the
   *     message never contains the secret)
   */
  Verifier verifier(List<Secret> secrets);

  /**
   * A signer for senders and tests. Schemes that carry several signatures (stripe,
   * standard-webhooks) sign with every secret; the others need exactly one.
   *
   * @throws PolicyConfigurationException naming the scheme when the secrets are unusable for signing
   */
  Signer signer(List<Secret> secrets);

  /** Judges deliveries against the secrets it was bound to. Thread-safe. */
  @FunctionalInterface
  interface Verifier {
    /**
     * The decision for one delivery. Never throws for anything a sender controls.
     *
     * @param body the raw body bytes, exactly as received
     * @param headers the request headers
     * @param context the clock and the replay guard
     */
    Decision verify(byte[] body, WebhookHeaders headers, Context context);
  }

  /** Produces the headers a sender adds to a delivery. Thread-safe. */
  @FunctionalInterface
  interface Signer {
    /**
     * The headers to add, in the order the scheme's senders emit them.
     *
     * @param body the raw body bytes that will be sent
     * @param timestamp the signing time (whole seconds are used) for schemes that sign one
     * @param deliveryId the delivery id for schemes that carry one; a fresh random id when empty
     * @throws IllegalArgumentException if {@code deliveryId} breaks the scheme's grammar
     */
    WebhookHeaders sign(byte[] body, Instant timestamp, Optional<String> deliveryId);
  }

  /** Remembers accepted deliveries so that a second copy is refused. Thread-safe. */
  @FunctionalInterface
  interface ReplayGuard {
    /**
     * Records {@code key} until {@code expiresAt} and allows, or denies with {@value #REPLAYED}
     * when the key is already recorded (or with {@value #REPLAY_CACHE_FULL} when it cannot be
     * recorded). The key must be covered by the signature, so a sender cannot vary it.
     */
    Decision remember(String key, Instant expiresAt);
  }

  /**
   * What a verifier may use besides the delivery.
   *
   * @param time the clock against which timestamps are judged
   * @param replay where accepted deliveries are recorded
   */
  record Context(TimeSource time, ReplayGuard replay) {
    /** Validates the parts. */
    public Context {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(replay, "replay");
    }
  }
}
