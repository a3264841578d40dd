package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressClassifierTest {
  private static final AddressClassifier C = AddressClassifier.standard();

  private static AddressCategory cat(String ip) {
    return C.classify(IpAddress.parse(ip)).category();
  }

  /**
   * IANA IPv4 Special-Purpose Address Registry (https://www.iana.org/assignments/iana-ipv4-special-registry/),
   * first and last address of each block, plus the multicast (RFC 5771) and reserved (RFC 1112) spaces.
   */
  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, unspecified", "0.0.0.1, this-network", "0.255.255.255, this-network",
    "10.0.0.0, private-use", "10.255.255.255, private-use",
    "100.64.0.0, shared-address-space", "100.127.255.255, shared-address-space",
    "127.0.0.0, loopback", "127.255.255.255, loopback",
    "169.254.0.0, link-local", "169.254.255.255, link-local",
    "172.16.0.0, private-use", "172.31.255.255, private-use",
    "192.0.0.0, special-purpose", "192.0.0.255, special-purpose", "192.0.0.9, special-purpose", "192.0.0.170, special-purpose",
    "192.0.2.0, documentation", "192.0.2.255, documentation",
    "192.31.196.0, special-purpose", "192.52.193.255, special-purpose",
    "192.88.99.0, special-purpose", "192.88.99.255, special-purpose",
    "192.168.0.0, private-use", "192.168.255.255, private-use",
    "192.175.48.0, special-purpose",
    "198.18.0.0, benchmarking", "198.19.255.255, benchmarking",
    "198.51.100.0, documentation", "203.0.113.255, documentation",
    "224.0.0.0, multicast", "239.255.255.255, multicast",
    "240.0.0.0, reserved", "255.255.255.254, reserved", "255.255.255.255, broadcast"
  })
  void ianaIpv4Registry(String ip, String slug) {
    assertThat(cat(ip).slug()).isEqualTo(slug);
  }

  /** The neighbours just outside the blocks above are public. */
  @ParameterizedTest
  @ValueSource(strings = {
    "1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0",
    "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "191.255.255.255", "192.0.1.0", "192.0.3.0",
    "192.88.98.255", "192.88.100.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0",
    "198.51.99.255", "198.51.101.0", "203.0.112.255", "203.0.114.0", "223.255.255.255"
  })
  void neighboursOutsideTheIpv4BlocksArePublic(String ip) {
    assertThat(cat(ip)).isEqualTo(AddressCategory.PUBLIC);
  }

  /** IANA IPv6 Special-Purpose Address Registry, plus ff00::/8, fec0::/10 and space outside 2000::/3. */
  @ParameterizedTest
  @CsvSource({
    "::, unspecified", "::1, loopback",
    "100::, discard-only", "100::ffff:ffff:ffff:ffff, discard-only", "100:0:0:1::, reserved",
    "2001:1::1, special-purpose", "2001:1::2, special-purpose", "2001:2::, benchmarking", "2001:2:0:ffff::1, benchmarking",
    "2001:3::1, special-purpose", "2001:4:112::1, special-purpose", "2001:10::1, special-purpose",
    "2001:20::1, special-purpose", "2001:30::1, special-purpose", "2001:1ff:ffff::1, special-purpose",
    "2001:200::1, public",
    "2001:db8::, documentation", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, documentation", "2001:db9::, public",
    "2620:4f:8000::1, special-purpose", "3fff::, documentation", "3fff:fff:ffff::1, documentation", "3fff:1000::, public",
    "5f00::1, special-purpose", "fc00::, unique-local", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, unique-local",
    "fe80::, link-local", "febf:ffff::1, link-local", "fec0::, site-local", "feff::1, site-local",
    "ff00::, multicast", "ff02::2, multicast", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, multicast",
    "2000::, public", "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, public", "1fff:ffff::1, reserved", "4000::, reserved",
    "::2:0:0:0, reserved", "fbff::1, reserved"
  })
  void ianaIpv6Registry(String ip, String slug) {
    assertThat(cat(ip).slug()).isEqualTo(slug);
  }

  /** Cloud metadata endpoints are named as such, also when embedded. */
  @ParameterizedTest
  @ValueSource(strings = {
    "169.254.169.254", "169.254.170.2", "169.254.170.23", "169.254.42.42", "100.100.100.200", "168.63.129.16",
    "192.0.0.192", "fd00:ec2::254", "fd00:ec2::23", "fd20:ce::254", "fd00:42::42", "fe80::a9fe:a9fe",
    "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "::169.254.169.254"
  })
  void metadataEndpoints(String ip) {
    assertThat(cat(ip)).isEqualTo(AddressCategory.METADATA_ENDPOINT);
  }

  /**
   * Smokescreen's classification table (stripe/smokescreen pkg/smokescreen/smokescreen_test.go,
   * TestClassifyAddr): the same facts, with one deliberate difference — smokescreen blocks every IPv6
   * embedding wholesale, we unwrap and judge, so NAT64/6to4 of 8.8.8.8 are public here — and one
   * stricter verdict: 64:ff9c::1 lies outside 2000::/3 and is reserved.
   */
  @ParameterizedTest
  @CsvSource({
    "8.8.8.8, public", "10.0.0.1, private-use", "172.16.0.1, private-use", "192.168.0.1, private-use",
    "100.64.0.1, shared-address-space", "100.64.0.100, shared-address-space", "100.127.255.254, shared-address-space",
    "100.63.255.254, public", "100.128.0.1, public", "127.0.0.1, loopback", "127.255.255.255, loopback", "::1, loopback",
    "169.254.169.254, metadata-endpoint", "255.255.255.255, broadcast", "ff02:0:0:0:0:0:0:2, multicast",
    "64:ff9b::ac1c:5, private-use", "64:ff9b::c000:201, documentation", "64:ff9b::a00:1, private-use",
    "64:ff9b::808:808, public", "64:ff9b::ffff:ffff, broadcast",
    "2002:c000:201::1, documentation", "2002:a00:1::1, private-use", "2002:808:808::1, public",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2, documentation",
    "2001:4860:4860::8888, public", "2606:4700:4700::1111, public", "64:ff9c::1, reserved"
  })
  void smokescreenClassificationTable(String ip, String slug) {
    assertThat(cat(ip).slug()).isEqualTo(slug);
  }

  /**
   * Every block of the IPv4 blocklist of the ssrf_filter gem (arkadiyt/ssrf_filter,
   * lib/ssrf_filter/ssrf_filter.rb IPV4_BLACKLIST / IPV6_BLACKLIST) is non-public here too, in
   * native, IPv4-mapped and IPv4-compatible form.
   */
  @ParameterizedTest
  @ValueSource(strings = {
    "0.0.0.0", "10.0.0.0", "100.64.0.0", "127.0.0.0", "169.254.0.0", "172.16.0.0", "192.0.0.0", "192.0.2.0",
    "192.88.99.0", "192.168.0.0", "198.18.0.0", "198.51.100.0", "203.0.113.0", "224.0.0.0", "240.0.0.0", "255.255.255.255"
  })
  void ssrfFilterIpv4BlocklistIsNonPublicInEveryForm(String v4) {
    assertThat(C.classify(IpAddress.parse(v4)).isPublic()).isFalse();
    assertThat(C.classify(IpAddress.parse("::ffff:" + v4)).isPublic()).isFalse();
    assertThat(C.classify(IpAddress.parse("::" + v4)).isPublic()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"::1", "100::1", "2001:10::1", "2001:20::1", "2001:db8::1", "fc00::1", "fe80::1", "ff00::1"})
  void ssrfFilterIpv6BlocklistIsNonPublic(String v6) {
    assertThat(C.classify(IpAddress.parse(v6)).isPublic()).isFalse();
  }

  /** RFC 6052 section 2.4, table: 192.0.2.33 embedded under each prefix length. */
  @ParameterizedTest
  @CsvSource({
    "2001:db8::, 32, 2001:db8:c000:221::",
    "2001:db8:100::, 40, 2001:db8:1c0:2:21::",
    "2001:db8:122::, 48, 2001:db8:122:c000:2:2100::",
    "2001:db8:122:300::, 56, 2001:db8:122:3c0:0:221::",
    "2001:db8:122:344::, 64, 2001:db8:122:344:c0:2:2100:0",
    "2001:db8:122:344::, 96, 2001:db8:122:344::192.0.2.33",
    "64:ff9b::, 96, 64:ff9b::192.0.2.33"
  })
  void rfc6052Section24Examples(String prefix, int length, String embedded) {
    Nat64Prefix p = Nat64Prefix.of(IpAddress.parse(prefix), length);
    IpAddress v4 = IpAddress.parse("192.0.2.33");
    assertThat(p.embed(v4)).isEqualTo(IpAddress.parse(embedded));
    assertThat(p.extract(IpAddress.parse(embedded))).contains(v4);
    AddressClassification c = AddressClassifier.withNat64Prefixes(p).classify(IpAddress.parse(embedded));
    assertThat(c.category()).isEqualTo(AddressCategory.DOCUMENTATION);
    assertThat(c.embedded()).map(AddressClassification.Embedded::ipv4).contains(v4);
  }

  @Test
  void nat64PrefixRulesOfRfc6052() {
    assertThatThrownBy(() -> Nat64Prefix.of(IpAddress.parse("2001:db8::"), 33)).hasMessageContaining("32, 40, 48");
    assertThatThrownBy(() -> Nat64Prefix.of(IpAddress.parse("2001:db8::1"), 96)).hasMessageContaining("must be zero");
    assertThatThrownBy(() -> Nat64Prefix.of(IpAddress.parse("10.0.0.0"), 96)).hasMessageContaining("IPv6");
    Nat64Prefix p40 = Nat64Prefix.of(IpAddress.parse("2001:db8:100::"), 40);
    assertThat(p40.extract(IpAddress.parse("2001:db8:1c0:2:121::"))).isEmpty(); // u octet set
    assertThat(p40.extract(IpAddress.parse("2001:db9:1c0:2:21::"))).isEmpty(); // other prefix
    assertThat(p40).hasToString("2001:db8:100::/40");
  }

  /**
   * RFC 4380 section 4: client behind NAT with external 192.0.2.45:40000, server 65.54.227.120, cone
   * flag set. Both embedded addresses are judged: the client is in TEST-NET-1.
   */
  @Test
  void rfc4380TeredoExample() {
    AddressClassification c = C.classify(IpAddress.parse("2001:0000:4136:e378:8000:63bf:3fff:fdd2"));
    assertThat(c.category()).isEqualTo(AddressCategory.DOCUMENTATION);
    assertThat(c.embedded()).map(AddressClassification.Embedded::ipv4).contains(IpAddress.parse("192.0.2.45"));
    assertThat(c.embedded().orElseThrow().wrapping()).contains("client");
  }

  @Test
  void teredoWithPrivateServerOrClientIsNotPublic() {
    // server 10.0.0.1, client ~(8.8.8.8) = f7f7:f7f7
    assertThat(cat("2001:0:a00:1::f7f7:f7f7")).isEqualTo(AddressCategory.PRIVATE_USE);
    // server 8.8.8.8, client ~(127.0.0.1) = 80ff:fffe
    assertThat(cat("2001:0:808:808::80ff:fffe")).isEqualTo(AddressCategory.LOOPBACK);
    // server 8.8.8.8, client ~(8.8.4.4) = f7f7:fbfb
    assertThat(cat("2001:0:808:808::f7f7:fbfb")).isEqualTo(AddressCategory.PUBLIC);
  }

  @ParameterizedTest
  @CsvSource({
    "::ffff:127.0.0.1, loopback", "::ffff:7f00:1, loopback", "::ffff:0:7f00:1, loopback", "::127.0.0.1, loopback",
    "64:ff9b::7f00:1, loopback", "2002:7f00:1::, loopback", "::ffff:10.1.2.3, private-use", "::ffff:8.8.8.8, public",
    "64:ff9b:1::808:808, public", "64:ff9b:1::a00:1, private-use", "64:ff9b::0:0, unspecified"
  })
  void embeddedIpv4IsUnwrappedAndJudged(String ip, String slug) {
    assertThat(cat(ip).slug()).isEqualTo(slug);
  }

  @Test
  void localUseNat64IsJudgedUnderEveryConsistentLayout() {
    // 127.0.0.1 under the /48 layout: bytes 6,7 = 7f00 and 9,10 = 0001 -> 64:ff9b:1:7f00:0:100::
    IpAddress slash48 = IpAddress.parse("64:ff9b:1:7f00:0:100::");
    assertThat(Nat64Prefix.read(slash48, 48)).isEqualTo(IpAddress.parse("127.0.0.1"));
    assertThat(C.classify(slash48).isPublic()).isFalse();
    Nat64Prefix local64 = Nat64Prefix.of(IpAddress.parse("64:ff9b:1::"), 64);
    // 8.8.8.8 under /64: the consistent readings are /64 (8.8.8.8) and /96 (8.0.0.0), both public
    assertThat(C.classify(local64.embed(IpAddress.parse("8.8.8.8"))).isPublic()).isTrue();
    // 8.8.8.10 under /64 also reads as 10.0.0.0 under /96: without knowing the layout, that denies
    assertThat(C.classify(local64.embed(IpAddress.parse("8.8.8.10"))).category()).isEqualTo(AddressCategory.PRIVATE_USE);
    // told the network-specific layout, only that reading counts
    assertThat(AddressClassifier.withNat64Prefixes(local64).classify(local64.embed(IpAddress.parse("8.8.8.10"))).isPublic())
        .isTrue();
  }

  @Test
  void describeNamesTheBlockAndItsSource() {
    assertThat(C.classify(IpAddress.parse("10.0.0.7")).describe())
        .isEqualTo("10.0.0.7 is private-use in 10.0.0.0/8 (Private-Use, RFC 1918)");
    assertThat(C.classify(IpAddress.parse("64:ff9b::a00:7")).describe())
        .contains("embeds 10.0.0.7 via NAT64 well-known prefix 64:ff9b::/96 (RFC 6052)").contains("RFC 1918");
  }

  /**
   * Why a classifier is needed at all: the JDK's predicates know loopback, link-local, site-local
   * (RFC 1918), wildcard and multicast — and nothing about shared address space, documentation,
   * benchmarking, reserved, NAT64, 6to4, Teredo or metadata endpoints.
   */
  @ParameterizedTest
  @ValueSource(strings = {"100.64.0.1", "192.0.2.1", "198.18.0.1", "240.0.0.1", "64:ff9b::7f00:1", "2002:a00:1::1",
      "fd00:ec2::254", "168.63.129.16", "100.100.100.200", "::127.0.0.1", "2001:db8::1"})
  void jdkPredicatesMissWhatTheClassifierCatches(String ip) throws Exception {
    InetAddress jdk = InetAddress.getByAddress(IpAddress.parse(ip).toBytes());
    boolean jdkFlags = jdk.isAnyLocalAddress() || jdk.isLoopbackAddress() || jdk.isLinkLocalAddress()
        || jdk.isSiteLocalAddress() || jdk.isMulticastAddress();
    assertThat(jdkFlags).as("JDK flags %s", ip).isFalse();
    assertThat(C.classify(IpAddress.parse(ip)).isPublic()).as("classifier on %s", ip).isFalse();
  }

  @Test
  void slugsRoundTrip() {
    for (AddressCategory c : AddressCategory.values()) {
      assertThat(AddressCategory.ofSlug(c.slug())).isEqualTo(c);
    }
    assertThatThrownBy(() -> AddressCategory.ofSlug("nope")).isInstanceOf(IllegalArgumentException.class);
  }

  /** The bucketed lookup is a longest-prefix match: no row is shadowed by a less specific one. */
  @Test
  void noRowIsShadowedByALessSpecificOne() {
    for (SpecialRanges.Range r : SpecialRanges.ipv4()) {
      IpAddress first = IpAddress.parse(r.block().substring(0, r.block().indexOf('/')));
      SpecialRanges.Range found = SpecialRanges.lookupV4(first.ipv4Int());
      assertThat(found.prefix()).as(r.block()).isGreaterThanOrEqualTo(r.prefix());
      assertThat(found.containsV4(first.ipv4Int())).isTrue();
    }
    for (SpecialRanges.Range r : SpecialRanges.ipv6()) {
      IpAddress first = IpAddress.parse(r.block().substring(0, r.block().indexOf('/')));
      SpecialRanges.Range found = SpecialRanges.lookupV6(first.hi(), first.lo());
      assertThat(found.prefix()).as(r.block()).isGreaterThanOrEqualTo(r.prefix());
      assertThat(found.containsV6(first.hi(), first.lo())).isTrue();
    }
  }
}
