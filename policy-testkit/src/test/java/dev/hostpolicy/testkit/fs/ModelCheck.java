package dev.hostpolicy.testkit.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.fs.WorkspacePathException;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.testkit.PathRequest;
import dev.hostpolicy.testkit.WorkspaceTree;
import dev.hostpolicy.testkit.fs.ReferenceModel.Allowed;
import dev.hostpolicy.testkit.fs.ReferenceModel.Denied;
import dev.hostpolicy.testkit.fs.ReferenceModel.Outcome;
import dev.hostpolicy.testkit.fs.ReferenceModel.Unknown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Runs requests against {@link WorkspacePaths} and checks them against the model and the JDK. */
final class ModelCheck {
  private ModelCheck() {}

  /** How many requests were compared with the model (not Unknown). */
  static int compared;

  /** How often each outcome was seen ("R allowed", "W path.dangling-symlink", …): generator coverage. */
  static final Map<String, Integer> SEEN = new TreeMap<>();

  /** The outcome of a call, in the model's terms (names relative to {@code sandbox}). */
  static Outcome outcome(Supplier<Path> call, Path sandbox) {
    try {
      Path p = call.get();
      List<String> names = new ArrayList<>();
      for (Path n : sandbox.relativize(p)) {
        if (!n.toString().isEmpty()) {
          names.add(n.toString());
        }
      }
      return new Allowed(names);
    } catch (WorkspacePathException e) {
      return new Denied(e.reason());
    }
  }

  /**
   * Materialises {@code tree} in {@code sandbox}, then for every request and both modes: the outcome
   * is one the model accepts (unless the model does not know), and {@link #safe} holds.
   */
  static void check(WorkspaceTree tree, List<PathRequest> requests, Path sandbox, boolean caseInsensitive,
      boolean sandboxIsFileSystemRoot, String separator, String alternative) throws IOException {
    tree.materialize(sandbox);
    WorkspacePaths ws = WorkspacePaths.of(sandbox.resolve(WorkspaceTree.WORKSPACE));
    ReferenceModel model = new ReferenceModel(tree, caseInsensitive, sandboxIsFileSystemRoot);
    for (PathRequest request : requests) {
      String raw = request.render(sandbox, separator, alternative);
      for (boolean write : new boolean[] {false, true}) {
        Outcome actual = outcome(() -> write ? ws.resolveForWrite(raw) : ws.resolveForRead(raw), sandbox);
        Set<Outcome> expected = model.resolve(request, write);
        if (!expected.contains(new Unknown())) {
          compared++;
          SEEN.merge((write ? "W " : "R ") + (actual instanceof Denied dd ? dd.code() : "allowed"), 1, Integer::sum);
          assertThat(expected).as("%s %s in %s", write ? "write" : "read", raw, tree).contains(actual);
        }
        safe(ws, raw, write, actual, sandbox);
      }
    }
  }

  /**
   * What must hold whatever the model says, checked against the file system itself: an allowed read
   * is an existing real path inside the root and the very file the OS opens for the request; an
   * allowed write is inside, not the root, its existing part is a real path, the rest plain names,
   * and an existing leaf is the file the OS would open; a denial names a {@code path.*} code and
   * carries no outside file content.
   */
  static void safe(WorkspacePaths ws, String raw, boolean write, Outcome actual, Path sandbox) throws IOException {
    Path root = ws.root();
    if (actual instanceof Denied d) {
      assertThat(d.code()).startsWith("path.");
      return;
    }
    Path result = sandbox;
    for (String n : ((Allowed) actual).names()) {
      result = result.resolve(n);
    }
    assertThat(result.startsWith(root)).as("%s inside %s", result, root).isTrue();
    Path os = osView(root, raw);
    if (!write) {
      assertThat(Files.exists(result, LinkOption.NOFOLLOW_LINKS)).as("read result exists: %s", result).isTrue();
      assertThat(result.toRealPath()).isEqualTo(result);
      if (os != null) {
        assertThat(Files.isSameFile(os, result)).as("the OS opens %s for %s", result, raw).isTrue();
      }
      return;
    }
    assertThat(result).isNotEqualTo(root);
    Path existing = result;
    while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      String name = existing.getFileName().toString();
      assertThat(name).isNotIn(".", "..", "");
      existing = existing.getParent();
    }
    assertThat(existing.toRealPath()).as("existing part of %s is real", result).isEqualTo(existing);
    assertThat(existing.startsWith(root)).isTrue();
    if (existing.equals(result) && os != null && Files.exists(os)) {
      assertThat(Files.isSameFile(os, result)).as("the write for %s lands on %s", raw, result).isTrue();
    }
  }

  /** The request as the OS would take it, or null if it is not a path here. */
  private static Path osView(Path root, String raw) {
    try {
      Path p = root.getFileSystem().getPath(raw);
      return p.isAbsolute() ? p : root.resolve(p);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
