package dev.hostpolicy.benchmarks.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.StandardWebhooksScheme;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifying a Standard Webhooks {@code v1a} (Ed25519) delivery of 1 KiB through our verifier, which
 * uses Bouncy Castle's lightweight Ed25519 on the raw {@code whpk_} key, next to its anchor: the
 * JDK's own EdDSA ({@code Signature.getInstance("Ed25519")}) verifying the same signature over the
 * same bytes — what a host would otherwise write.
 *
 * <pre>{@code
 * benchmarks/run Ed25519Verify
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519VerifyBenchmark {
  private byte[] body;
  private WebhookHeaders headers;
  private WebhookSignatureScheme.Verifier verifier;
  private WebhookSignatureScheme.Context context;
  private byte[] message;
  private byte[] signature;
  private PublicKey jdkKey;

  @Setup
  public void setUp() throws Exception {
    body = new byte[1024];
    new SecureRandom().nextBytes(body);
    Instant now = Instant.ofEpochSecond(1_700_000_000L);
    Secret signing = StandardWebhooksScheme.newSigningKey();
    Secret publicKey = StandardWebhooksScheme.publicKeyOf(signing);
    headers = new StandardWebhooksScheme().signer(List.of(signing)).sign(body, now, Optional.of("msg_bench"));
    verifier = new StandardWebhooksScheme().verifier(List.of(publicKey));
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
    if (!verifier.verify(body, headers, context).allowed()) {
      throw new IllegalStateException("the v1a delivery does not verify");
    }

    byte[] prefix = ("msg_bench." + now.getEpochSecond() + ".").getBytes(StandardCharsets.US_ASCII);
    message = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, message, 0, prefix.length);
    System.arraycopy(body, 0, message, prefix.length, body.length);
    signature = Base64.getDecoder().decode(headers.first("webhook-signature").orElseThrow().substring(4));
    byte[] raw = Base64.getDecoder().decode(publicKey.revealUtf8().substring(5));
    byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
    jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    if (!anchorJdkEd25519Verify()) {
      throw new IllegalStateException("the JDK does not verify the same signature");
    }
  }

  /** Ours: the v1a verifier (headers, Base64, timestamp, Bouncy Castle Ed25519). */
  @Benchmark
  public Decision verifyStandardWebhooksV1a() {
    return verifier.verify(body, headers, context);
  }

  /** Anchor: the JDK's EdDSA verifying the same signature over the same message. */
  @Benchmark
  public boolean anchorJdkEd25519Verify() throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initVerify(jdkKey);
    s.update(message);
    return s.verify(signature);
  }
}
