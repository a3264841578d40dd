package dev.hostpolicy.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A generated directory tree with symbolic links, described as data so a test can both create it on a
 * file system (the real one, or Jimfs) and compute what resolving a path in it must give. Paths are
 * lists of names from the <em>sandbox</em>: a directory that always holds the workspace
 * {@value #WORKSPACE}, a sibling whose name has the workspace's as a prefix ({@value #SIBLING}) and an
 * outside directory ({@value #OUTSIDE}). Entries are in creation order (parents first); link targets
 * are relative to the link's directory, or absolute from the sandbox.
 *
 * <pre>{@code
 * @Property
 * void neverOutside(@ForAll("trees") WorkspaceTree tree) throws IOException {
 *   Path sandbox = Jimfs.newFileSystem(Configuration.unix()).getPath("/");
 *   tree.materialize(sandbox);
 *   WorkspacePaths ws = WorkspacePaths.of(sandbox.resolve(WorkspaceTree.WORKSPACE));
 *   ...
 * }
 *
 * @Provide
 * Arbitrary<WorkspaceTree> trees() {
 *   return PolicyArbitraries.workspaceTrees();
 * }
 * }</pre>
 *
 * @param entries the entries below the sandbox, parents before children
 */
public record WorkspaceTree(List<Entry> entries) {
  /** The workspace root, directly in the sandbox. */
  public static final String WORKSPACE = "ws";

  /** A sibling of the workspace whose name starts with the workspace's: string prefixes must not confuse. */
  public static final String SIBLING = "ws-evil";

  /** A directory outside the workspace. */
  public static final String OUTSIDE = "out";

  /** Marker in the content of every file outside the workspace: it must never appear in a denial. */
  public static final String OUTSIDE_CONTENT_MARKER = "OUTSIDE-SECRET";

  /** What an entry is. */
  public enum Kind {
    /** A directory. */
    DIRECTORY,
    /** A regular file holding {@link WorkspaceTree#contentOf(List)}. */
    FILE,
    /** A symbolic link to {@link Entry#target()}. */
    SYMLINK
  }

  /**
   * One entry of the tree.
   *
   * @param path names from the sandbox
   * @param kind what the entry is
   * @param target for a link: the names of its target (may hold {@code .} and {@code ..}); empty otherwise
   * @param absoluteTarget for a link: whether the target starts at the sandbox rather than the link's directory
   */
  public record Entry(List<String> path, Kind kind, List<String> target, boolean absoluteTarget) {
    /** Copies the lists. */
    public Entry {
      path = List.copyOf(path);
      Objects.requireNonNull(kind, "kind");
      target = List.copyOf(target);
    }

    @Override
    public String toString() {
      String p = String.join("/", path);
      switch (kind) {
        case DIRECTORY:
          return p + "/";
        case FILE:
          return p;
        default:
          return p + " -> " + (absoluteTarget ? "/" : "") + String.join("/", target);
      }
    }
  }

  /** Copies the list. */
  public WorkspaceTree {
    entries = List.copyOf(entries);
  }

  /** The three top-level directories every tree starts with. */
  public static List<Entry> baseDirectories() {
    return List.of(
        new Entry(List.of(WORKSPACE), Kind.DIRECTORY, List.of(), false),
        new Entry(List.of(SIBLING), Kind.DIRECTORY, List.of(), false),
        new Entry(List.of(OUTSIDE), Kind.DIRECTORY, List.of(), false));
  }

  /** The content written to the file at {@code path}: outside files carry {@link #OUTSIDE_CONTENT_MARKER}. */
  public static String contentOf(List<String> path) {
    boolean inside = !path.isEmpty() && path.get(0).equals(WORKSPACE);
    return (inside ? "inside:" : OUTSIDE_CONTENT_MARKER + ":") + String.join("/", path);
  }

  /**
   * Creates the tree below {@code sandbox} (an existing directory, ideally a real path). Absolute link
   * targets become absolute paths below {@code sandbox}.
   */
  public void materialize(Path sandbox) throws IOException {
    FileSystem fs = sandbox.getFileSystem();
    for (Entry e : entries) {
      Path p = resolve(sandbox, e.path());
      switch (e.kind()) {
        case DIRECTORY:
          Files.createDirectories(p);
          break;
        case FILE:
          Files.write(p, contentOf(e.path()).getBytes(StandardCharsets.UTF_8));
          break;
        default:
          Path target = e.absoluteTarget() ? resolve(sandbox, e.target()) : relative(fs, e.target());
          Files.createSymbolicLink(p, target);
      }
    }
  }

  private static Path resolve(Path base, List<String> names) {
    Path p = base;
    for (String n : names) {
      p = p.resolve(n);
    }
    return p;
  }

  private static Path relative(FileSystem fs, List<String> names) {
    if (names.isEmpty()) {
      return fs.getPath(".");
    }
    List<String> rest = new ArrayList<>(names.subList(1, names.size()));
    return fs.getPath(names.get(0), rest.toArray(String[]::new));
  }

  @Override
  public String toString() {
    return "WorkspaceTree" + entries;
  }
}
