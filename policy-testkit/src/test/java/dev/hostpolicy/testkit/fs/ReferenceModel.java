package dev.hostpolicy.testkit.fs;

import dev.hostpolicy.testkit.PathRequest;
import dev.hostpolicy.testkit.WorkspaceTree;
import dev.hostpolicy.testkit.WorkspaceTree.Entry;
import dev.hostpolicy.testkit.WorkspaceTree.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reference model: the rule of docs/workspace.md executed on an in-memory copy of a
 * {@link WorkspaceTree}, one component at a time, with nodes instead of paths (so containment is
 * ancestry in the tree, not anything about strings). Independent of the implementation and of any
 * file system.
 *
 * <p>The symlink limit is counted two ways, because file systems differ: Linux counts every link
 * followed while resolving a path (40 in all); Jimfs counts links nested in links (40 deep). Where
 * the two disagree (only for trees that expand links exponentially), either answer is accepted.
 */
final class ReferenceModel {
  static final int LIMIT = 40;
  private static final int MAX_STEPS = 200_000;

  sealed interface Outcome permits Allowed, Denied, Unknown {}

  /** Resolved to these names from the sandbox. */
  record Allowed(List<String> names) implements Outcome {}

  /** Refused with this reason code. */
  record Denied(String code) implements Outcome {}

  /** The walk left the part of the file system the model knows (above a temp-dir sandbox). */
  record Unknown() implements Outcome {}

  private static final class Node {
    final String name;
    final Node parent;
    final Kind kind;
    final Map<String, Node> children = new LinkedHashMap<>();
    List<String> target = List.of();
    boolean absolute;

    Node(String name, Node parent, Kind kind) {
      this.name = name;
      this.parent = parent;
      this.kind = kind;
    }
  }

  private record Item(String name, boolean fromLink, int depth) {}

  private final Node top = new Node("", null, Kind.DIRECTORY);
  private final Node workspace;
  private final boolean caseInsensitive;
  private final boolean topIsFileSystemRoot;

  /**
   * @param caseInsensitive whether names match ignoring (ASCII) case
   * @param topIsFileSystemRoot whether the sandbox is the file system's root (so {@code ..} there stays)
   */
  ReferenceModel(WorkspaceTree tree, boolean caseInsensitive, boolean topIsFileSystemRoot) {
    this.caseInsensitive = caseInsensitive;
    this.topIsFileSystemRoot = topIsFileSystemRoot;
    for (Entry e : tree.entries()) {
      Node parent = top;
      for (String n : e.path().subList(0, e.path().size() - 1)) {
        parent = parent.children.get(key(n));
      }
      String name = e.path().get(e.path().size() - 1);
      Node node = new Node(name, parent, e.kind());
      node.target = e.target();
      node.absolute = e.absoluteTarget();
      parent.children.put(key(name), node);
    }
    workspace = top.children.get(key(WorkspaceTree.WORKSPACE));
  }

  /** Every acceptable outcome of resolving {@code request} (one, or two when the link counts differ). */
  Set<Outcome> resolve(PathRequest request, boolean write) {
    Set<Outcome> out = new LinkedHashSet<>();
    out.add(walk(request, write, false));
    out.add(walk(request, write, true));
    return out;
  }

  /** The kind of the node at {@code names} (from the sandbox), or null if there is none. */
  Kind kindAt(List<String> names) {
    Node n = top;
    for (String name : names) {
      n = n.children.get(key(name));
      if (n == null) {
        return null;
      }
    }
    return n.kind;
  }

  private Outcome walk(PathRequest request, boolean write, boolean nested) {
    Node current = request.absolute() ? top : workspace;
    Deque<Item> queue = new ArrayDeque<>();
    for (String n : request.names()) {
      queue.addLast(new Item(n, false, 0));
    }
    int links = 0;
    int steps = 0;
    Node end = null;
    while (!queue.isEmpty()) {
      if (++steps > MAX_STEPS) {
        return new Unknown();
      }
      Item item = queue.pollFirst();
      if (item.name().isEmpty() || item.name().equals(".")) {
        continue;
      }
      if (item.name().equals("..")) {
        if (current == top) {
          if (!topIsFileSystemRoot) {
            return new Unknown();
          }
        } else {
          current = current.parent;
        }
        continue;
      }
      Node child = current.children.get(key(item.name()));
      if (child == null) {
        return missing(item, current, queue, write);
      }
      switch (child.kind) {
        case SYMLINK:
          if (nested ? item.depth() >= LIMIT : ++links > LIMIT) {
            return at(current, "path.symlink-loop");
          }
          List<String> target = child.target;
          for (int i = target.size() - 1; i >= 0; i--) {
            queue.addFirst(new Item(target.get(i), true, item.depth() + 1));
          }
          if (child.absolute) {
            current = top;
          }
          break;
        case DIRECTORY:
          current = child;
          break;
        default:
          if (!queue.isEmpty()) {
            return at(current, "path.not-a-directory");
          }
          end = child;
      }
    }
    Node result = end != null ? end : current;
    if (!inside(result)) {
      return new Denied("path.outside-workspace");
    }
    if (write && result == workspace) {
      return new Denied("path.workspace-root");
    }
    return new Allowed(pathOf(result));
  }

  private Outcome missing(Item item, Node current, Deque<Item> rest, boolean write) {
    if (item.fromLink()) {
      return at(current, "path.dangling-symlink");
    }
    if (!write) {
      return at(current, "path.not-found");
    }
    if (!inside(current)) {
      return new Denied("path.outside-workspace");
    }
    List<String> names = pathOf(current);
    List<String> tail = new ArrayList<>();
    tail.add(item.name());
    rest.forEach(i -> tail.add(i.name()));
    for (String t : tail) {
      if (t.isEmpty() || t.equals(".") || t.equals("..")) {
        return new Denied("path.not-a-plain-name");
      }
    }
    names.addAll(tail);
    return new Allowed(names);
  }

  private Outcome at(Node position, String code) {
    return new Denied(inside(position) ? code : "path.outside-workspace");
  }

  private boolean inside(Node n) {
    for (Node p = n; p != null; p = p.parent) {
      if (p == workspace) {
        return true;
      }
    }
    return false;
  }

  private static List<String> pathOf(Node n) {
    List<String> names = new ArrayList<>();
    for (Node p = n; p.parent != null; p = p.parent) {
      names.add(0, p.name);
    }
    return names;
  }

  private String key(String name) {
    return caseInsensitive ? name.toLowerCase(Locale.ROOT) : name;
  }
}
