package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.PolicyConfigurationException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC key, ready to use: a JCE {@link Mac} per thread, initialised with the key once, so a
 * verification pays only for the bytes it hashes (no provider lookup, no re-keying). The JCE's
 * SHA-2 uses the CPU's SHA instructions where the JVM has intrinsics for them; the benchmark
 * {@code WebhookVerifyBenchmark} compares it with Bouncy Castle's {@code HMac}, which is pure Java
 * and slower here.
 */
final class HmacKey {
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;
  private final int length;

  private HmacKey(SecretKeySpec key, int length) {
    this.key = key;
    this.length = length;
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /**
   * A key for {@code algorithm} (a JCE name: {@code HmacSHA256}, {@code HmacSHA512},
   * {@code HmacSHA1}). The caller's array is copied, not kept.
   */
  static HmacKey of(String algorithm, byte[] keyBytes, String schemeId) {
    if (keyBytes.length == 0) {
      throw new PolicyConfigurationException(schemeId, "an HMAC key cannot be empty");
    }
    SecretKeySpec spec = new SecretKeySpec(keyBytes, algorithm);
    try {
      Mac probe = Mac.getInstance(algorithm);
      probe.init(spec);
      return new HmacKey(spec, probe.getMacLength());
    } catch (GeneralSecurityException e) {
      throw new PolicyConfigurationException(schemeId, algorithm + " is not available in this JVM", e);
    }
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(key.getAlgorithm());
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Checked when the key was made, so this cannot happen in a working JVM.
      throw new IllegalStateException(key.getAlgorithm() + " became unavailable", e);
    }
  }

  /** MAC length in bytes. */
  int length() {
    return length;
  }

  /** HMAC over {@code parts}, concatenated, without copying them. */
  byte[] mac(byte[]... parts) {
    Mac mac = macs.get();
    try {
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (RuntimeException e) {
      mac.reset();
      throw e;
    }
  }
}
