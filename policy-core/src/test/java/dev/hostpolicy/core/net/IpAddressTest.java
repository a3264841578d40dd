package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAddressTest {

  /** RFC 4291 section 2.2: the three conventional forms, each pair naming one address. */
  @ParameterizedTest
  @CsvSource({
    "2001:DB8:0:0:8:800:200C:417A, 2001:DB8::8:800:200C:417A",
    "FF01:0:0:0:0:0:0:101, FF01::101",
    "0:0:0:0:0:0:0:1, ::1",
    "0:0:0:0:0:0:0:0, ::",
    "0:0:0:0:0:0:13.1.68.3, ::13.1.68.3",
    "0:0:0:0:0:FFFF:129.144.52.38, ::FFFF:129.144.52.38",
    "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789, abcd:ef01:2345:6789:abcd:ef01:2345:6789",
    "2001:DB8:0:0:8:800:200C:417A, 2001:db8:0:0:8:800:200c:417a"
  })
  void rfc4291TextFormsDenoteOneAddress(String a, String b) {
    assertThat(IpAddress.parse(a)).isEqualTo(IpAddress.parse(b));
  }

  /** RFC 5952 sections 4.1-4.3 and 5: the recommended text representation. */
  @ParameterizedTest
  @CsvSource({
    "2001:0db8::0001, 2001:db8::1",
    "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:DB8::1, 2001:db8::1",
    "::ffff:c000:0280, ::ffff:192.0.2.128",
    "0:0:0:0:0:0:0:0, ::",
    "1:0:0:0:0:0:0:0, 1::",
    "fe80:0:0:0:0:0:0:1, fe80::1"
  })
  void canonicalTextIsRfc5952(String input, String canonical) {
    assertThat(IpAddress.parse(input)).hasToString(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "0177.0.0.1", "127.1", "0x7f.0.0.1", "2130706433", "127.0.0.1.", "127.000.0.1", "256.0.0.1", "1.2.3.4.5",
    "01.2.3.4", "1.2.3", "+1.2.3.4", " 1.2.3.4", "1.2.3.4 ", "\uff11.2.3.4", "\u0661.2.3.4", "1.2.3.4/32",
    ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "::g", ":1::", "1::2:", "[::1]", "::1.2.3.04",
    "1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4", "::1 ", "", "fe80::1%eth0", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::"
  })
  void nonStrictTextIsRefused(String text) {
    assertThat(IpAddress.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zoneIdsOnlyWhenAskedFor() {
    IpAddress scoped = IpAddress.parseWithZone("fe80::1%eth0");
    assertThat(scoped.zone()).contains("eth0");
    assertThat(scoped).hasToString("fe80::1%eth0");
    assertThat(scoped.withoutZone()).isEqualTo(IpAddress.parse("fe80::1"));
    assertThatThrownBy(() -> IpAddress.parseWithZone("10.0.0.1%eth0")).hasMessageContaining("only IPv6");
    assertThatThrownBy(() -> IpAddress.parseWithZone("fe80::1%")).hasMessageContaining("zone id");
    assertThatThrownBy(() -> IpAddress.parseWithZone("fe80::1%eth0/x")).hasMessageContaining("zone id");
  }

  @Test
  void edgesOfIpv4() {
    assertThat(IpAddress.parse("0.0.0.0").isUnspecified()).isTrue();
    assertThat(IpAddress.parse("255.255.255.255").toBytes()).containsExactly(-1, -1, -1, -1);
    assertThat(IpAddress.parse("1.2.3.4").isIpv4()).isTrue();
  }

  @Test
  void loopbackMeansWhatTheKernelMeans() {
    assertThat(IpAddress.parse("127.0.0.1").isLoopback()).isTrue();
    assertThat(IpAddress.parse("127.255.255.254").isLoopback()).isTrue();
    assertThat(IpAddress.parse("::1").isLoopback()).isTrue();
    assertThat(IpAddress.parse("::ffff:127.0.0.1").isLoopback()).isTrue();
    // IPv4-compatible and NAT64 spellings of 127.0.0.1 do not reach this machine's loopback
    assertThat(IpAddress.parse("::127.0.0.1").isLoopback()).isFalse();
    assertThat(IpAddress.parse("64:ff9b::127.0.0.1").isLoopback()).isFalse();
    assertThat(IpAddress.parse("128.0.0.1").isLoopback()).isFalse();
    assertThat(IpAddress.parse("::2").isLoopback()).isFalse();
  }

  @Test
  void unmappedOnlyUnwrapsIpv4Mapped() {
    assertThat(IpAddress.parse("::ffff:10.0.0.1").unmapped()).isEqualTo(IpAddress.parse("10.0.0.1"));
    assertThat(IpAddress.parse("::10.0.0.1").unmapped()).isEqualTo(IpAddress.parse("::10.0.0.1"));
    assertThat(IpAddress.parse("10.0.0.1").unmapped()).isEqualTo(IpAddress.parse("10.0.0.1"));
  }

  @Test
  void toInetAddressNeverLooksUp() throws Exception {
    InetAddress a = IpAddress.parse("192.0.2.1").toInetAddress("named.example");
    assertThat(a).isInstanceOf(Inet4Address.class);
    assertThat(a.getHostName()).isEqualTo("named.example");
    assertThat(IpAddress.parse("2001:db8::1").toInetAddress()).isInstanceOf(Inet6Address.class);
    // the JDK turns mapped bytes into IPv4: the socket really uses the IPv4 address
    assertThat(IpAddress.parse("::ffff:192.0.2.1").toInetAddress()).isInstanceOf(Inet4Address.class);
    assertThat(IpAddress.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}))).isEqualTo(IpAddress.parse("10.0.0.1"));
  }

  @Test
  void orderingIsIpv4ThenIpv6ThenBytes() {
    List<IpAddress> sorted = java.util.stream.Stream.of("::1", "10.0.0.2", "10.0.0.10", "::")
        .map(IpAddress::parse).sorted().toList();
    assertThat(sorted).extracting(IpAddress::toString).containsExactly("10.0.0.2", "10.0.0.10", "::", "::1");
    assertThat(IpAddress.parse("::1").toUriHost()).isEqualTo("[::1]");
    assertThatThrownBy(() -> IpAddress.ofBytes(new byte[5])).isInstanceOf(IllegalArgumentException.class);
  }
}
