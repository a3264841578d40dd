package dev.hostpolicy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.testkit.PolicyArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A guard's response can never carry a header value that splits the header (response splitting). */
class GuardResponseHeaderProperties {

  @Property(tries = 500)
  void aValueWithALineBreakOrNulIsRefused(@ForAll("injections") String value) {
    assertThatThrownBy(() -> new GuardResponse.Header("X-Reason", value)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GuardResponse.builder(403).header("X-Reason", value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 200)
  void aLegalAsciiValueIsKeptAsIs(@ForAll("legal") String value) {
    assertThat(new GuardResponse.Header("X-Reason", value).value()).isEqualTo(value);
  }

  @Provide
  Arbitrary<String> injections() {
    return PolicyArbitraries.headerInjectionValues();
  }

  @Provide
  Arbitrary<String> legal() {
    return PolicyArbitraries.httpFieldValues().filter(v -> v.chars().allMatch(c -> c < 0x7f));
  }
}
