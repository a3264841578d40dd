package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKeys;

/** Only tightens: a deny pattern and a lower login rate. Needs no trust. */
public final class TighteningContributor implements PolicyContributor {
  public static final String ID = "com.acme.security-baseline";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public void contribute(PolicyDraft draft) {
    draft.add(PolicyKeys.EGRESS_DENY, "*.paste.example");
    draft.set(PolicyKeys.LOGIN_RATE_LIMIT, Rate.perMinute(5));
  }
}
