package dev.hostpolicy.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * A generated request for a path in a {@link WorkspaceTree}: names (which may be {@code .},
 * {@code ..}, names of the tree in another letter case, or names that do not exist), relative to the
 * workspace or absolute from the sandbox. {@link #render(Path, String)} turns it into the string a
 * client would send.
 *
 * <pre>{@code
 * @Property
 * void resolves(@ForAll("requests") PathRequest request) {
 *   String raw = request.render(sandbox, "/");   // "../ws-evil/a" or "/tmp/x/ws/./a"
 *   ...
 * }
 *
 * @Provide
 * Arbitrary<PathRequest> requests() {
 *   return PolicyArbitraries.pathRequests();
 * }
 * }</pre>
 *
 * @param absolute whether the request starts at the sandbox rather than the workspace
 * @param names the names of the request
 * @param separators for each gap between names (and after the sandbox): {@code true} for the
 *     alternative separator; only used when rendering with an alternative
 */
public record PathRequest(boolean absolute, List<String> names, List<Boolean> separators) {
  /** Copies the lists. */
  public PathRequest {
    names = List.copyOf(names);
    separators = List.copyOf(separators);
  }

  /** A request that always uses the primary separator. */
  public static PathRequest of(boolean absolute, List<String> names) {
    return new PathRequest(absolute, names, List.of());
  }

  /**
   * The request as text: names joined with {@code separator}; an absolute request starts with
   * {@code sandbox}'s text.
   */
  public String render(Path sandbox, String separator) {
    return render(sandbox, separator, separator);
  }

  /**
   * The request as text, using {@code alternative} (say {@code /} on Windows) between the names
   * whose flag in {@link #separators()} is set.
   */
  public String render(Path sandbox, String separator, String alternative) {
    StringBuilder b = new StringBuilder();
    if (absolute) {
      b.append(sandbox);
      if (!b.toString().endsWith(separator) && !names.isEmpty()) {
        b.append(pick(0, separator, alternative));
      }
    }
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        b.append(pick(i, separator, alternative));
      }
      b.append(names.get(i));
    }
    return b.toString();
  }

  private String pick(int i, String separator, String alternative) {
    return i < separators.size() && separators.get(i) ? alternative : separator;
  }

  @Override
  public String toString() {
    return (absolute ? "<sandbox>/" : "") + String.join("/", names);
  }
}
