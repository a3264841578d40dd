package dev.hostpolicy.core.permission;

import dev.hostpolicy.api.PermissionMode;
import dev.hostpolicy.api.spi.PolicyKey;
import dev.hostpolicy.api.spi.PolicyKeys;
import java.util.Objects;
import java.util.Optional;

/**
 * The kinds of action an agent or workflow step may ask to take, each governed by its own
 * {@link PolicyKeys permission rule}. A web search is network access, not a read; anything the host
 * cannot classify is {@link #OTHER}, which is never granted more than the strictest kind.
 *
 * <pre>{@code
 * ActionKind kind = ActionKind.classify(toolCall.kind());   // "web-fetch" -> WEB_FETCH, "???" -> OTHER
 * PermissionMode mode = hostPolicy.get(kind.key());
 * }</pre>
 */
public enum ActionKind {
  /** Reading a file. */
  FILE_READ("file-read", PolicyKeys.PERMISSION_FILE_READ),
  /** Creating, editing or deleting a file. */
  FILE_EDIT("file-edit", PolicyKeys.PERMISSION_FILE_EDIT),
  /** Running a shell command or a program. */
  EXECUTE("execute", PolicyKeys.PERMISSION_EXECUTE),
  /** Fetching a URL. */
  WEB_FETCH("web-fetch", PolicyKeys.PERMISSION_WEB_FETCH),
  /** A web search: network access, not a read. */
  WEB_SEARCH("web-search", PolicyKeys.PERMISSION_WEB_SEARCH),
  /** A call to a tool of an MCP server or another external tool. */
  MCP_TOOL("mcp-tool", PolicyKeys.PERMISSION_MCP_TOOL),
  /** Anything else, and anything unknown: the most restrictive treatment. */
  OTHER("other", PolicyKeys.PERMISSION_OTHER);

  private final String wireName;
  private final PolicyKey<PermissionMode> key;

  ActionKind(String wireName, PolicyKey<PermissionMode> key) {
    this.wireName = wireName;
    this.key = key;
  }

  /** The name used in manifests and audit records: {@code file-read}, {@code web-search}, ... */
  public String wireName() {
    return wireName;
  }

  /** The policy rule that sets this kind's mode. */
  public PolicyKey<PermissionMode> key() {
    return key;
  }

  /** The kind with this exact wire name, if there is one. */
  public static Optional<ActionKind> byWireName(String wireName) {
    Objects.requireNonNull(wireName, "wireName");
    for (ActionKind k : values()) {
      if (k.wireName.equals(wireName)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The kind with this exact wire name, or {@link #OTHER} for anything unknown. */
  public static ActionKind classify(String wireName) {
    return byWireName(wireName).orElse(OTHER);
  }
}
