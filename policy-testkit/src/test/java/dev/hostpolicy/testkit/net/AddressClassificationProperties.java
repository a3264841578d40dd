package dev.hostpolicy.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.net.AddressCategory;
import dev.hostpolicy.core.net.AddressClassifier;
import dev.hostpolicy.core.net.IpAddress;
import dev.hostpolicy.testkit.NetArbitraries;
import dev.hostpolicy.testkit.NetArbitraries.AddressSample;
import dev.hostpolicy.testkit.NetArbitraries.EmbeddedSample;
import dev.hostpolicy.testkit.ReferenceAddressModel;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The classifier against the test kit's independent reference model of the IANA registries: at the
 * first and last address of every block and just outside it, on random addresses, and through every
 * IPv6 wrapping of every IPv4 category.
 */
class AddressClassificationProperties {
  private static final AddressClassifier CLASSIFIER = AddressClassifier.standard();

  @Example
  void theFirstAndLastAddressOfEveryBlockHaveItsCategory() {
    int checked = 0;
    for (var rows : java.util.List.of(ReferenceAddressModel.ipv4Rows(), ReferenceAddressModel.ipv6Rows())) {
      for (ReferenceAddressModel.Row row : rows) {
        if (row.wrap() != ReferenceAddressModel.Wrap.NONE) {
          continue;
        }
        for (IpAddress edge : new IpAddress[] {row.firstAddress(), row.lastAddress()}) {
          AddressCategory expected = ReferenceAddressModel.expectedCategory(edge);
          assertThat(CLASSIFIER.category(edge)).as("%s (%s)", edge, row.source()).isEqualTo(expected);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(80);
  }

  @Property(tries = 1000)
  void blockEdgesAndTheirNeighboursAgreeWithTheReference(@ForAll("edges") AddressSample sample) {
    assertThat(CLASSIFIER.category(sample.address()))
        .as("%s: %s", sample.address(), sample.note())
        .isEqualTo(ReferenceAddressModel.expectedCategory(sample.address()));
  }

  @Property(tries = 3000)
  void randomIpv4AgreesWithTheReference(@ForAll("v4") IpAddress a) {
    assertThat(CLASSIFIER.category(a)).as(a.toString()).isEqualTo(ReferenceAddressModel.expectedCategory(a));
  }

  @Property(tries = 3000)
  void randomIpv6AgreesWithTheReference(@ForAll("v6") IpAddress a) {
    assertThat(CLASSIFIER.category(a)).as(a.toString()).isEqualTo(ReferenceAddressModel.expectedCategory(a));
  }

  @Property(tries = 3000)
  void everyWrappingCarriesTheIpv4Verdict(@ForAll("embedded") EmbeddedSample s) {
    AddressCategory inner = CLASSIFIER.category(s.ipv4());
    AddressCategory outer = CLASSIFIER.category(s.ipv6());
    String what = s.ipv4() + " as " + s.wrapping() + " " + s.ipv6();
    assertThat(outer).as(what).isEqualTo(ReferenceAddressModel.expectedCategory(s.ipv6()));
    if (!inner.isPublic()) {
      assertThat(outer.isPublic()).as("a non-public IPv4 stays non-public: " + what).isFalse();
    }
    boolean selfNamed = s.wrapping().equals("ipv4-compatible") && (s.ipv6().equals(IpAddress.parse("::"))
        || s.ipv6().equals(IpAddress.parse("::1")));
    if (!s.wrapping().startsWith("nat64 64:ff9b:1::") && !selfNamed) {
      assertThat(outer).as(what).isEqualTo(inner);
    }
  }

  @Provide
  Arbitrary<AddressSample> edges() {
    return NetArbitraries.rangeBoundaries();
  }

  @Provide
  Arbitrary<IpAddress> v4() {
    return NetArbitraries.ipv4Addresses();
  }

  @Provide
  Arbitrary<IpAddress> v6() {
    return NetArbitraries.ipv6Addresses();
  }

  @Provide
  Arbitrary<EmbeddedSample> embedded() {
    return NetArbitraries.embeddedIpv4();
  }
}
