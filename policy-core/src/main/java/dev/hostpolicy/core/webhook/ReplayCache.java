package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The in-memory replay defence: remembers each accepted delivery until its timestamp leaves the
 * tolerance window, and refuses a second copy in the meantime. After that the scheme's own
 * freshness check refuses the copy, so nothing needs remembering longer.
 *
 * <p><b>Bounded memory.</b> Keys are stored as their SHA-256 digest, so every entry costs the same
 * whatever the sender put in its delivery id — about 200 bytes with the map and queue overhead. At
 * most {@link #maxEntries()} live entries are kept (default {@value #DEFAULT_MAX_ENTRIES}, about
 * 2 MB); expired entries are dropped on every call. Only deliveries whose signature already
 * verified reach the cache, so filling it takes the signing secret. When it is full of live
 * entries it <em>refuses</em> the delivery ({@value WebhookSignatureScheme#REPLAY_CACHE_FULL})
 * rather than accept one it could not remember — size it above your peak rate times the tolerance
 * (a trigger limited to 120 deliveries a minute with a 300 s tolerance needs 600).
 *
 * <p>The cache is per process: deliveries accepted by another replica are not seen. Share one
 * instance between triggers if you like; triggers prefix keys with their name.
 *
 * <pre>{@code
 * ReplayCache cache = ReplayCache.bounded(50_000, TimeSource.system());
 * WebhookTrigger trigger = WebhookTrigger.builder("events")
 *     .scheme(new StandardWebhooksScheme())
 *     .secret(secret)
 *     .replayGuard(cache)
 *     .build();
 * }</pre>
 */
public final class ReplayCache implements WebhookSignatureScheme.ReplayGuard {
  private static final System.Logger LOG = System.getLogger(ReplayCache.class.getName());

  /** The default number of live entries. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  private record Digest(long a, long b, long c, long d) {}

  private record Pending(Instant expiresAt, Digest key) {}

  private final int maxEntries;
  private final TimeSource time;
  private final Map<Digest, Instant> live = new HashMap<>();
  private final PriorityQueue<Pending> byExpiry =
      new PriorityQueue<>((x, y) -> x.expiresAt().compareTo(y.expiresAt()));
  private final MessageDigest sha256;

  private ReplayCache(int maxEntries, TimeSource time) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("a replay cache needs room for at least one entry");
    }
    this.maxEntries = maxEntries;
    this.time = Objects.requireNonNull(time, "time");
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** A cache of {@value #DEFAULT_MAX_ENTRIES} entries on {@code time}. */
  public static ReplayCache create(TimeSource time) {
    return new ReplayCache(DEFAULT_MAX_ENTRIES, time);
  }

  /** A cache of at most {@code maxEntries} live entries on {@code time}. */
  public static ReplayCache bounded(int maxEntries, TimeSource time) {
    return new ReplayCache(maxEntries, time);
  }

  /** The most live entries kept. */
  public int maxEntries() {
    return maxEntries;
  }

  /** The live entries right now (expired ones are dropped first). */
  public synchronized int size() {
    purge(time.now());
    return live.size();
  }

  @Override
  public synchronized Decision remember(String key, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Instant now = time.now();
    purge(now);
    if (now.isAfter(expiresAt)) {
      // Already outside its window: the freshness check refuses any copy, nothing to remember.
      return Decision.allow();
    }
    Digest d = digest(key);
    if (live.containsKey(d)) {
      return Decision.deny(WebhookSignatureScheme.REPLAYED,
          "delivery already accepted within its tolerance window (" + SafeText.clean(key, 120) + ")");
    }
    if (live.size() >= maxEntries) {
      LOG.log(Level.WARNING, "webhook replay cache is full (" + maxEntries + " live entries); refusing deliveries");
      return Decision.deny(WebhookSignatureScheme.REPLAY_CACHE_FULL,
          "the replay cache holds " + maxEntries + " live deliveries; refusing rather than accepting unchecked");
    }
    live.put(d, expiresAt);
    byExpiry.add(new Pending(expiresAt, d));
    return Decision.allow();
  }

  private void purge(Instant now) {
    Pending head;
    while ((head = byExpiry.peek()) != null && now.isAfter(head.expiresAt())) {
      byExpiry.poll();
      live.remove(head.key(), head.expiresAt());
    }
  }

  private Digest digest(String key) {
    ByteBuffer b = ByteBuffer.wrap(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    return new Digest(b.getLong(), b.getLong(), b.getLong(), b.getLong());
  }

  @Override
  public String toString() {
    return "ReplayCache[max=" + maxEntries + "]";
  }
}
