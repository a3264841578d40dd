package dev.hostpolicy.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.core.net.EgressTarget;
import dev.hostpolicy.core.net.HostPattern;
import dev.hostpolicy.testkit.NetArbitraries;
import dev.hostpolicy.testkit.NetArbitraries.Homoglyph;
import dev.hostpolicy.testkit.NetArbitraries.UnicodeHost;
import java.util.Locale;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Host-name normalisation: valid names at the 63/253 limits survive unchanged (case, one trailing
 * dot), invalid ones are refused, a unicode name and its published punycode are one host, and a
 * look-alike never matches the ASCII name it imitates.
 */
class HostNameProperties {

  @Property(tries = 1000)
  void validNamesNormaliseToThemselves(@ForAll("names") String host) {
    assertThat(EgressTarget.parse(host).host()).isEqualTo(host);
    assertThat(EgressTarget.parse(host.toUpperCase(Locale.ROOT) + ".").host()).isEqualTo(host);
    assertThat(EgressTarget.parse("https://" + host + "/").host()).isEqualTo(host);
    assertThat(HostPattern.parse(host).host()).isEqualTo(host);
    assertThat(HostPattern.parse("*." + host).matchesHost("x." + host)).isTrue();
  }

  @Property(tries = 500)
  void oneLabelTooLongOrOneCharacterTooManyIsRefused(@ForAll("names") String host) {
    String tooLongLabel = "a".repeat(64) + "." + host;
    assertThat(reason(tooLongLabel)).isEqualTo("egress.malformed-target");
    String padded = host;
    while (padded.length() < 254) {
      padded = "a" + (padded.length() + 64 <= 254 ? "a".repeat(Math.min(62, 252 - padded.length())) + "." : "") + padded;
    }
    if (padded.length() > 253) {
      assertThat(reason(padded)).as(padded).isEqualTo("egress.malformed-target");
    }
  }

  @Property(tries = 200)
  void invalidNamesAreRefused(@ForAll("invalidNames") String host) {
    assertThatThrownBy(() -> EgressTarget.parse(host)).isInstanceOf(PolicyViolationException.class);
    assertThatThrownBy(() -> HostPattern.parse(host)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The punycode side comes from published vectors (IANA IDN test domains), not from java.net.IDN. */
  @Property(tries = 300)
  void unicodeAndItsPunycodeAreOneHost(@ForAll("unicode") UnicodeHost h) {
    assertThat(EgressTarget.parse(h.unicode()).host()).isEqualTo(h.ascii());
    assertThat(EgressTarget.parse(h.ascii()).host()).isEqualTo(h.ascii());
    assertThat(HostPattern.parse(h.unicode())).isEqualTo(HostPattern.parse(h.ascii()));
    assertThat(HostPattern.parse(h.unicode()).matchesHost(EgressTarget.parse(h.ascii()).host())).isTrue();
  }

  @Property(tries = 1000)
  void lookAlikesNeverMatchTheAsciiName(@ForAll("homoglyphs") Homoglyph h) {
    EgressTarget spoof;
    try {
      spoof = EgressTarget.parse(h.lookalike());
    } catch (PolicyViolationException refused) {
      return; // refused outright is fine too
    }
    assertThat(spoof.host()).isNotEqualTo(h.ascii());
    assertThat(HostPattern.parse(h.ascii()).matchesHost(spoof.host())).isFalse();
    assertThat(HostPattern.parse("*." + h.ascii()).matchesHost(spoof.host())).isFalse();
    EgressPolicy policy = EgressPolicy.builder().allow(h.ascii()).build();
    assertThat(policy.check(h.lookalike()).reason()).isEqualTo("egress.not-allowed");
  }

  private static String reason(String target) {
    PolicyViolationException e = catchThrowableOfType(() -> EgressTarget.parse(target), PolicyViolationException.class);
    assertThat(e).as(target).isNotNull();
    return e.reason();
  }

  @Provide
  Arbitrary<String> names() {
    return NetArbitraries.hostNames();
  }

  @Provide
  Arbitrary<String> invalidNames() {
    return NetArbitraries.invalidHostNames();
  }

  @Provide
  Arbitrary<UnicodeHost> unicode() {
    return NetArbitraries.unicodeHosts();
  }

  @Provide
  Arbitrary<Homoglyph> homoglyphs() {
    return NetArbitraries.homoglyphHosts();
  }
}
