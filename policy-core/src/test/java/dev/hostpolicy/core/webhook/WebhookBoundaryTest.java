package dev.hostpolicy.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.WebhookHeaders;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Boundaries of the webhook grammar and key generation that mutation testing (docs/assurance.md)
 * showed no test pinned down.
 */
class WebhookBoundaryTest {

  /** A key generator that forgot to draw random bytes would hand every sender the same key. */
  @Test
  void freshKeysAndDeliveryIdsAreRandom() {
    Set<String> ids = new HashSet<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      String id = StandardWebhooksScheme.newDeliveryId();
      assertThat(id).matches("msg_[A-Za-z0-9_-]{24}");
      ids.add(id);
      keys.add(Arrays.toString(StandardWebhooksScheme.newSigningKey().reveal()));
      keys.add(Arrays.toString(StandardWebhooksScheme.newSymmetricSecret().reveal()));
    }
    assertThat(ids).hasSize(20);
    assertThat(keys).hasSize(40);
    assertThat(ids).noneMatch(id -> id.equals("msg_AAAAAAAAAAAAAAAAAAAAAAAA"));
  }

  @Test
  void aTimestampIsOneToTwelveDigits() throws Exception {
    assertThat(Grammar.timestamp("0", "t")).isZero();
    assertThat(Grammar.timestamp("9", "t")).isEqualTo(9);
    assertThat(Grammar.timestamp("999999999999", "t")).isEqualTo(999_999_999_999L);
    assertThat(Grammar.timestamp("1767225600", "t")).isEqualTo(1_767_225_600L);
    for (String bad : new String[] {"", "1000000000000", "/", ":", "1a", "-1", "+1", " 1", "\u0661"}) {
      assertThatThrownBy(() -> Grammar.timestamp(bad, "t")).as(bad).isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.decision().detail()).contains("1 to 12 digits"));
    }
  }

  @Test
  void aSignerWritesOnlyTimestampsAVerifierAccepts() {
    assertThat(Grammar.signingSeconds(Instant.EPOCH)).isEqualTo("0");
    assertThat(Grammar.signingSeconds(Instant.ofEpochSecond(999_999_999_999L))).isEqualTo("999999999999");
    assertThatThrownBy(() -> Grammar.signingSeconds(Instant.ofEpochSecond(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Grammar.signingSeconds(Instant.ofEpochSecond(1_000_000_000_000L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHeaderValueIsAtMost8192Characters() throws Exception {
    Grammar.Header name = Grammar.Header.of("X-Sig");
    assertThat(name).hasToString("X-Sig");
    String atCap = "a".repeat(Grammar.MAX_VALUE_CHARS);
    assertThat(Grammar.single(WebhookHeaders.builder().add("x-sig", atCap).build(), name)).contains(atCap);
    assertThatThrownBy(() -> Grammar.single(WebhookHeaders.builder().add("X-SIG", atCap + "a").build(), name))
        .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.decision().detail()).contains("longer than 8192"));
    assertThatThrownBy(() -> Grammar.single(WebhookHeaders.builder().add("X-Sig", "a").add("x-sig", "b").build(), name))
        .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.decision().detail()).contains("appears 2 times"));
    assertThat(Grammar.single(WebhookHeaders.empty(), name)).isEmpty();
  }

  @Test
  void hexDigitsOfOneCase() throws Exception {
    assertThat(Grammar.lowerHex("00ff", 2, "mac")).containsExactly(0, -1);
    assertThatThrownBy(() -> Grammar.lowerHex("00FF", 2, "mac")).isInstanceOf(Refusal.class);
    assertThatThrownBy(() -> Grammar.lowerHex("00f", 2, "mac")).isInstanceOf(Refusal.class);
    assertThatThrownBy(() -> Grammar.lowerHex("00fg", 2, "mac")).isInstanceOf(Refusal.class);
    assertThatThrownBy(() -> Grammar.lowerHex("00f\u00e9", 2, "mac")).isInstanceOf(Refusal.class);
    assertThat(Grammar.anyCaseHex("00FF", 2, "mac")).containsExactly(0, -1);
    assertThat(Grammar.anyCaseHex("00ff", 2, "mac")).containsExactly(0, -1);
    assertThatThrownBy(() -> Grammar.anyCaseHex("00Ff", 2, "mac")).isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.decision().detail()).contains("4 hexadecimal digits of one case"));
    assertThatThrownBy(() -> Grammar.anyCaseHex("00ff0", 2, "mac")).isInstanceOf(Refusal.class);
  }

  @Test
  void booleanOptionsAreExactlyTrueOrFalse() {
    assertThat(Grammar.booleanOption("k", "true")).isTrue();
    assertThat(Grammar.booleanOption("k", "false")).isFalse();
    for (String bad : new String[] {"TRUE", "yes", "1", "", " true"}) {
      assertThatThrownBy(() -> Grammar.booleanOption("github.legacy-sha1", bad)).as(bad)
          .isInstanceOf(PolicyConfigurationException.class).hasMessageStartingWith("github.legacy-sha1: ");
    }
  }
}
