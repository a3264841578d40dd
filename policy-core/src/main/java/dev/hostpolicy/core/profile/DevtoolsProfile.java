package dev.hostpolicy.core.profile;

import dev.hostpolicy.api.PermissionMode;
import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKey;
import dev.hostpolicy.api.spi.PolicyKeys;

/**
 * The {@code devtools} profile: a dev-server agent a browser page pairs with, which reads and edits
 * the workspace on the page's behalf.
 *
 * <p>Defaults (each visible with its source in {@code describe()}):
 *
 * <ul>
 *   <li>no configured API token: the pairing token is minted per process ({@code TokenMint}, 32
 *       bytes base64url), kept in memory, never persisted, never in a URL, checked in constant time;
 *   <li>loopback only ({@code bind.allow-insecure=false}); the server binds {@link #DEFAULT_PORT}
 *       (7337) or the next free of {@link #PORT_ATTEMPTS} (10) ports ({@code PortFallback}), and fails
 *       with a clear error when all are taken;
 *   <li>{@code gate.environment} empty: the production gate ({@code ProductionGate}) reads the
 *       probes; production refuses to start unless forced;
 *   <li>workspace access only through {@code WorkspacePaths} (realpath, containment, no symlink
 *       escape);
 *   <li>permissions at the unattended defaults: file read {@code auto}, file edit {@code ask} (no
 *       approver: denied), execute, web fetch, web search, MCP tools and anything else {@code deny}.
 * </ul>
 *
 * <pre>{@code
 * HostPolicy policy = HostPolicy.builder().profile(DevtoolsProfile.ID).build();
 * int port = Math.toIntExact(policy.get(DevtoolsProfile.DEFAULT_PORT));   // 7337
 * }</pre>
 */
public final class DevtoolsProfile implements HostProfile {

  /** {@value}. */
  public static final String ID = "devtools";

  /** The first port tried. */
  public static final PolicyKey<Long> DEFAULT_PORT =
      PolicyKey.opaque("devtools.default-port", Long.class, 7337L, "first loopback port the dev-server agent tries");

  /** How many consecutive ports are tried, the default port included. */
  public static final PolicyKey<Long> PORT_ATTEMPTS =
      PolicyKey.opaque("devtools.port-attempts", Long.class, 10L, "consecutive ports tried from the default port");

  /** Used by {@link java.util.ServiceLoader}. */
  public DevtoolsProfile() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 40;
  }

  @Override
  public String description() {
    return "devtools-style dev-server agent: per-process pairing token, loopback with port fallback, production gate, workspace paths, unattended permissions";
  }

  @Override
  public void configure(PolicyDraft draft) {
    ProfileDefaults.catalogue(draft);
    draft.set(DEFAULT_PORT, 7337L);
    draft.set(PORT_ATTEMPTS, 10L);
    draft.set(PolicyKeys.PERMISSION_FILE_READ, PermissionMode.AUTO);
    draft.set(PolicyKeys.PERMISSION_FILE_EDIT, PermissionMode.ASK);
    draft.set(PolicyKeys.PERMISSION_EXECUTE, PermissionMode.DENY);
    draft.set(PolicyKeys.PERMISSION_WEB_FETCH, PermissionMode.DENY);
    draft.set(PolicyKeys.PERMISSION_WEB_SEARCH, PermissionMode.DENY);
    draft.set(PolicyKeys.PERMISSION_MCP_TOOL, PermissionMode.DENY);
    draft.set(PolicyKeys.PERMISSION_OTHER, PermissionMode.DENY);
  }
}
