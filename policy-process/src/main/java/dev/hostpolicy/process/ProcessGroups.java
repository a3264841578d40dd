package dev.hostpolicy.process;

/**
 * How a launcher keeps a child's descendants within reach of cancellation.
 *
 * <ul>
 *   <li>{@link #OWN_GROUP} (the default on POSIX): the child starts through {@code setsid}, so it leads
 *       a new session and process group whose id is its pid. Cancellation signals the whole group
 *       ({@code kill -TERM -- -PGID}, the grace period, then {@code -KILL}), which reaches every
 *       grandchild that did not leave the group; when the child exits, whatever is left in its group
 *       is terminated the same way. The host's terminal signals (Ctrl-C) no longer reach the child
 *       directly: a supervisor forwards them ({@link RunningChild#signal}).
 *   <li>{@link #DESCENDANTS} (the default on Windows, and the fallback where there is no
 *       {@code setsid}): cancellation signals the child and the descendants the JDK can see at that
 *       moment ({@link ProcessHandle#descendants()}); a descendant whose parent already exited is out
 *       of reach.
 * </ul>
 *
 * <pre>{@code
 * ProcessLauncher.builder().auditSink(audit).processGroups(ProcessGroups.OWN_GROUP).build();
 * // throws PolicyConfigurationException (process.setsid) if setsid cannot be found
 * }</pre>
 */
public enum ProcessGroups {
  /** The child leads its own process group (POSIX, through {@code setsid}). */
  OWN_GROUP,
  /** The child stays in the host's group; its visible descendants are signalled one by one. */
  DESCENDANTS;

  /** {@link #OWN_GROUP} on POSIX, {@link #DESCENDANTS} on Windows. */
  public static ProcessGroups platformDefault() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows") ? DESCENDANTS : OWN_GROUP;
  }
}
