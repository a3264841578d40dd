package dev.hostpolicy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void neverShowsItsValue() {
    Secret s = Secret.fromUtf8("hunter2-hunter2-hunter2");
    assertThat(s.toString()).isEqualTo("[redacted]");
    assertThat(String.valueOf(s)).doesNotContain("hunter2");
  }

  @Test
  void equalityIsIdentityOnly() {
    Secret a = Secret.fromUtf8("same-value-1234567");
    Secret b = Secret.fromUtf8("same-value-1234567");
    assertThat(a).isNotEqualTo(b);
    assertThat(a.matches(b)).isTrue();
  }

  @Test
  void matchesOnlyTheSameBytes() {
    Secret s = Secret.of(new byte[] {1, 2, 3});
    assertThat(s.matches(new byte[] {1, 2, 3})).isTrue();
    assertThat(s.matches(new byte[] {1, 2, 4})).isFalse();
    assertThat(s.matches(new byte[] {1, 2})).isFalse();
    assertThat(s.matches(new byte[] {1, 2, 3, 0})).isFalse();
    assertThat(s.matches((byte[]) null)).isFalse();
    assertThat(s.matches(new byte[0])).isFalse();
  }

  @Test
  void copiesItsInput() {
    byte[] raw = {9, 9, 9};
    Secret s = Secret.of(raw);
    raw[0] = 0;
    assertThat(s.matches(new byte[] {9, 9, 9})).isTrue();
    byte[] revealed = s.reveal();
    revealed[0] = 1;
    assertThat(s.matches(new byte[] {9, 9, 9})).isTrue();
  }

  @Test
  void destroyZeroesAndDisablesEveryUse() {
    Secret s = Secret.fromUtf8("abcdefghijklmnop");
    s.destroy();
    assertThat(s.isDestroyed()).isTrue();
    assertThat(s.matches("abcdefghijklmnop")).isFalse();
    assertThat(s.matches(new byte[16])).as("zeroed bytes must not match either").isFalse();
    assertThatThrownBy(s::reveal).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::revealUtf8).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::length).isInstanceOf(IllegalStateException.class);
    s.destroy();
  }

  @Test
  void withBytesZeroesTheCopy() {
    Secret s = Secret.fromUtf8("abcdefghijklmnop");
    byte[][] seen = new byte[1][];
    int len = s.withBytes(b -> {
      seen[0] = b;
      return b.length;
    });
    assertThat(len).isEqualTo(16);
    assertThat(seen[0]).containsOnly((byte) 0);
  }

  @Test
  void rejectsEmptyAndInvalidUnicode() {
    assertThatThrownBy(() -> Secret.of(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secret.fromUtf8("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secret.fromUtf8("ab\ud800cd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("ab");
  }

  @Test
  void utf8RoundTrip() {
    Secret s = Secret.fromUtf8("pässwörd-ünïcødé-🔑");
    assertThat(s.revealUtf8()).isEqualTo("pässwörd-ünïcødé-🔑");
    assertThat(s.matches("pässwörd-ünïcødé-🔑".getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  /** Regression: a lone surrogate used to be encoded as '?' and so matched a secret holding '?'. */
  @Test
  void aCandidateWithALoneSurrogateNeverMatches() {
    Secret s = Secret.fromUtf8("abc?def?ghijklmnop");
    assertThat(s.matches("abc\ud800def\udfffghijklmnop")).isFalse();
    assertThat(s.matches("abc?def?ghijklmnop")).isTrue();
    Secret pair = Secret.fromUtf8("key-\ud83d\udd11-0123456789");
    assertThat(pair.matches("key-\ud83d\udd11-0123456789")).isTrue();
    assertThat(pair.matches("key-\udd11\ud83d-0123456789")).isFalse();
  }

  @Test
  void charSequenceMatchAgreesWithTheJdkEncoderOnWellFormedText() {
    for (String text : new String[] {"a", "é", "€", "\u07ff", "\u0800", "\uffff", "\ud800\udc00", "\udbff\udfff", "mix-é€🔑"}) {
      Secret s = Secret.of(text.getBytes(StandardCharsets.UTF_8));
      assertThat(s.matches(text)).as(text).isTrue();
      assertThat(s.matches(new StringBuilder(text))).as(text).isTrue();
      assertThat(s.matches(text + "x")).as(text).isFalse();
    }
  }
}
