package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.core.fs.WorkspaceFiles;
import dev.hostpolicy.core.fs.WorkspacePathException;
import dev.hostpolicy.core.fs.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs/workspace.md, run on a temp directory. */
class WorkspaceExamplesTest {
  @TempDir Path tmp;

  @Test
  void workspacePaths() throws IOException {
    Path projectDir = Files.createDirectories(tmp.resolve("project/src"));
    projectDir = projectDir.getParent();
    Files.writeString(projectDir.resolve("src/App.java"), "class App {}");
    // snippet: workspace-paths
    WorkspacePaths workspace = WorkspacePaths.of(projectDir);     // must exist; a symlinked root is fine
    Path source = workspace.resolveForRead("src/App.java");       // the real path, proven inside
    Path report = workspace.resolveForWrite("build/report.txt");  // build/ need not exist yet
    try {
      workspace.resolveForRead("../.ssh/id_ed25519");
    } catch (WorkspacePathException e) {
      String code = e.reason();                                    // "path.outside-workspace"
    }

    WorkspaceFiles files = WorkspaceFiles.of(workspace);
    files.write("build/report.txt", "ok\n".getBytes(StandardCharsets.UTF_8)); // temp file + atomic rename
    byte[] content = files.readAllBytes("src/App.java");                     // no link followed after the check
    // end-snippet
    Path real = projectDir.toRealPath();
    assertThat(source).isEqualTo(real.resolve("src/App.java"));
    assertThat(report).isEqualTo(real.resolve("build/report.txt"));
    assertThatThrownBy(() -> workspace.resolveForRead("../.ssh/id_ed25519"))
        .isInstanceOfSatisfying(WorkspacePathException.class, e -> assertThat(e.reason()).isEqualTo("path.outside-workspace"));
    assertThat(Files.readString(report)).isEqualTo("ok\n");
    assertThat(content).asString(StandardCharsets.UTF_8).isEqualTo("class App {}");
  }
}
