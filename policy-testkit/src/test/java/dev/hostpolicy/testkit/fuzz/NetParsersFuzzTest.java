package dev.hostpolicy.testkit.fuzz;

import static dev.hostpolicy.testkit.fuzz.Fuzz.text;
import static dev.hostpolicy.testkit.fuzz.Fuzz.typed;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.core.net.EgressTarget;
import dev.hostpolicy.core.net.HostHeaderGuard;
import dev.hostpolicy.core.net.HostPattern;
import dev.hostpolicy.core.net.IpAddress;
import java.util.Optional;

/**
 * IP literals, egress targets (authorities and URLs), host patterns and Host/Origin headers: any
 * input yields a result or the documented typed refusal.
 */
class NetParsersFuzzTest {
  private static final HostHeaderGuard HOST_GUARD = HostHeaderGuard.forPort(8080);

  /** {@code parse}, {@code tryParse} and {@code parseWithZone} agree, and a parsed address round-trips. */
  @FuzzTest(maxDuration = "2m")
  void ipLiterals(byte[] data) {
    String s = text(data);
    Optional<IpAddress> tried = IpAddress.tryParse(s);
    try {
      IpAddress a = IpAddress.parse(s);
      assertThat(tried).contains(a);
      assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
      assertThat(IpAddress.tryParse(a.toString())).contains(a);
    } catch (IllegalArgumentException e) {
      typed(e);
      assertThat(tried).isEmpty();
    }
    try {
      IpAddress z = IpAddress.parseWithZone(s);
      assertThat(z.withoutZone().zone()).isEmpty();
    } catch (IllegalArgumentException e) {
      typed(e);
    }
  }

  /** An egress target parses or is refused with a typed {@link PolicyViolationException}. */
  @FuzzTest(maxDuration = "2m")
  void egressTargets(byte[] data) {
    String s = text(data);
    try {
      EgressTarget t = EgressTarget.parse(s);
      assertThat(t.host()).isNotEmpty();
      assertThat(t.authority()).isNotEmpty();
    } catch (PolicyViolationException e) {
      typed(e.decision());
    }
  }

  /** A host pattern parses (and its text form parses to the same pattern) or is refused. */
  @FuzzTest(maxDuration = "2m")
  void hostPatterns(byte[] data) {
    String s = text(data);
    try {
      HostPattern p = HostPattern.parse(s);
      assertThat(HostPattern.parse(p.toString()).toString()).isEqualTo(p.toString());
    } catch (IllegalArgumentException e) {
      typed(e);
    }
  }

  /** Host and Origin header values always get a typed decision. */
  @FuzzTest(maxDuration = "2m")
  void hostAndOriginHeaders(byte[] data) {
    String s = text(data);
    typed(HOST_GUARD.checkHost(s));
    typed(HOST_GUARD.checkOrigin("POST", Optional.of(s)));
  }
}
