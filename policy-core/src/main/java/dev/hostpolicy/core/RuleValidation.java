package dev.hostpolicy.core;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.PolicyKey;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.env.PassthroughPattern;
import dev.hostpolicy.core.net.HostPattern;
import dev.hostpolicy.api.Rate;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import java.util.List;
import java.util.Map;

/**
 * Step 5 of the build: checks the composed values rule by rule, whoever set them, and fails naming
 * the rule and the source of the offending value.
 */
final class RuleValidation {
  private RuleValidation() {}

  static void validate(DraftState state) {
    for (Map.Entry<String, RuleSource> e : state.entrySources(PolicyKeys.CHILD_ENV_PASSTHROUGH).entrySet()) {
      try {
        PassthroughPattern.parse(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw invalid(PolicyKeys.CHILD_ENV_PASSTHROUGH, e.getValue(), ex.getMessage());
      }
    }
    for (Map.Entry<String, RuleSource> e : state.entrySources(PolicyKeys.EGRESS_ALLOW).entrySet()) {
      HostPattern p = egressPattern(PolicyKeys.EGRESS_ALLOW, e.getKey(), e.getValue());
      if (p.isWildcardOverPublicSuffix()) {
        throw invalid(PolicyKeys.EGRESS_ALLOW, e.getValue(),
            "\"" + SafeText.clean(e.getKey(), 120) + "\" is a wildcard directly over the public suffix " + p.host()
                + " and would allow every site under it; name the domain instead");
      }
    }
    for (Map.Entry<String, RuleSource> e : state.entrySources(PolicyKeys.EGRESS_DENY).entrySet()) {
      egressPattern(PolicyKeys.EGRESS_DENY, e.getKey(), e.getValue());
    }
    for (PolicyKey<Rate> key : List.of(PolicyKeys.WEBHOOK_RATE_LIMIT, PolicyKeys.LOGIN_RATE_LIMIT)) {
      try {
        RateLimiter.checkSupported(state.get(key));
      } catch (IllegalArgumentException ex) {
        throw invalid(key, state.source(key), ex.getMessage());
      }
    }
    long maxBytes = state.get(PolicyKeys.AUDIT_MAX_BYTES);
    if (maxBytes < 4096) {
      throw invalid(PolicyKeys.AUDIT_MAX_BYTES, state.source(PolicyKeys.AUDIT_MAX_BYTES), "must be at least 4096");
    }
    long maxFiles = state.get(PolicyKeys.AUDIT_MAX_FILES);
    if (maxFiles < 1 || maxFiles > 1000) {
      throw invalid(PolicyKeys.AUDIT_MAX_FILES, state.source(PolicyKeys.AUDIT_MAX_FILES), "must be from 1 to 1000");
    }
  }

  private static HostPattern egressPattern(PolicyKey<?> key, String entry, RuleSource source) {
    try {
      return HostPattern.parse(entry);
    } catch (IllegalArgumentException ex) {
      throw invalid(key, source, ex.getMessage());
    }
  }

  private static PolicyConfigurationException invalid(PolicyKey<?> key, RuleSource source, String why) {
    return new PolicyConfigurationException(key.id(), why + " (set by " + source + ")");
  }
}
