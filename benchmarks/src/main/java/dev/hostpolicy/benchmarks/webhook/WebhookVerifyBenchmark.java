package dev.hostpolicy.benchmarks.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.GithubScheme;
import dev.hostpolicy.core.webhook.StandardWebhooksScheme;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifying a signed webhook delivery of 1 KiB and 1 MiB, next to its anchor: a bare, already-keyed
 * JDK {@link Mac#doFinal(byte[])} over the same bytes — the least any HMAC check pays. The target
 * is at least 0.95× the anchor's throughput. The Bouncy Castle row is the alternative HMAC
 * implementation, measured so the faster one is used.
 *
 * <ul>
 *   <li>{@code verifyGithub} — the whole trigger path: body limit, header grammar, HMAC-SHA256 of the
 *       body, constant-time compare;
 *   <li>{@code verifyStandardWebhooks} — the {@code v1} verifier: three headers, Base64, the
 *       {@code id.ts.} prefix and the timestamp check (the replay guard is a no-op here so one
 *       delivery can be verified repeatedly);
 *   <li>{@code bouncyCastleHmacSha256} — Bouncy Castle's {@code HMac(SHA256Digest)} over the body.
 * </ul>
 *
 * <pre>{@code
 * benchmarks/run WebhookVerify
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WebhookVerifyBenchmark {

  @Param({"1024", "1048576"})
  public int size;

  private byte[] body;
  private WebhookTrigger github;
  private WebhookHeaders githubHeaders;
  private WebhookSignatureScheme.Verifier standard;
  private WebhookHeaders standardHeaders;
  private WebhookSignatureScheme.Context context;
  private Mac jdk;
  private HMac bouncyCastle;
  private byte[] bcOut;

  @Setup
  public void setUp() throws Exception {
    SecureRandom random = new SecureRandom();
    body = new byte[size];
    random.nextBytes(body);
    byte[] key = new byte[32];
    random.nextBytes(key);
    Secret secret = Secret.of(key);

    github = WebhookTrigger.builder("bench").scheme(new GithubScheme()).secret(secret).build();
    githubHeaders = new GithubScheme().signer(List.of(secret)).sign(body, Instant.EPOCH, Optional.empty());
    if (!github.verify(body, githubHeaders).allowed()) {
      throw new IllegalStateException("the github delivery does not verify");
    }

    Instant now = Instant.ofEpochSecond(1_700_000_000L);
    Secret whsec = StandardWebhooksScheme.newSymmetricSecret();
    standard = new StandardWebhooksScheme().verifier(List.of(whsec));
    standardHeaders = new StandardWebhooksScheme().signer(List.of(whsec)).sign(body, now, Optional.of("msg_bench"));
    TimeSource fixed = new TimeSource() {
      @Override
      public Instant now() {
        return now;
      }

      @Override
      public long nanoTime() {
        return 0;
      }
    };
    context = new WebhookSignatureScheme.Context(fixed, (k, expires) -> Decision.allow());
    if (!standard.verify(body, standardHeaders, context).allowed()) {
      throw new IllegalStateException("the standard-webhooks delivery does not verify");
    }

    jdk = Mac.getInstance("HmacSHA256");
    jdk.init(new SecretKeySpec(key, "HmacSHA256"));
    bouncyCastle = new HMac(new SHA256Digest());
    bouncyCastle.init(new KeyParameter(key));
    bcOut = new byte[bouncyCastle.getMacSize()];
  }

  /** Ours: a GitHub delivery through a trigger. */
  @Benchmark
  public Decision verifyGithub() {
    return github.verify(body, githubHeaders);
  }

  /** Ours: a Standard Webhooks v1 delivery through the scheme's verifier. */
  @Benchmark
  public Decision verifyStandardWebhooks() {
    return standard.verify(body, standardHeaders, context);
  }

  /** The alternative HMAC: Bouncy Castle's lightweight {@code HMac} with {@code SHA256Digest}. */
  @Benchmark
  public byte[] bouncyCastleHmacSha256() {
    bouncyCastle.update(body, 0, body.length);
    bouncyCastle.doFinal(bcOut, 0);
    return bcOut;
  }

  /** Anchor: a keyed JCE {@code Mac.doFinal} over the same bytes. */
  @Benchmark
  public byte[] anchorJdkMacDoFinal() {
    return jdk.doFinal(body);
  }
}
