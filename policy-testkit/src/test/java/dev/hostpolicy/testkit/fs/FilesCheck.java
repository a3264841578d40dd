package dev.hostpolicy.testkit.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostpolicy.core.fs.WorkspaceFiles;
import dev.hostpolicy.core.fs.WorkspacePathException;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.testkit.PathRequest;
import dev.hostpolicy.testkit.WorkspaceTree;
import dev.hostpolicy.testkit.WorkspaceTree.Kind;
import dev.hostpolicy.testkit.fs.ReferenceModel.Allowed;
import dev.hostpolicy.testkit.fs.ReferenceModel.Denied;
import dev.hostpolicy.testkit.fs.ReferenceModel.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@link WorkspaceFiles} on a materialised tree: does what the model says, and never touches the outside. */
final class FilesCheck {
  private FilesCheck() {}

  static int writes;
  static int reads;

  /**
   * In a fresh {@code sandbox}: reads {@code request}, then writes it, comparing with the model when it
   * has one answer; the outside of the workspace is byte-for-byte unchanged afterwards.
   */
  static void check(WorkspaceTree tree, PathRequest request, Path sandbox, boolean caseInsensitive,
      boolean sandboxIsFileSystemRoot, String separator) throws IOException {
    tree.materialize(sandbox);
    WorkspaceFiles files = WorkspaceFiles.of(WorkspacePaths.of(sandbox.resolve(WorkspaceTree.WORKSPACE)));
    ReferenceModel model = new ReferenceModel(tree, caseInsensitive, sandboxIsFileSystemRoot);
    Map<String, String> before = Sandboxes.outside(sandbox);
    String raw = request.render(sandbox, separator);

    Set<Outcome> read = model.resolve(request, false);
    Throwable readFailure = catchThrowable(() -> {
      byte[] content = files.readAllBytes(raw);
      if (read.size() == 1 && read.iterator().next() instanceof Allowed a) {
        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo(WorkspaceTree.contentOf(a.names()));
      }
    });
    if (read.size() == 1) {
      reads++;
      Outcome expected = read.iterator().next();
      if (expected instanceof Denied d) {
        assertThat(readFailure).as("read %s", raw).isInstanceOf(WorkspacePathException.class);
        assertThat(((WorkspacePathException) readFailure).reason()).isEqualTo(d.code());
      } else if (expected instanceof Allowed a) {
        if (model.kindAt(a.names()) == Kind.FILE) {
          assertThat(readFailure).as("read %s", raw).isNull();
        } else {
          assertThat(((WorkspacePathException) readFailure).reason()).isEqualTo("path.not-a-regular-file");
        }
      }
    }
    if (readFailure instanceof WorkspacePathException e) {
      assertThat(e.getMessage()).doesNotContain(WorkspaceTree.OUTSIDE_CONTENT_MARKER);
    }

    byte[] content = ("written to " + raw).getBytes(StandardCharsets.UTF_8);
    Set<Outcome> write = model.resolve(request, true);
    Throwable writeFailure = catchThrowable(() -> files.write(raw, content));
    if (write.size() == 1) {
      writes++;
      Outcome expected = write.iterator().next();
      if (expected instanceof Denied d) {
        assertThat(writeFailure).as("write %s", raw).isInstanceOf(WorkspacePathException.class);
        assertThat(((WorkspacePathException) writeFailure).reason()).isEqualTo(d.code());
      } else if (expected instanceof Allowed a) {
        if (model.kindAt(a.names()) == Kind.DIRECTORY) {
          assertThat(writeFailure).as("write over directory %s", raw).isInstanceOf(IOException.class);
        } else {
          assertThat(writeFailure).as("write %s", raw).isNull();
          assertThat(Files.readAllBytes(Sandboxes.resolve(sandbox, a.names()))).isEqualTo(content);
        }
      }
    }
    assertThat(Sandboxes.outside(sandbox)).as("outside after %s", raw).isEqualTo(before);
  }
}
