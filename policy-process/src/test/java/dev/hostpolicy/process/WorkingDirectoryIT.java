package dev.hostpolicy.process;

import static dev.hostpolicy.process.Launchers.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.core.fs.WorkspacePathException;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The working directory is proven inside the workspace before anything starts. */
class WorkingDirectoryIT {
  @TempDir Path tmp;
  final InMemoryAuditSink audit = InMemoryAuditSink.create();

  @Test
  void aSubdirectoryIsTheChildsWorkingDirectory() throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws/packages/app"));
    CapturedOutput out = CapturedOutput.upTo(4096);
    Launchers.launcher(audit).run(spec(tmp.resolve("ws"), "pwd", "-P").workingDirectory("packages/app").stdout(ChildOutput.to(out)).build());
    assertThat(out.text().trim()).isEqualTo(ws.toRealPath().toString());
  }

  @Test
  void directoriesOutsideTheWorkspaceAreRefusedAndNothingStarts() throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Files.createDirectories(tmp.resolve("outside"));
    Files.createDirectories(tmp.resolve("ws-evil"));
    Files.createSymbolicLink(ws.resolve("escape"), tmp.resolve("outside"));
    Files.writeString(ws.resolve("file.txt"), "x");
    Path marker = tmp.resolve("ran");
    String[][] cases = {
        {"..", "path.outside-workspace"}, {"../outside", "path.outside-workspace"}, {"escape", "path.outside-workspace"},
        {tmp.resolve("ws-evil").toString(), "path.outside-workspace"}, {"missing", "path.not-found"},
        {"file.txt", "path.not-a-directory"}};
    for (String[] c : cases) {
      assertThatThrownBy(() -> Launchers.launcher(audit).start(spec(ws, "touch", marker.toString()).workingDirectory(c[0]).build()))
          .as(c[0]).isInstanceOfSatisfying(WorkspacePathException.class, e -> assertThat(e.reason()).isEqualTo(c[1]));
    }
    assertThat(marker).doesNotExist();
    assertThat(audit.events("run.start")).isEmpty();
    assertThat(audit.events("run.denied")).hasSize(cases.length)
        .allSatisfy(e -> assertThat((String) e.fields().get("reason")).startsWith("path."));
  }
}
