package dev.hostpolicy.core.fs;

import dev.hostpolicy.api.PolicyConfigurationException;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Proves a requested path is inside a workspace before any file is touched: relative paths are taken
 * against the workspace root, every symbolic link is resolved, and containment is decided by path
 * components of real paths — never by string prefix, so {@code /ws} does not contain {@code /ws-evil}.
 *
 * <p>{@link #resolveForRead(String)} returns the real path of an existing file or directory inside the
 * workspace. {@link #resolveForWrite(String)} returns where a write lands: the real path of the
 * deepest existing ancestor (which must be inside) followed by the components that do not exist yet
 * (which must be plain names); an existing leaf that is a symbolic link is resolved and must lead
 * inside, and a dangling one is refused, because a write would follow it. Every result starts with
 * {@link #root()}. A refusal throws {@link WorkspacePathException} carrying a {@link PathViolation}
 * code; see {@code docs/workspace.md} for the complete rule.
 *
 * <p>Resolution is a check, not a lock: the file system may change between the check and the use.
 * {@link WorkspaceFiles} opens files in a way that narrows that gap. Instances are immutable and
 * thread-safe; they work on any {@link FileSystem} (the default one, Jimfs, a zip file system).
 *
 * <pre>{@code
 * WorkspacePaths workspace = WorkspacePaths.of(Path.of("/home/dev/project"));
 * Path source = workspace.resolveForRead("src/main/App.java"); // real path, inside the workspace
 * Path output = workspace.resolveForWrite("build/out.txt");    // build/ may not exist yet
 * workspace.resolveForRead("../.ssh/id_ed25519");              // throws: path.outside-workspace
 * }</pre>
 */
public final class WorkspacePaths {
  /** Most symbolic links followed while resolving one path (as Linux's MAXSYMLINKS); more is a loop. */
  public static final int MAX_SYMLINKS = 40;

  /** Longest requested path accepted, in characters (Linux's PATH_MAX). */
  public static final int MAX_PATH_CHARS = 4096;

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final Path root;
  private final int rootNames;
  private final boolean windows;
  private final Object rootKey;
  private final String rootText;
  private final String separator;

  private WorkspacePaths(Path root, Object rootKey) {
    this.root = root;
    this.rootNames = root.getNameCount();
    this.separator = root.getFileSystem().getSeparator();
    this.windows = separator.equals("\\");
    this.rootKey = rootKey;
    this.rootText = root.toString();
  }

  /**
   * A workspace rooted at the real path of {@code root} (a symbolic link to the root is fine; it is
   * resolved once, here).
   *
   * @throws PolicyConfigurationException if {@code root} does not exist, is not a directory or cannot
   *     be resolved
   */
  public static WorkspacePaths of(Path root) {
    Objects.requireNonNull(root, "root");
    Path real;
    try {
      real = root.toAbsolutePath().toRealPath();
    } catch (NoSuchFileException e) {
      throw new PolicyConfigurationException(null, "workspace root " + root + " does not exist", e);
    } catch (IOException | RuntimeException e) {
      throw new PolicyConfigurationException(null, "workspace root " + root + " cannot be resolved (" + e.getClass().getSimpleName() + ")", e);
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(real, BasicFileAttributes.class, NOFOLLOW);
    } catch (IOException e) {
      throw new PolicyConfigurationException(null, "workspace root " + root + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    if (!attributes.isDirectory()) {
      throw new PolicyConfigurationException(null, "workspace root " + root + " is not a directory");
    }
    return new WorkspacePaths(real, attributes.fileKey());
  }

  /** The workspace root: a real path, resolved once at construction. */
  public Path root() {
    return root;
  }

  /**
   * The real path of the existing file or directory {@code path} names, proven inside the workspace.
   * A relative path is taken against the root; an absolute one must resolve inside.
   *
   * @throws WorkspacePathException if the path is refused ({@code path.outside-workspace},
   *     {@code path.not-found}, {@code path.dangling-symlink}, {@code path.symlink-loop}, a text-level
   *     code, …)
   */
  public Path resolveForRead(String path) {
    return resolve(path, false);
  }

  /** {@link #resolveForRead(String)} of {@code path.toString()}, parsed on this workspace's file system. */
  public Path resolveForRead(Path path) {
    return resolveForRead(Objects.requireNonNull(path, "path").toString());
  }

  /**
   * Where a write to {@code path} lands, proven inside the workspace: the real path of the deepest
   * existing ancestor followed by the plain names that do not exist yet, or — for an existing leaf —
   * its real path (a symbolic-link leaf is resolved and must lead inside; a dangling one is refused).
   *
   * @throws WorkspacePathException if the path is refused ({@code path.outside-workspace},
   *     {@code path.dangling-symlink}, {@code path.not-a-plain-name}, {@code path.workspace-root}, …)
   */
  public Path resolveForWrite(String path) {
    return resolve(path, true);
  }

  /** {@link #resolveForWrite(String)} of {@code path.toString()}, parsed on this workspace's file system. */
  public Path resolveForWrite(Path path) {
    return resolveForWrite(Objects.requireNonNull(path, "path").toString());
  }

  @Override
  public String toString() {
    return "WorkspacePaths[" + root + "]";
  }

  /** The file key of the root directory seen at construction (may be null on some file systems). */
  Object rootKey() {
    return rootKey;
  }

  /** The names of {@code resolved} (a result of this class) below the root. */
  List<String> namesBelowRoot(Path resolved) {
    List<String> names = new ArrayList<>();
    for (int i = rootNames; i < resolved.getNameCount(); i++) {
      names.add(resolved.getName(i).toString());
    }
    return names;
  }

  private Path resolve(String raw, boolean write) {
    Objects.requireNonNull(raw, "path");
    try {
      Path user = PathNames.parse(raw, root.getFileSystem(), windows);
      if (user.isAbsolute() && !sameRoot(user.getRoot())) {
        throw outside(raw);
      }
      Path candidate = user.isAbsolute() ? user : root.resolve(user);
      Path fast = write ? fastWrite(raw, candidate, user) : fastRead(raw, candidate);
      return fast != null ? fast : walk(raw, user, write);
    } catch (WorkspacePathException e) {
      throw e;
    } catch (RuntimeException e) {
      // fail closed: whatever went wrong inside the check denies
      throw PathNames.deny(PathViolation.INACCESSIBLE, raw, "could not be checked (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The common case: everything exists, one {@code toRealPath}. Null when the walk must decide. */
  private Path fastRead(String raw, Path candidate) {
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (IOException e) {
      return null;
    }
    return accept(raw, real, false);
  }

  /**
   * The common write cases: an existing leaf (one {@code lstat}, one {@code toRealPath}) or a new
   * plain name in an existing directory (one {@code lstat}, one {@code toRealPath} of the parent).
   * Null when the walk must decide.
   */
  private Path fastWrite(String raw, Path candidate, Path user) {
    Path fileName = user.getFileName();
    String leaf = fileName == null ? "" : fileName.toString();
    if (!PathNames.isPlainName(leaf)) {
      return null;
    }
    if (Files.exists(candidate)) {
      // an existing leaf, or a link to an existing target: its real path decides
      Path real;
      try {
        real = candidate.toRealPath();
      } catch (IOException e) {
        return null;
      }
      return accept(raw, real, true);
    }
    try {
      Files.readAttributes(candidate, BasicFileAttributes.class, NOFOLLOW);
      return null; // an entry that does not resolve: a dangling link or a loop; the walk names it
    } catch (NoSuchFileException e) {
      // a new leaf
    } catch (IOException e) {
      return null;
    }
    Path parent = candidate.getParent();
    if (parent == null) {
      return null;
    }
    Path parentReal;
    try {
      // "parent/." fails unless parent is a directory, in the same call
      parentReal = parent.resolve(".").toRealPath();
    } catch (IOException e) {
      return null;
    }
    return accept(raw, parentReal, false).resolve(leaf);
  }

  /**
   * The rule for a resolved real path: inside the root by components, every name below the root
   * portable, and (for a write) not the root itself. Returns it spelled with {@link #root()}.
   */
  private Path accept(String raw, Path real, boolean write) {
    if (!contains(real)) {
      throw outside(raw);
    }
    Path result = sameSpellingBelowRoot(real) ? acceptSpelledLikeRoot(raw, real) : respell(raw, real);
    if (write && result.equals(root)) {
      throw PathNames.deny(PathViolation.WORKSPACE_ROOT, raw, "is the workspace root itself");
    }
    return result;
  }

  /** The common case: {@code real} is the root's text followed by names; check them in place. */
  private Path acceptSpelledLikeRoot(String raw, Path real) {
    String text = real.toString();
    int start = rootText.length();
    if (start < text.length() && !rootText.endsWith(separator)) {
      start++; // the separator after the root
    }
    int from = start;
    for (int i = start; i <= text.length(); i++) {
      if (i == text.length() || text.startsWith(separator, i)) {
        if (i > from) {
          Optional<PathViolation> v = PathNames.checkName(text, from, i, windows);
          if (v.isPresent()) {
            throw PathNames.deny(v.get(), raw, "resolves to a name that is not portable (" + text.substring(from, i) + ")");
          }
        }
        from = i + separator.length();
      }
    }
    return real;
  }

  /** A real path whose prefix is spelled differently from the root (case-insensitive file systems). */
  private Path respell(String raw, Path real) {
    Path result = root;
    for (int i = rootNames; i < real.getNameCount(); i++) {
      String name = real.getName(i).toString();
      Optional<PathViolation> v = PathNames.checkName(name, windows);
      if (v.isPresent()) {
        throw PathNames.deny(v.get(), raw, "resolves to a name that is not portable (" + name + ")");
      }
      result = result.resolve(name);
    }
    return result;
  }

  private boolean sameSpellingBelowRoot(Path real) {
    String text = real.toString();
    if (!text.startsWith(rootText)) {
      return false;
    }
    return text.length() == rootText.length() || rootText.endsWith(separator) || text.startsWith(separator, rootText.length());
  }

  /** One step of the walk: a name, and whether it came from a link's target rather than the request. */
  private record Step(String name, boolean fromLink) {}

  /**
   * The authoritative resolution, component by component, as the kernel walks a path: {@code ..} is
   * taken physically (after links), each link's target replaces it, at most {@link #MAX_SYMLINKS}
   * links in all. Whenever it fails while its position is outside the workspace, the code is
   * {@code path.outside-workspace}.
   */
  private Path walk(String raw, Path user, boolean write) {
    Deque<Step> queue = new ArrayDeque<>();
    for (Path name : user) {
      queue.addLast(new Step(name.toString(), false));
    }
    Path current = user.isAbsolute() ? user.getRoot() : root;
    Path last = null;
    int links = 0;
    while (!queue.isEmpty()) {
      Step step = queue.pollFirst();
      String name = step.name();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        Path parent = current.getParent();
        current = parent == null ? current : parent;
        continue;
      }
      Path next = current.resolve(name);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(next, BasicFileAttributes.class, NOFOLLOW);
      } catch (NoSuchFileException e) {
        return missing(raw, current, step, queue, write);
      } catch (IOException e) {
        throw at(current, raw, PathViolation.INACCESSIBLE, "could not be resolved (" + e.getClass().getSimpleName() + ")");
      }
      if (attributes.isSymbolicLink()) {
        if (++links > MAX_SYMLINKS) {
          throw at(current, raw, PathViolation.SYMLINK_LOOP, "follows more than " + MAX_SYMLINKS + " symbolic links (a loop or an over-long chain)");
        }
        Path target;
        try {
          target = Files.readSymbolicLink(next);
        } catch (IOException e) {
          throw at(current, raw, PathViolation.INACCESSIBLE, "has a link that could not be read (" + e.getClass().getSimpleName() + ")");
        }
        if (target.getRoot() != null) {
          if (!target.isAbsolute()) {
            throw at(current, raw, PathViolation.DRIVE_RELATIVE, "goes through a link to a drive-relative path");
          }
          current = target.getRoot();
        }
        for (int i = target.getNameCount() - 1; i >= 0; i--) {
          queue.addFirst(new Step(target.getName(i).toString(), true));
        }
        continue;
      }
      if (attributes.isDirectory()) {
        current = next;
        continue;
      }
      if (!queue.isEmpty()) {
        throw at(current, raw, PathViolation.NOT_A_DIRECTORY, "uses a file that is not a directory as one");
      }
      last = next;
    }
    Path end = last != null ? last : current;
    Path real;
    try {
      real = end.toRealPath();
    } catch (IOException e) {
      Path position = end.getParent() == null ? end : end.getParent();
      throw at(position, raw, PathViolation.INACCESSIBLE, "could not be resolved (" + e.getClass().getSimpleName() + ")");
    }
    return accept(raw, real, write);
  }

  /** The walk met a component that does not exist. */
  private Path missing(String raw, Path current, Step step, Deque<Step> rest, boolean write) {
    if (step.fromLink()) {
      throw at(current, raw, PathViolation.DANGLING_SYMLINK, "goes through a dangling symbolic link");
    }
    if (!write) {
      throw at(current, raw, PathViolation.NOT_FOUND, "does not exist");
    }
    if (!contains(current)) {
      throw outside(raw);
    }
    List<String> tail = new ArrayList<>();
    tail.add(step.name());
    for (Step s : rest) {
      tail.add(s.name()); // every remaining step came from the request: link targets go to the front
    }
    for (String name : tail) {
      if (!PathNames.isPlainName(name)) {
        throw PathNames.deny(PathViolation.NOT_A_PLAIN_NAME, raw, "has '" + name + "' after a component that does not exist");
      }
    }
    Path base;
    try {
      base = current.toRealPath();
    } catch (IOException e) {
      throw at(current, raw, PathViolation.INACCESSIBLE, "could not be resolved (" + e.getClass().getSimpleName() + ")");
    }
    // one resolve for the whole tail (validated plain names, no separators): linear, not quadratic
    Path tailPath = root.getFileSystem().getPath(tail.get(0), tail.subList(1, tail.size()).toArray(String[]::new));
    return accept(raw, base, false).resolve(tailPath);
  }

  /** A denial decided at {@code position}: the precise code inside the workspace, else outside. */
  private WorkspacePathException at(Path position, String raw, PathViolation v, String why) {
    return contains(position) ? PathNames.deny(v, raw, why) : outside(raw);
  }

  private static WorkspacePathException outside(String raw) {
    return PathNames.deny(PathViolation.OUTSIDE_WORKSPACE, raw, "is outside the workspace");
  }

  /**
   * Whether {@code p} (absolute, without {@code .}/{@code ..} or links) is the root or below it, by
   * path components. Where the file system's own comparison disagrees with itself — a
   * case-insensitive or normalising file system spelling a name differently — the ancestor at the
   * root's depth is compared with the root by file identity.
   */
  boolean contains(Path p) {
    if (p.startsWith(root)) {
      return true;
    }
    if (p.getRoot() == null || !sameRoot(p.getRoot()) || p.getNameCount() < rootNames) {
      return false;
    }
    Path ancestor = rootNames == 0 ? p.getRoot() : p.getRoot().resolve(p.subpath(0, rootNames));
    try {
      return Files.isSameFile(ancestor, root);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private boolean sameRoot(Path other) {
    Path mine = root.getRoot();
    return other.equals(mine) || (windows && other.toString().equalsIgnoreCase(mine.toString()));
  }
}
