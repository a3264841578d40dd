package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import org.junit.jupiter.api.Test;

/** The README's examples, compiled and run. */
class ReadmeExamplesTest {

  @Test
  void quickStart() {
    // snippet: readme-quick-start
    HostPolicy policy = HostPolicy.builder()
        .profile("minimal")                     // strictest defaults
        .namespace("ACME")                      // operator settings: ACME_API_TOKEN, ACME_LOGIN_RATE_LIMIT, ...
        .settings(Settings.fromEnvironment())
        .build();                               // validates; a bad setting throws naming the key

    Rate logins = policy.get(PolicyKeys.LOGIN_RATE_LIMIT);   // 20/min unless ACME_LOGIN_RATE_LIMIT says otherwise
    String effective = policy.describe();                   // JSON: every rule and where it came from
    // end-snippet
    assertThat(logins).isNotNull();
    assertThat(effective).contains("\"ratelimit.login\"");
  }
}
