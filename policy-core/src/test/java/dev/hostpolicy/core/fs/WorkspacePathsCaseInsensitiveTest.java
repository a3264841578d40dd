package dev.hostpolicy.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Containment on a case-insensitive, Unicode-normalising file system (Jimfs's OS X configuration). */
class WorkspacePathsCaseInsensitiveTest {
  private FileSystem fs;
  private Path ws;
  private WorkspacePaths paths;

  @BeforeEach
  void tree() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.osX());
    ws = fs.getPath("/Users/dev/Project");
    Files.createDirectories(ws.resolve("Src"));
    Files.writeString(ws.resolve("Src/App.java"), "class App {}");
    Files.createDirectories(fs.getPath("/Users/dev/Project-Evil"));
    Files.createDirectories(fs.getPath("/Users/dev/caf\u00e9"));
    paths = WorkspacePaths.of(fs.getPath("/users/DEV/project"));
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  @Test
  void theRootIsTheStoredSpelling() {
    assertThat(paths.root().toString()).isEqualTo("/Users/dev/Project");
  }

  @Test
  void anyCaseOfTheRootIsInsideAndResultsUseTheRootsSpelling() {
    assertThat(paths.resolveForRead("/USERS/dev/PROJECT/src/app.java").toString()).isEqualTo("/Users/dev/Project/Src/App.java");
    assertThat(paths.resolveForRead("../PROJECT/src").toString()).isEqualTo("/Users/dev/Project/Src");
    assertThat(paths.resolveForWrite("/users/dev/project/SRC/New.java").toString()).isEqualTo("/Users/dev/Project/Src/New.java");
    assertThat(paths.resolveForWrite("/users/dev/project/NewDir/x").toString()).isEqualTo("/Users/dev/Project/NewDir/x");
  }

  @Test
  void caseVariantsOfASiblingPrefixAreStillOutside() {
    for (String p : new String[] {"/users/dev/project-evil", "../PROJECT-EVIL/x", "/Users/dev/Project-Evil"}) {
      assertThat(catchThrowableOfType(WorkspacePathException.class, () -> paths.resolveForWrite(p)).violation())
          .as(p).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    }
  }

  @Test
  void aCaseInsensitiveRootSpelledInNfdIsStillTheRoot() throws IOException {
    WorkspacePaths cafe = WorkspacePaths.of(fs.getPath("/Users/dev/cafe\u0301"));
    Files.createDirectories(cafe.root().resolve("x"));
    assertThat(cafe.resolveForRead("/Users/dev/CAF\u00c9/x")).isEqualTo(cafe.root().resolve("x"));
  }
}
