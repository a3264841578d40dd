package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.ratelimit.RateLimitExceededException;
import dev.hostpolicy.core.ratelimit.RateLimitResult;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example of docs/rate-limits.md, run on a fake clock. */
class RateLimitExamplesTest {

  @Test
  void webhookAndLoginLimits() {
    FakeTimeSource time = FakeTimeSource.create();
    List<String> responses = new ArrayList<>();
    assertThatThrownBy(() -> {
      // snippet: rate-limits-webhook
      HostPolicy policy = HostPolicy.builder()
          .profile("minimal")
          .namespace("INFLOOP")
          .settings(Settings.fromEnvironment(Map.of("INFLOOP_WEBHOOK_RATE_LIMIT", "2/min")))
          .build();
      RateLimiter webhooks = policy.newRateLimiter(PolicyKeys.WEBHOOK_RATE_LIMIT, time); // one per host
      RateLimiter logins = policy.newRateLimiter(PolicyKeys.LOGIN_RATE_LIMIT, time);     // 20/min, global

      for (int delivery = 1; delivery <= 3; delivery++) {
        RateLimitResult r = webhooks.tryAcquire("deploy");            // the trigger's own bucket
        if (r.denied()) {
          // answer 429 Too Many Requests with Retry-After: 30
          responses.add(429 + " Retry-After: " + r.retryAfterSeconds());
        } else {
          responses.add(202 + " remaining " + r.remaining());
        }
      }
      logins.tryAcquire().requireAllowed();   // throws RateLimitExceededException (ratelimit.exceeded) when over
      // end-snippet
      for (int i = 0; i < 19; i++) { // the rest of the 20 per minute; the 21st attempt throws
        logins.tryAcquire().requireAllowed();
      }
      logins.tryAcquire().requireAllowed();
    }).isInstanceOf(RateLimitExceededException.class)
        .hasMessage("ratelimit.exceeded: rate limit exceeded; retry after 3 s");
    assertThat(responses).containsExactly("202 remaining 1", "202 remaining 0", "429 Retry-After: 30");
  }
}
