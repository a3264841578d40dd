package com.acme.devtool;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKeys;

/** The host's own contributor: Acme's security baseline, tightening only. Registered in META-INF/services. */
public final class AcmeBaseline implements PolicyContributor {
  @Override
  public String id() {
    return "com.acme.baseline";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public void contribute(PolicyDraft draft) {
    draft.add(PolicyKeys.EGRESS_DENY, "*.pastebin.example");
    draft.set(PolicyKeys.LOGIN_RATE_LIMIT, Rate.perMinute(5));
  }
}
