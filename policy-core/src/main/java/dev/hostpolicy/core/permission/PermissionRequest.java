package dev.hostpolicy.core.permission;

import dev.hostpolicy.api.PermissionMode;
import dev.hostpolicy.api.SafeText;
import java.util.Objects;
import java.util.Optional;

/**
 * One action asking for permission: its kind, what it would do (the command line, the URL, the path
 * — shown to an approver in full and put, shortened, in the decision's detail, so it must not carry a
 * secret; control characters are escaped, so a newline cannot hide a second command, and it is capped
 * at {@value #MAX_SUBJECT_CHARS} characters) and, optionally, the mode the requester asks for. A request may only ask for a mode as
 * strict as the policy's or stricter; asking for a looser one is refused.
 *
 * <pre>{@code
 * PermissionRequest edit = PermissionRequest.of(ActionKind.FILE_EDIT, "src/App.java");
 * PermissionRequest careful = PermissionRequest.of(ActionKind.EXECUTE, "npm test").requesting(PermissionMode.ASK);
 * }</pre>
 *
 * @param kind the kind of action
 * @param subject what the action would touch, for people; no secrets
 * @param requestedMode the mode the requester asks for, if any
 */
public record PermissionRequest(ActionKind kind, String subject, Optional<PermissionMode> requestedMode) {

  /** Longest subject kept. */
  public static final int MAX_SUBJECT_CHARS = 8192;

  /** Validates and cleans the subject. */
  public PermissionRequest {
    Objects.requireNonNull(kind, "kind");
    subject = SafeText.clean(Objects.requireNonNull(subject, "subject"), MAX_SUBJECT_CHARS);
    Objects.requireNonNull(requestedMode, "requestedMode");
  }

  /** A request that leaves the mode to the policy. */
  public static PermissionRequest of(ActionKind kind, String subject) {
    return new PermissionRequest(kind, subject, Optional.empty());
  }

  /** This request asking for {@code mode} (it may only tighten the policy's mode). */
  public PermissionRequest requesting(PermissionMode mode) {
    return new PermissionRequest(kind, subject, Optional.of(Objects.requireNonNull(mode, "mode")));
  }
}
