package dev.hostpolicy.testkit;

import dev.hostpolicy.testkit.WorkspaceTree.Entry;
import dev.hostpolicy.testkit.WorkspaceTree.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for path-traversal testing: directory trees with symbolic links pointing inside, outside,
 * nowhere (dangling), at themselves (loops) and at each other (chains); requests made of
 * {@code ..}, {@code .}, look-alike and case-variant names; and hostile path strings (NUL, controls,
 * Windows device names, alternate data streams, trailing dots, drive letters, UNC prefixes, mixed
 * separators). {@link PolicyArbitraries} re-exports each.
 *
 * <pre>{@code
 * @Property
 * void containment(@ForAll("trees") WorkspaceTree tree, @ForAll("requests") List<PathRequest> requests) { ... }
 *
 * @Provide Arbitrary<WorkspaceTree> trees() { return PathArbitraries.workspaceTrees(); }
 * @Provide Arbitrary<List<PathRequest>> requests() { return PathArbitraries.pathRequests().list().ofMaxSize(12); }
 * }</pre>
 */
public final class PathArbitraries {
  private PathArbitraries() {}

  /**
   * Names of generated entries: few, so links hit each other (loops, chains) and requests hit
   * entries; they include the workspace's own name and its sibling-prefix name, so
   * {@code out/ws/…} looks like the workspace without being it.
   */
  static final List<String> NAMES =
      List.of("a", "b", "c", "l", WorkspaceTree.WORKSPACE, WorkspaceTree.SIBLING, WorkspaceTree.OUTSIDE);

  /** {@link #NAMES}, the short ones more often so requests and link targets hit entries. */
  private static Arbitrary<String> names() {
    return Arbitraries.frequency(
        Tuple.of(4, "a"), Tuple.of(3, "b"), Tuple.of(2, "c"), Tuple.of(3, "l"),
        Tuple.of(1, WorkspaceTree.WORKSPACE), Tuple.of(1, WorkspaceTree.SIBLING), Tuple.of(1, WorkspaceTree.OUTSIDE));
  }

  /** Most entries a generated tree adds to the three base directories. */
  static final int MAX_ENTRIES = 16;

  /**
   * Directory trees below a sandbox holding {@code ws}, {@code ws-evil} and {@code out}, with
   * directories, files and symbolic links (relative and absolute targets, including dangling ones,
   * self-loops, mutual loops and chains). Shrinks towards fewer, simpler entries.
   */
  public static Arbitrary<WorkspaceTree> workspaceTrees() {
    Arbitrary<Instruction> instruction =
        Combinators.combine(
                Arbitraries.integers().between(0, 1000),
                names(),
                Arbitraries.frequency(Tuple.of(3, Kind.DIRECTORY), Tuple.of(2, Kind.FILE), Tuple.of(5, Kind.SYMLINK)),
                linkTargets(),
                Arbitraries.integers().between(0, 9))
            .as(Instruction::new);
    return instruction.list().ofMinSize(2).ofMaxSize(MAX_ENTRIES).map(PathArbitraries::build);
  }

  /**
   * Requests in a {@link WorkspaceTree}: relative (to the workspace) or absolute (from the sandbox),
   * zero to five names from the tree's names, {@code .}, {@code ..}, upper-case variants (equal on
   * case-insensitive file systems) and names that never exist; separator flags for mixed-separator
   * rendering.
   */
  public static Arbitrary<PathRequest> pathRequests() {
    Arbitrary<String> name =
        Arbitraries.frequency(
                Tuple.of(8, "names"), Tuple.of(3, ".."), Tuple.of(1, "."), Tuple.of(2, "upper"), Tuple.of(1, "new"))
            .flatMap(kind -> {
              switch (kind) {
                case "names":
                  return names();
                case "upper":
                  return names().map(n -> n.toUpperCase(Locale.ROOT));
                case "new":
                  return Arbitraries.of("new", "fresh.txt", "n");
                default:
                  return Arbitraries.just(kind);
              }
            });
    return Combinators.combine(
            Arbitraries.integers().between(0, 3).map(i -> i == 0),
            name.list().ofMaxSize(5),
            Arbitraries.of(true, false).list().ofSize(7))
        .as(PathRequest::new);
  }

  /**
   * Hostile path strings: traversal with {@code ..} and both separators, absolute POSIX and Windows
   * paths, drive-relative {@code C:x}, UNC and device prefixes ({@code \\server\share},
   * {@code \\?\}, {@code \\.\}), NUL and other control characters, lone surrogates, Windows device
   * names with extensions, alternate data streams ({@code ::$DATA}), trailing dots and spaces, names
   * Windows forbids, look-alike dots and slashes, and over-long strings — mixed with harmless names.
   */
  public static Arbitrary<String> traversalStrings() {
    Arbitrary<String> token =
        Arbitraries.of(
            "..", ".", "a", "b", "ws", "ws-evil", "src", "App.java", "...", "....", " ", "a.", "a ", ". ", ".. ",
            "CON", "con.txt", "NUL", "nul.tar.gz", "AUX", "PRN", "COM1", "com9.log", "LPT1", "LPT\u00b9", "COM\u00b2",
            "CONIN$", "CONOUT$", "CONSOLE", "COM10", "NULL",
            "file::$DATA", "a:b", "C:", "c:x", "C:\\", "\\\\?\\C:", "\\\\.\\CON", "\\\\server\\share",
            "%2e%2e", "..%2f", "\u2024\u2024", "\uff0e\uff0e", "\u2215", "\u2044", "\uff0f", "\uff3c",
            "a\u0000b", "\u0000", "\n", "\r", "\t", "\u001b[31m", "\u007f", "\u0085", "\u202e", "\u200b",
            "\ud800", "\udfff", "\ud83d\ude00", "<", ">", "|", "?", "*", "\"", "~", "~root", "$HOME", "${x}",
            "caf\u00e9", "cafe\u0301", "\u0130", "\u0131");
    Arbitrary<String> separator = Arbitraries.of("/", "\\", "//", "\\\\", "/./", "\\.\\");
    Arbitrary<String> joined =
        Combinators.combine(
                Arbitraries.of("", "", "", "/", "\\", "C:\\", "c:/", "D:", "\\\\server\\share\\", "//server/share/", "\\\\?\\", "\\\\.\\"),
                token.list().ofMinSize(1).ofMaxSize(6),
                separator.list().ofSize(6),
                Arbitraries.of("", "", "/", "\\", "."))
            .as((start, tokens, seps, end) -> {
              StringBuilder b = new StringBuilder(start);
              for (int i = 0; i < tokens.size(); i++) {
                if (i > 0) {
                  b.append(seps.get(i));
                }
                b.append(tokens.get(i));
              }
              return b.append(end).toString();
            });
    Arbitrary<String> random =
        Arbitraries.strings().withChars("./\\:aA .\u0000$~").ofMaxLength(12);
    Arbitrary<String> overLong = Arbitraries.integers().between(4000, 5000).map(n -> "a/".repeat(n / 2));
    return Arbitraries.frequencyOf(Tuple.of(8, joined), Tuple.of(2, random), Tuple.of(1, overLong));
  }

  /** Link targets: 1–4 names of the tree, {@code ..} and {@code .}, relative or absolute. */
  private static Arbitrary<List<String>> linkTargetNames() {
    return Arbitraries.frequency(Tuple.of(5, "name"), Tuple.of(3, ".."), Tuple.of(1, "."))
        .flatMap(k -> k.equals("name") ? names() : Arbitraries.just(k))
        .list().ofMinSize(1).ofMaxSize(4);
  }

  private static Arbitrary<Target> linkTargets() {
    return Combinators.combine(Arbitraries.integers().between(0, 3).map(i -> i == 0), linkTargetNames()).as(Target::new);
  }

  private record Target(boolean absolute, List<String> names) {}

  /**
   * One step of building a tree: which existing directory (by index, modulo) gets an entry of which
   * name and kind; {@code bias} below 7 puts it into the workspace's part of the tree.
   */
  private record Instruction(int parent, String name, Kind kind, Target target, int bias) {}

  private static WorkspaceTree build(List<Instruction> instructions) {
    List<Entry> entries = new ArrayList<>(WorkspaceTree.baseDirectories());
    List<List<String>> dirs = new ArrayList<>();
    for (Entry e : entries) {
      dirs.add(e.path());
    }
    Set<List<String>> taken = new HashSet<>(dirs);
    for (Instruction in : instructions) {
      List<List<String>> candidates = new ArrayList<>();
      for (List<String> d : dirs) {
        boolean inWorkspace = d.get(0).equals(WorkspaceTree.WORKSPACE);
        if (inWorkspace == (in.bias() < 7)) {
          candidates.add(d);
        }
      }
      if (candidates.isEmpty()) {
        candidates = dirs;
      }
      List<String> parent = candidates.get(in.parent() % candidates.size());
      List<String> path = new ArrayList<>(parent);
      path.add(in.name());
      if (!taken.add(path)) {
        continue; // the name exists in that directory already
      }
      if (in.kind() == Kind.SYMLINK) {
        entries.add(new Entry(path, Kind.SYMLINK, in.target().names(), in.target().absolute()));
      } else {
        entries.add(new Entry(path, in.kind(), List.of(), false));
        if (in.kind() == Kind.DIRECTORY) {
          dirs.add(path);
        }
      }
    }
    return new WorkspaceTree(entries);
  }
}
