package dev.hostpolicy.testkit;

import dev.hostpolicy.api.PermissionMode;
import dev.hostpolicy.core.permission.ActionKind;
import dev.hostpolicy.core.permission.PermissionRequest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators for action-aware permissions: mode tables over every {@link ActionKind}, requests with
 * hostile subjects and optional requested modes, approver behaviours, and kind names a host might
 * receive (the wire names, other cases, look-alikes, junk). {@link PolicyArbitraries} re-exports them.
 *
 * <pre>{@code
 * @Property
 * void neverLooserThanThePolicy(@ForAll("tables") Map<ActionKind, PermissionMode> table,
 *                               @ForAll("requests") PermissionRequest request) {
 *   PermissionDecision d = PermissionPolicy.of(table).decide(request);
 *   assertThat(!d.allowed() || table.get(request.kind()) == PermissionMode.AUTO || request.kind() == ActionKind.OTHER).isTrue();
 * }
 *
 * @Provide Arbitrary<Map<ActionKind, PermissionMode>> tables() { return PermissionArbitraries.modeTables(); }
 * @Provide Arbitrary<PermissionRequest> requests() { return PermissionArbitraries.requests(); }
 * }</pre>
 */
public final class PermissionArbitraries {
  private PermissionArbitraries() {}

  /** What an interactive approver does when asked. */
  public enum ApproverBehaviour {
    /** There is no approver (an unattended host). */
    ABSENT,
    /** Says yes. */
    APPROVES,
    /** Says no. */
    REJECTS,
    /** Throws. */
    THROWS
  }

  /** Any mode. */
  public static Arbitrary<PermissionMode> modes() {
    return Arbitraries.of(PermissionMode.class);
  }

  /** Any kind. */
  public static Arbitrary<ActionKind> kinds() {
    return Arbitraries.of(ActionKind.class);
  }

  /** A mode for every kind. */
  public static Arbitrary<Map<ActionKind, PermissionMode>> modeTables() {
    return modes().list().ofSize(ActionKind.values().length).map(list -> {
      Map<ActionKind, PermissionMode> m = new EnumMap<>(ActionKind.class);
      for (ActionKind k : ActionKind.values()) {
        m.put(k, list.get(k.ordinal()));
      }
      return m;
    });
  }

  /** Partial tables (some kinds only), as a manifest or a workflow node would give. */
  public static Arbitrary<Map<ActionKind, PermissionMode>> partialModeTables() {
    return Arbitraries.maps(kinds(), modes()).ofMaxSize(ActionKind.values().length)
        .map(m -> m.isEmpty() ? Map.<ActionKind, PermissionMode>of() : new EnumMap<>(m));
  }

  /** Requests of any kind with a hostile subject and, half the time, a requested mode. */
  public static Arbitrary<PermissionRequest> requests() {
    return Combinators.combine(kinds(), TextArbitraries.hostileText(), modes().optional(0.5))
        .as(PermissionRequest::new);
  }

  /** Approver behaviours. */
  public static Arbitrary<ApproverBehaviour> approvers() {
    return Arbitraries.of(ApproverBehaviour.class);
  }

  /** Kind names as they may arrive from a tool call: wire names, other cases, look-alikes, junk. */
  public static Arbitrary<String> kindNames() {
    List<String> wire = List.of("file-read", "file-edit", "execute", "web-fetch", "web-search", "mcp-tool", "other");
    return Arbitraries.oneOf(
        Arbitraries.of(wire),
        Arbitraries.of("FILE-READ", "File-Edit", "execute ", " execute", "web_fetch", "websearch", "mcp", "bash", "shell",
            "read", "\u0435xecute", "execute\u200b", "execute\n", "", "*", "auto"),
        Arbitraries.strings().withChars("abcdefilmnoprstuwx-_ ").ofMaxLength(12));
  }
}
