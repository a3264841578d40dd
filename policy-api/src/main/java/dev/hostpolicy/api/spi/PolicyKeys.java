package dev.hostpolicy.api.spi;

import dev.hostpolicy.api.PermissionMode;
import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.Secret;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of rules a {@link HostProfile} or {@link PolicyContributor} can set. Defaults are
 * the strictest sensible values; the operator settings of DESIGN.md map onto these keys (for
 * example {@code INFLOOP_WEBHOOK_RATE_LIMIT} sets {@link #WEBHOOK_RATE_LIMIT}).
 *
 * <pre>{@code
 * draft.set(PolicyKeys.LOGIN_RATE_LIMIT, Rate.perMinute(5))
 *      .add(PolicyKeys.EGRESS_DENY, "*.paste.example");
 * }</pre>
 */
public final class PolicyKeys {
  private PolicyKeys() {}

  /** The host's API token (operator setting {@code API_TOKEN}); absent by default. */
  public static final PolicyKey<Optional<Secret>> API_TOKEN =
      PolicyKey.secret("auth.api-token", "bearer token that guards the host's API and login");

  /** Whether a network bind without an API token is allowed (operator setting {@code ALLOW_INSECURE}). */
  public static final PolicyKey<Boolean> ALLOW_INSECURE =
      PolicyKey.flag(
          "bind.allow-insecure",
          false,
          false,
          "allow binding a non-loopback address without an API token (prints a loud banner)");

  /** Per-trigger webhook rate (operator setting {@code WEBHOOK_RATE_LIMIT}); 120/min. */
  public static final PolicyKey<Rate> WEBHOOK_RATE_LIMIT =
      PolicyKey.rate("ratelimit.webhook", Rate.perMinute(120), "webhook deliveries per trigger");

  /** Global login-attempt rate (operator setting {@code LOGIN_RATE_LIMIT}); 20/min. */
  public static final PolicyKey<Rate> LOGIN_RATE_LIMIT =
      PolicyKey.rate("ratelimit.login", Rate.perMinute(20), "login attempts, all clients together");

  /**
   * Environment variables a child may inherit beyond the base allowlist: exact names or
   * {@code PREFIX_*} (operator setting {@code CHILD_ENV_PASSTHROUGH}).
   */
  public static final PolicyKey<Set<String>> CHILD_ENV_PASSTHROUGH =
      PolicyKey.allowSet("env.passthrough", Set.of(), "extra environment variables children inherit");

  /** Whether children run behind the egress proxy (operator setting {@code EGRESS_ENFORCE}). */
  public static final PolicyKey<Boolean> EGRESS_ENFORCE =
      PolicyKey.flag("egress.enforce", true, true, "route child network access through the egress proxy");

  /** Egress allowlist patterns: {@code host}, {@code *.domain}, IP literals, optional {@code :port}. */
  public static final PolicyKey<Set<String>> EGRESS_ALLOW =
      PolicyKey.allowSet("egress.allow", Set.of(), "hosts children may reach");

  /** Egress deny patterns; they win over allow patterns. */
  public static final PolicyKey<Set<String>> EGRESS_DENY =
      PolicyKey.denySet("egress.deny", Set.of(), "hosts children may never reach");

  /** Node executions per run (operator setting {@code MAX_RUN_NODE_EXECUTIONS}); 0 = off. */
  public static final PolicyKey<Long> MAX_RUN_NODE_EXECUTIONS =
      PolicyKey.limit("budget.max-run-node-executions", 10_000, "node executions per run (0 = off)");

  /** Wall-clock milliseconds per run (operator setting {@code MAX_RUN_DURATION_MS}); 0 = off. */
  public static final PolicyKey<Long> MAX_RUN_DURATION_MS =
      PolicyKey.limit("budget.max-run-duration-ms", 86_400_000L, "wall-clock milliseconds per run (0 = off)");

  /** Cost per run in USD (operator setting {@code MAX_RUN_COST_USD}); 0 = off. */
  public static final PolicyKey<BigDecimal> MAX_RUN_COST_USD =
      PolicyKey.decimalLimit("budget.max-run-cost-usd", BigDecimal.ZERO, "cost per run in USD (0 = off)");

  /** Cost of all runs of the process in USD (operator setting {@code MAX_TOTAL_COST_USD}); 0 = off. */
  public static final PolicyKey<BigDecimal> MAX_TOTAL_COST_USD =
      PolicyKey.decimalLimit(
          "budget.max-total-cost-usd", BigDecimal.ZERO, "cost of all runs in USD (0 = off)");

  /** Size at which the audit log rotates (operator setting {@code AUDIT_MAX_BYTES}); 10 MiB. */
  public static final PolicyKey<Long> AUDIT_MAX_BYTES =
      PolicyKey.opaque("audit.max-bytes", Long.class, 10L * 1024 * 1024, "audit file size that triggers rotation");

  /** Audit files kept including the live one (operator setting {@code AUDIT_MAX_FILES}); 10. */
  public static final PolicyKey<Long> AUDIT_MAX_FILES =
      PolicyKey.opaque("audit.max-files", Long.class, 10L, "audit files kept, the live one included");

  /**
   * The deployment environment the operator declares (operator setting {@code ENV}), read by the
   * production gate; empty when not declared.
   */
  public static final PolicyKey<String> DECLARED_ENVIRONMENT =
      PolicyKey.opaque("gate.environment", String.class, "", "declared environment (production gate)");

  /**
   * Autonomy for reading files (inside the workspace; {@code WorkspacePaths} still proves every path);
   * {@code auto} by default.
   */
  public static final PolicyKey<PermissionMode> PERMISSION_FILE_READ =
      PolicyKey.ordered("permission.file-read", PermissionMode.class, PermissionMode.AUTO, "reading files");

  /** Autonomy for creating, editing or deleting files; {@code ask} by default (no approver: denied). */
  public static final PolicyKey<PermissionMode> PERMISSION_FILE_EDIT =
      PolicyKey.ordered("permission.file-edit", PermissionMode.class, PermissionMode.ASK, "editing files");

  /** Autonomy for running a shell command or program; {@code deny} by default. */
  public static final PolicyKey<PermissionMode> PERMISSION_EXECUTE =
      PolicyKey.ordered("permission.execute", PermissionMode.class, PermissionMode.DENY, "running commands");

  /** Autonomy for fetching a URL; {@code deny} by default. */
  public static final PolicyKey<PermissionMode> PERMISSION_WEB_FETCH =
      PolicyKey.ordered("permission.web-fetch", PermissionMode.class, PermissionMode.DENY, "fetching URLs");

  /** Autonomy for a web search (network access, not a read); {@code deny} by default. */
  public static final PolicyKey<PermissionMode> PERMISSION_WEB_SEARCH =
      PolicyKey.ordered("permission.web-search", PermissionMode.class, PermissionMode.DENY, "web searches");

  /** Autonomy for calling an MCP server's tool (or another external tool); {@code deny} by default. */
  public static final PolicyKey<PermissionMode> PERMISSION_MCP_TOOL =
      PolicyKey.ordered("permission.mcp-tool", PermissionMode.class, PermissionMode.DENY, "MCP and other tool calls");

  /**
   * Autonomy for any other or unknown action; {@code deny} by default, and never looser than the
   * strictest of the other permission rules.
   */
  public static final PolicyKey<PermissionMode> PERMISSION_OTHER =
      PolicyKey.ordered("permission.other", PermissionMode.class, PermissionMode.DENY, "other and unknown actions");

  /** Every key in this catalogue, in documentation order. */
  public static List<PolicyKey<?>> all() {
    return List.of(
        API_TOKEN,
        ALLOW_INSECURE,
        WEBHOOK_RATE_LIMIT,
        LOGIN_RATE_LIMIT,
        CHILD_ENV_PASSTHROUGH,
        EGRESS_ENFORCE,
        EGRESS_ALLOW,
        EGRESS_DENY,
        MAX_RUN_NODE_EXECUTIONS,
        MAX_RUN_DURATION_MS,
        MAX_RUN_COST_USD,
        MAX_TOTAL_COST_USD,
        AUDIT_MAX_BYTES,
        AUDIT_MAX_FILES,
        DECLARED_ENVIRONMENT,
        PERMISSION_FILE_READ,
        PERMISSION_FILE_EDIT,
        PERMISSION_EXECUTE,
        PERMISSION_WEB_FETCH,
        PERMISSION_WEB_SEARCH,
        PERMISSION_MCP_TOOL,
        PERMISSION_OTHER);
  }
}
