package dev.hostpolicy.core.profile;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKey;
import dev.hostpolicy.api.spi.PolicyKeys;

/**
 * The {@code infinite-loop} profile: an agent and workflow runner with an HTTP API, a browser UI,
 * webhook triggers and agent children. Pair it with the {@code INFLOOP} namespace so operators set
 * {@code INFLOOP_API_TOKEN}, {@code INFLOOP_LOGIN_RATE_LIMIT}, ….
 *
 * <p>Defaults (each visible with its source in {@code describe()}):
 *
 * <ul>
 *   <li>bind guard: no API token configured and {@code bind.allow-insecure=false}, so a network bind
 *       refuses to start until the operator sets {@code INFLOOP_API_TOKEN} (or opts in to insecure
 *       mode, which prints a banner); bearer auth and the login cookie use that token;
 *   <li>{@code ratelimit.login} 20/min (one global bucket) and {@code ratelimit.webhook} 120/min per
 *       trigger;
 *   <li>children scrubbed (no passthrough; the namespace never reaches a child), egress enforced
 *       through a per-run proxy with an empty allowlist, and the cloud metadata host names in
 *       {@code egress.deny} on top of the address checks;
 *   <li>{@link #DANGEROUS_ARGS} {@code false}: a provider's dangerous arguments are refused unless the
 *       host (trusted) or operator turns this on; a run that uses them is logged and audited;
 *   <li>the runaway budgets' defaults (10 000 node executions, 24 h per run, cost limits off) and audit
 *       rotation (10 MiB × 10 files); secrets at rest are written owner-only ({@code SecureFiles}).
 * </ul>
 *
 * <pre>{@code
 * HostPolicy policy = HostPolicy.builder()
 *     .profile(InfiniteLoopProfile.ID)
 *     .namespace("INFLOOP")
 *     .settings(Settings.fromEnvironment())
 *     .build();
 * }</pre>
 */
public final class InfiniteLoopProfile implements HostProfile {

  /** {@value}. */
  public static final String ID = "infinite-loop";

  /** Host names of cloud metadata services, denied on top of the address checks. */
  public static final java.util.List<String> METADATA_HOSTS =
      java.util.List.of("metadata.google.internal", "metadata.goog");

  /** Whether a run may opt in to a provider's dangerous arguments; off by default. */
  public static final PolicyKey<Boolean> DANGEROUS_ARGS =
      PolicyKey.flag(
          "agent.dangerous-args",
          false,
          false,
          "let a run opt in to a provider's dangerous arguments (logged and audited)");

  /** Used by {@link java.util.ServiceLoader}. */
  public InfiniteLoopProfile() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 20;
  }

  @Override
  public String description() {
    return "Infinite-Loop-style agent runner: bind guard, bearer + login cookie, webhooks, rate limits, scrubbed children behind the egress proxy, audit";
  }

  @Override
  public void configure(PolicyDraft draft) {
    ProfileDefaults.catalogue(draft);
    draft.add(PolicyKeys.EGRESS_DENY, METADATA_HOSTS.toArray(String[]::new));
    draft.set(DANGEROUS_ARGS, false);
  }
}
