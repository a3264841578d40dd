package dev.hostpolicy.core.profile;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKey;

/**
 * The {@code devloop} profile: a dev-loop supervisor that runs workflows as children and lets them
 * report back through a loopback-only event server.
 *
 * <p>Defaults (each visible with its source in {@code describe()}):
 *
 * <ul>
 *   <li>every catalogue rule at its strictest default: no API token (the event server's bearer token
 *       is minted per run, never configured), no insecure opt-in (so only loopback binds), no
 *       environment passthrough, egress enforced with an empty allowlist;
 *   <li>{@link #EVENTS_PORT} {@code 0}: the event server takes an ephemeral loopback port;
 *   <li>{@link #ENV_PREFIX} {@code DEVLOOP}: children receive {@code DEVLOOP_EVENTS_URL},
 *       {@code DEVLOOP_TOKEN} and one {@code DEVLOOP_EVENT_<NAME>_URL} per event (names encoded so
 *       that distinct event names never collide — {@code dev.hostpolicy.http.EventEnvironment}); every
 *       other variable is scrubbed.
 * </ul>
 *
 * <p>The event map itself (name → one state key, one workflow, an optional linear-time pattern) is
 * the host's configuration: {@code EventRoute}s handed to {@code HttpGuards.Builder.events}.
 *
 * <pre>{@code
 * HostPolicy policy = HostPolicy.builder().profile(DevloopProfile.ID).build();
 * String prefix = policy.get(DevloopProfile.ENV_PREFIX);   // "DEVLOOP"
 * }</pre>
 */
public final class DevloopProfile implements HostProfile {

  /** {@value}. */
  public static final String ID = "devloop";

  /** Port of the loopback event server; {@code 0} (the default) picks an ephemeral port. */
  public static final PolicyKey<Long> EVENTS_PORT =
      PolicyKey.opaque("devloop.events-port", Long.class, 0L, "port of the loopback event server (0 = ephemeral)");

  /** Prefix of the variables a child receives: {@code <P>_EVENTS_URL}, {@code <P>_TOKEN}, {@code <P>_EVENT_<NAME>_URL}. */
  public static final PolicyKey<String> ENV_PREFIX =
      PolicyKey.opaque(
          "devloop.env-prefix",
          String.class,
          "DEVLOOP",
          "prefix of the event URLs and per-run token handed to children");

  /** Used by {@link java.util.ServiceLoader}. */
  public DevloopProfile() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public String description() {
    return "devloop-style supervisor: loopback event server on an ephemeral port, per-run token, event URLs injected into scrubbed children";
  }

  @Override
  public void configure(PolicyDraft draft) {
    ProfileDefaults.catalogue(draft);
    draft.set(EVENTS_PORT, 0L);
    draft.set(ENV_PREFIX, "DEVLOOP");
  }
}
