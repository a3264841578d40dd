package dev.hostpolicy.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.Secret;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyKeyTest {

  enum Mode { DENY, ASK, AUTO }

  @Test
  void flagLoosensAwayFromTheStrictValue() {
    PolicyKey<Boolean> insecure = PolicyKeys.ALLOW_INSECURE;
    assertThat(insecure.loosens(false, true)).isTrue();
    assertThat(insecure.loosens(true, false)).isFalse();
    PolicyKey<Boolean> enforce = PolicyKeys.EGRESS_ENFORCE;
    assertThat(enforce.loosens(true, false)).isTrue();
    assertThat(enforce.loosens(false, true)).isFalse();
  }

  @Test
  void limitLoosensWhenRaisedOrTurnedOff() {
    PolicyKey<Long> k = PolicyKeys.MAX_RUN_NODE_EXECUTIONS;
    assertThat(k.loosens(100L, 200L)).isTrue();
    assertThat(k.loosens(100L, 0L)).isTrue();
    assertThat(k.loosens(100L, 50L)).isFalse();
    assertThat(k.loosens(0L, 50L)).isFalse();
    assertThatThrownBy(() -> k.normalize(-1L)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decimalLimitComparesByValue() {
    PolicyKey<BigDecimal> k = PolicyKeys.MAX_RUN_COST_USD;
    assertThat(k.loosens(new BigDecimal("1.00"), new BigDecimal("1.0"))).isFalse();
    assertThat(k.loosens(new BigDecimal("1.00"), new BigDecimal("1.01"))).isTrue();
    assertThat(k.loosens(new BigDecimal("1.00"), BigDecimal.ZERO)).isTrue();
    assertThat(k.loosens(BigDecimal.ZERO, BigDecimal.ONE)).isFalse();
  }

  @Test
  void rateLoosensWhenFaster() {
    PolicyKey<Rate> k = PolicyKeys.LOGIN_RATE_LIMIT;
    assertThat(k.loosens(Rate.perMinute(20), Rate.perMinute(21))).isTrue();
    assertThat(k.loosens(Rate.perMinute(20), Rate.off())).isTrue();
    assertThat(k.loosens(Rate.perMinute(20), Rate.perMinute(5))).isFalse();
  }

  @Test
  void setsLoosenByDirection() {
    PolicyKey<Set<String>> allow = PolicyKeys.EGRESS_ALLOW;
    assertThat(allow.loosens(Set.of("a"), Set.of("a", "b"))).isTrue();
    assertThat(allow.loosens(Set.of("a", "b"), Set.of("a"))).isFalse();
    assertThat(allow.loosens(Set.of("a"), Set.of("b"))).isTrue();
    PolicyKey<Set<String>> deny = PolicyKeys.EGRESS_DENY;
    assertThat(deny.loosens(Set.of("a", "b"), Set.of("a"))).isTrue();
    assertThat(deny.loosens(Set.of("a"), Set.of("a", "b"))).isFalse();
  }

  @Test
  void orderedLoosensTowardsLaterConstants() {
    PolicyKey<Mode> k = PolicyKey.ordered("acme.mode", Mode.class, Mode.DENY, "mode");
    assertThat(k.loosens(Mode.DENY, Mode.ASK)).isTrue();
    assertThat(k.loosens(Mode.AUTO, Mode.ASK)).isFalse();
  }

  @Test
  void secretAndOpaqueChangesAlwaysLoosen() {
    assertThat(PolicyKeys.API_TOKEN.loosens(Optional.empty(), Optional.of(Secret.fromUtf8("0123456789abcdef")))).isTrue();
    assertThat(PolicyKeys.AUDIT_MAX_FILES.loosens(10L, 5L)).isTrue();
    assertThat(PolicyKeys.AUDIT_MAX_FILES.loosens(10L, 10L)).isFalse();
  }

  @Test
  void normalizeChecksTypesAndCopiesSets() {
    assertThatThrownBy(() -> PolicyKeys.EGRESS_ALLOW.normalize("not a set")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PolicyKeys.EGRESS_ALLOW.normalize(Set.of(""))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PolicyKeys.ALLOW_INSECURE.normalize(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PolicyKeys.API_TOKEN.normalize(Optional.of("plain string"))).isInstanceOf(IllegalArgumentException.class);
    java.util.HashSet<String> mutable = new java.util.HashSet<>(Set.of("x"));
    Set<String> normalized = PolicyKeys.EGRESS_ALLOW.normalize(mutable);
    mutable.add("y");
    assertThat(normalized).containsExactly("x");
    assertThatThrownBy(() -> normalized.add("z")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void idsAreDottedLowercase() {
    assertThatThrownBy(() -> PolicyKey.limit("nodot", 1, "d")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PolicyKey.limit("Acme.x", 1, "d")).isInstanceOf(IllegalArgumentException.class);
    assertThat(PolicyKey.limit("acme.max-steps", 1, "d").id()).isEqualTo("acme.max-steps");
  }

  @Test
  void catalogueIdsAreUnique() {
    assertThat(PolicyKeys.all().stream().map(PolicyKey::id)).doesNotHaveDuplicates();
  }
}
