package dev.hostpolicy.core.permission;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PermissionMode;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Action-aware permissions: for each {@link ActionKind}, whether an agent may act on its own
 * ({@link PermissionMode#AUTO auto}), must ask a person ({@link PermissionMode#ASK ask}) or may not act
 * at all ({@link PermissionMode#DENY deny}). The modes come from host configuration — the
 * {@code permission.*} rules of a {@code HostPolicy}, composed like every other rule (a contributor
 * that loosens one needs the host's trust). A request can only tighten them: asking for a looser mode
 * is refused ({@code permission.loosening-refused}).
 *
 * <p>Unattended defaults: {@code file-read} auto, {@code file-edit} ask — so without an interactive
 * approver a file edit is denied ({@code permission.no-approver}) — and {@code execute},
 * {@code web-fetch}, {@code web-search}, {@code mcp-tool} and {@code other} deny. {@link ActionKind#OTHER}
 * is never granted more than the strictest of the kinds. Immutable and thread-safe.
 *
 * <pre>{@code
 * PermissionPolicy permissions = hostPolicy.permissionPolicy();   // or PermissionPolicy.defaults()
 * PermissionDecision d = permissions.decide(PermissionRequest.of(ActionKind.WEB_FETCH, url));
 * d.reason();                          // "permission.denied" with the defaults
 * permissions.decide(PermissionRequest.of(ActionKind.FILE_EDIT, "README.md"), approver);   // asks
 * }</pre>
 */
public final class PermissionPolicy {
  private static final System.Logger LOG = System.getLogger(PermissionPolicy.class.getName());

  private final Map<ActionKind, PermissionMode> configured;

  private PermissionPolicy(Map<ActionKind, PermissionMode> configured) {
    this.configured = Collections.unmodifiableMap(new EnumMap<>(configured));
  }

  /** Every kind at its rule's default (the unattended defaults above). */
  public static PermissionPolicy defaults() {
    return of(Map.of());
  }

  /** The given modes; a kind not in {@code modes} gets its rule's default. */
  public static PermissionPolicy of(Map<ActionKind, PermissionMode> modes) {
    Objects.requireNonNull(modes, "modes");
    Map<ActionKind, PermissionMode> m = new EnumMap<>(ActionKind.class);
    for (ActionKind k : ActionKind.values()) {
      m.put(k, Objects.requireNonNull(modes.getOrDefault(k, k.key().defaultValue()), "mode"));
    }
    return new PermissionPolicy(m);
  }

  /** This policy with {@code kind} set to {@code mode} — the host's own choice, so it may loosen. */
  public PermissionPolicy with(ActionKind kind, PermissionMode mode) {
    Map<ActionKind, PermissionMode> m = new EnumMap<>(configured);
    m.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(mode, "mode"));
    return new PermissionPolicy(m);
  }

  /**
   * This policy tightened by {@code modes} (a provider manifest's permission defaults, a workflow
   * node's settings): each kind gets the stricter of the two modes, so the result is never looser
   * than this policy.
   */
  public PermissionPolicy tightenedBy(Map<ActionKind, PermissionMode> modes) {
    Objects.requireNonNull(modes, "modes");
    Map<ActionKind, PermissionMode> m = new EnumMap<>(configured);
    modes.forEach((k, v) -> m.put(Objects.requireNonNull(k, "kind"),
        PermissionMode.stricter(m.get(k), Objects.requireNonNull(v, "mode"))));
    return new PermissionPolicy(m);
  }

  /**
   * The mode that applies to {@code kind}: its rule's value, except that {@link ActionKind#OTHER} gets
   * the strictest of its own and every other kind's mode.
   */
  public PermissionMode mode(ActionKind kind) {
    Objects.requireNonNull(kind, "kind");
    if (kind != ActionKind.OTHER) {
      return configured.get(kind);
    }
    PermissionMode m = configured.get(ActionKind.OTHER);
    for (PermissionMode v : configured.values()) {
      m = PermissionMode.stricter(m, v);
    }
    return m;
  }

  /** The mode that applies to every kind ({@link #mode(ActionKind)}), in declaration order. */
  public Map<ActionKind, PermissionMode> modes() {
    Map<ActionKind, PermissionMode> m = new EnumMap<>(ActionKind.class);
    for (ActionKind k : ActionKind.values()) {
      m.put(k, mode(k));
    }
    return Collections.unmodifiableMap(m);
  }

  /** Decides {@code request} for an unattended host: every {@code ask} is a denial. */
  public PermissionDecision decide(PermissionRequest request) {
    return decide(request, Optional.empty());
  }

  /** Decides {@code request}, asking {@code approver} when the mode is {@code ask}. */
  public PermissionDecision decide(PermissionRequest request, PermissionApprover approver) {
    return decide(request, Optional.of(Objects.requireNonNull(approver, "approver")));
  }

  private PermissionDecision decide(PermissionRequest request, Optional<PermissionApprover> approver) {
    Objects.requireNonNull(request, "request");
    ActionKind kind = request.kind();
    PermissionMode granted = mode(kind);
    Optional<PermissionMode> asked = request.requestedMode();
    if (asked.isPresent() && granted.isStricterThan(asked.get())) {
      return new PermissionDecision(kind, granted, Decision.deny(PermissionDecision.LOOSENING_REFUSED,
          "the request asks for " + asked.get() + " but the policy grants " + granted + " for " + kind.wireName()));
    }
    PermissionMode mode = asked.orElse(granted);
    switch (mode) {
      case AUTO:
        return new PermissionDecision(kind, mode, Decision.allow());
      case ASK:
        return ask(request, mode, approver);
      case DENY:
      default:
        return new PermissionDecision(kind, mode,
            Decision.deny(PermissionDecision.DENIED, kind.wireName() + " is denied: " + request.subject()));
    }
  }

  private static PermissionDecision ask(PermissionRequest request, PermissionMode mode, Optional<PermissionApprover> approver) {
    ActionKind kind = request.kind();
    if (approver.isEmpty()) {
      return new PermissionDecision(kind, mode, Decision.deny(PermissionDecision.NO_APPROVER,
          kind.wireName() + " needs approval and no interactive approver is present: " + request.subject()));
    }
    boolean yes;
    try {
      yes = approver.get().approve(request);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "permission approver threw for {0}; denying", kind.wireName());
      return new PermissionDecision(kind, mode, Decision.deny(PermissionDecision.APPROVER_FAILED,
          "the approver failed (" + e.getClass().getSimpleName() + "); " + kind.wireName() + " denied"));
    }
    return yes
        ? new PermissionDecision(kind, mode, Decision.allow(PermissionDecision.APPROVED, kind.wireName() + " approved: " + request.subject()))
        : new PermissionDecision(kind, mode, Decision.deny(PermissionDecision.REJECTED, kind.wireName() + " rejected by the approver: " + request.subject()));
  }

  /** The configured modes, in wire names. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("PermissionPolicy[");
    String sep = "";
    for (Map.Entry<ActionKind, PermissionMode> e : modes().entrySet()) {
      sb.append(sep).append(e.getKey().wireName()).append('=').append(e.getValue());
      sep = ", ";
    }
    return sb.append(']').toString();
  }

  /** Equal when every kind has the same configured mode. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PermissionPolicy && ((PermissionPolicy) o).configured.equals(configured);
  }

  @Override
  public int hashCode() {
    return configured.hashCode();
  }
}
