package dev.hostpolicy.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.net.InetAddresses;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.core.net.BindGuard;
import dev.hostpolicy.core.net.EgressTarget;
import dev.hostpolicy.core.net.HostPattern;
import dev.hostpolicy.core.net.IpAddress;
import dev.hostpolicy.core.net.StaticAddressResolver;
import dev.hostpolicy.testkit.NetArbitraries;
import dev.hostpolicy.testkit.NetArbitraries.IpLiteral;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The strict literal parser against two independent parsers (Guava's InetAddresses and the JDK's
 * literal handling): every valid form means the same bytes, whatever we accept they accept, the
 * canonical text is RFC 5952 (Guava's toAddrString), and every ambiguous numeric host is refused
 * everywhere a host is read.
 */
class IpLiteralProperties {

  @Property(tries = 1000)
  void strictDottedQuadsMeanWhatGuavaAndTheJdkSay(@ForAll("v4") IpLiteral lit) throws Exception {
    IpAddress parsed = IpAddress.parse(lit.text());
    assertThat(parsed).isEqualTo(lit.address());
    assertThat(parsed.toBytes()).isEqualTo(InetAddresses.forString(lit.text()).getAddress());
    assertThat(parsed.toBytes()).isEqualTo(InetAddress.getByName(lit.text()).getAddress()); // a literal: no lookup
    assertThat(parsed.toString()).isEqualTo(lit.text());
  }

  @Property(tries = 2000)
  void ipv6InEveryFormMeansItsAddress(@ForAll("v6") IpLiteral lit) {
    IpAddress parsed = IpAddress.parse(lit.text());
    assertThat(parsed).as(lit.text()).isEqualTo(lit.address());
    InetAddress guava = InetAddresses.forString(lit.text());
    assertThat(IpAddress.of(guava).unmapped()).isEqualTo(parsed.unmapped());
    if (guava instanceof Inet6Address) {
      assertThat(parsed.toString()).isEqualTo(InetAddresses.toAddrString(guava)); // RFC 5952
    } else {
      assertThat(parsed.toString()).isEqualTo("::ffff:" + guava.getHostAddress()); // RFC 5952 section 5
    }
    assertThat(IpAddress.parse(parsed.toString())).isEqualTo(parsed);
  }

  @Property(tries = 3000)
  void whateverWeAcceptGuavaAcceptsWithTheSameBytes(@ForAll("literalish") String text) {
    Optional<IpAddress> ours = IpAddress.tryParse(text);
    if (ours.isPresent()) {
      assertThat(InetAddresses.isInetAddress(text)).as(text).isTrue();
      assertThat(IpAddress.of(InetAddresses.forString(text)).unmapped()).isEqualTo(ours.get().unmapped());
    }
  }

  @Property(tries = 1000)
  void nonStrictTextIsNeverAnAddress(@ForAll("invalid") String text) {
    assertThat(IpAddress.tryParse(text)).as(text).isEmpty();
  }

  @Property(tries = 1500)
  void ambiguousNumericHostsAreRefusedWhereverAHostIsRead(@ForAll("ambiguous") String host) {
    for (String target : new String[] {host, host + ":443", "http://" + host + "/", "https://" + host + ":8443/x"}) {
      PolicyViolationException e = catchThrowableOfType(() -> EgressTarget.parse(target), PolicyViolationException.class);
      assertThat(e).as(target).isNotNull();
      assertThat(e.reason()).as(target).isEqualTo("egress.ambiguous-ip-literal");
    }
    assertThat(IpAddress.tryParse(host)).isEmpty();
    assertThatThrownBy(() -> HostPattern.parse(host)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StaticAddressResolver.builder().add(host, "192.0.2.1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BindGuard.create().check(host + ":80", true, true)).isInstanceOf(PolicyConfigurationException.class);
  }

  @Provide
  Arbitrary<IpLiteral> v4() {
    return NetArbitraries.ipv4Literals();
  }

  @Provide
  Arbitrary<IpLiteral> v6() {
    return NetArbitraries.ipv6Literals();
  }

  @Provide
  Arbitrary<String> invalid() {
    return NetArbitraries.invalidIpLiterals();
  }

  @Provide
  Arbitrary<String> ambiguous() {
    return NetArbitraries.ambiguousIpv4Hosts();
  }

  @Provide
  Arbitrary<String> literalish() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789abcdefABCDEF:.").ofMinLength(1).ofMaxLength(45),
        Arbitraries.strings().withChars("0123:.f").ofMinLength(1).ofMaxLength(20),
        NetArbitraries.invalidIpLiterals(),
        NetArbitraries.ipv6Literals().map(IpLiteral::text));
  }
}
