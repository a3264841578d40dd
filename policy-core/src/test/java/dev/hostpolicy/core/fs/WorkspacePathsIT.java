package dev.hostpolicy.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of the issue on the real file system of the machine running the build (temp dirs). */
class WorkspacePathsIT {
  private static final String SECRET = "REAL-FS-SECRET-0xC0FFEE";

  @TempDir Path tmp;
  private Path sandbox;
  private Path ws;
  private Path evil;
  private WorkspacePaths paths;

  @BeforeEach
  void tree() throws IOException {
    sandbox = tmp.toRealPath();
    ws = Files.createDirectories(sandbox.resolve("ws"));
    evil = Files.createDirectories(sandbox.resolve("ws-evil"));
    Files.createDirectories(ws.resolve("src/main"));
    Files.writeString(ws.resolve("src/main/App.java"), "class App {}");
    Files.writeString(evil.resolve("loot.txt"), SECRET);
    paths = WorkspacePaths.of(ws);
  }

  private PathViolation readDenied(String p) {
    return catchThrowableOfType(WorkspacePathException.class, () -> paths.resolveForRead(p)).violation();
  }

  private PathViolation writeDenied(String p) {
    return catchThrowableOfType(WorkspacePathException.class, () -> paths.resolveForWrite(p)).violation();
  }

  @Test
  void dotDotEscapes() {
    assertThat(readDenied("../ws-evil/loot.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("src/../../ws-evil/new")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("../".repeat(40) + "etc/passwd")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("new/../../x")).isEqualTo(PathViolation.NOT_A_PLAIN_NAME);
    assertThat(paths.resolveForRead("src/main/../main/./App.java")).isEqualTo(ws.resolve("src/main/App.java"));
  }

  @Test
  void absolutePathsOutside() {
    assertThat(readDenied("/etc/passwd")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied(evil.resolve("loot.txt").toString())).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("/etc/hostpolicy-must-not-exist")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(paths.resolveForRead(ws.resolve("src").toString())).isEqualTo(ws.resolve("src"));
  }

  @Test
  void siblingPrefixDirectories() {
    assertThat(readDenied(sandbox + "/ws-evil")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied(sandbox + "/ws-evil/new.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied(sandbox + "/ws-evil/../ws-evil/loot.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
  }

  @Test
  void symlinkedParentsAndLeaves() throws IOException {
    Files.createSymbolicLink(ws.resolve("inner"), Path.of("src/main"));
    Files.createSymbolicLink(ws.resolve("evil-dir"), evil);
    Files.createSymbolicLink(ws.resolve("evil-rel"), Path.of("../ws-evil"));
    Files.createSymbolicLink(ws.resolve("loot"), evil.resolve("loot.txt"));
    Files.createSymbolicLink(ws.resolve("app"), Path.of("src/main/App.java"));
    assertThat(paths.resolveForRead("inner/App.java")).isEqualTo(ws.resolve("src/main/App.java"));
    assertThat(paths.resolveForWrite("inner/New.java")).isEqualTo(ws.resolve("src/main/New.java"));
    assertThat(paths.resolveForWrite("app")).isEqualTo(ws.resolve("src/main/App.java"));
    assertThat(readDenied("evil-dir/loot.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("evil-rel/new.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("evil-rel/new-dir/new.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("loot")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("loot")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(paths.resolveForRead("inner/..")).isEqualTo(ws.resolve("src"));
  }

  @Test
  void danglingLeaves() throws IOException {
    Files.createSymbolicLink(ws.resolve("later"), Path.of("src/not-yet.txt"));
    Files.createSymbolicLink(ws.resolve("planted"), evil.resolve("created-by-write.txt"));
    assertThat(writeDenied("later")).isEqualTo(PathViolation.DANGLING_SYMLINK);
    assertThat(writeDenied("planted")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("planted")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(evil.resolve("created-by-write.txt")).doesNotExist();
  }

  @Test
  void loopsAndChainsOnTheKernelsCount() throws IOException {
    Files.createSymbolicLink(ws.resolve("self"), Path.of("self"));
    Files.createSymbolicLink(ws.resolve("a"), Path.of("b"));
    Files.createSymbolicLink(ws.resolve("b"), Path.of("a"));
    assertThat(readDenied("self")).isEqualTo(PathViolation.SYMLINK_LOOP);
    assertThat(writeDenied("a/new")).isEqualTo(PathViolation.SYMLINK_LOOP);
    for (int i = 0; i <= WorkspacePaths.MAX_SYMLINKS; i++) {
      Files.createSymbolicLink(ws.resolve("c" + i), i == 0 ? Path.of("src/main/App.java") : Path.of("c" + (i - 1)));
    }
    assertThat(paths.resolveForRead("c" + (WorkspacePaths.MAX_SYMLINKS - 1))).isEqualTo(ws.resolve("src/main/App.java"));
    assertThat(readDenied("c" + WorkspacePaths.MAX_SYMLINKS)).isEqualTo(PathViolation.SYMLINK_LOOP);
  }

  @Test
  void aSymlinkedRoot() throws IOException {
    Path link = Files.createSymbolicLink(sandbox.resolve("current"), Path.of("ws"));
    WorkspacePaths viaLink = WorkspacePaths.of(link);
    assertThat(viaLink.root()).isEqualTo(ws);
    assertThat(viaLink.resolveForRead(link.resolve("src").toString())).isEqualTo(ws.resolve("src"));
    assertThat(catchThrowable(() -> viaLink.resolveForRead(link + "/../ws-evil"))).isInstanceOf(WorkspacePathException.class);
  }

  @Test
  void anIoErrorDuringTheCheckFailsClosed() {
    // ENAMETOOLONG from lstat (a name over NAME_MAX): not "missing", so neither readable nor writable
    String tooLong = "x".repeat(300);
    assertThat(readDenied(tooLong)).isEqualTo(PathViolation.INACCESSIBLE);
    assertThat(writeDenied(tooLong)).isEqualTo(PathViolation.INACCESSIBLE);
    assertThat(writeDenied("src/" + tooLong + "/x")).isEqualTo(PathViolation.INACCESSIBLE);
    assertThat(readDenied("../" + tooLong)).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
  }

  @Test
  void safeFilesOnTheRealFileSystem() throws IOException {
    WorkspaceFiles files = WorkspaceFiles.of(paths);
    Path script = ws.resolve("run.sh");
    Files.writeString(script, "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
    files.write("run.sh", "#!/bin/sh\necho ok\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(script)).endsWith("echo ok\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");
    files.write("out/deep/result.txt", "r".getBytes(StandardCharsets.UTF_8));
    assertThat(files.readAllBytes("out/deep/result.txt")).asString(StandardCharsets.UTF_8).isEqualTo("r");
    try (Stream<Path> all = Files.walk(ws)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".hostpolicy-"));
    }
  }

  @Test
  void aSwappedDirectoryIsNotFollowedByTheKernel() throws IOException {
    Files.createDirectories(ws.resolve("sub"));
    Files.writeString(ws.resolve("sub/file.txt"), "inside");
    WorkspaceFiles files = WorkspaceFiles.of(paths).withAfterCheckHook(() -> {
      try {
        Files.delete(ws.resolve("sub/file.txt"));
        Files.delete(ws.resolve("sub"));
        Files.createSymbolicLink(ws.resolve("sub"), evil);
        Files.writeString(evil.resolve("file.txt"), SECRET);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Throwable read = catchThrowable(() -> files.readAllBytes("sub/file.txt"));
    assertThat(read).isInstanceOf(WorkspacePathException.class).hasMessageNotContaining(SECRET);
    assertThat(((WorkspacePathException) read).violation()).isEqualTo(PathViolation.CHANGED_DURING_OPEN);
  }

  @Test
  void aSwappedDirectoryDoesNotReceiveAWrite() throws IOException {
    Files.createDirectories(ws.resolve("sub"));
    WorkspaceFiles files = WorkspaceFiles.of(paths).withAfterCheckHook(() -> {
      try {
        Files.delete(ws.resolve("sub"));
        Files.createSymbolicLink(ws.resolve("sub"), evil);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Throwable t = catchThrowable(() -> files.write("sub/planted.txt", "x".getBytes(StandardCharsets.UTF_8)));
    assertThat(((WorkspacePathException) t).violation()).isEqualTo(PathViolation.CHANGED_DURING_OPEN);
    try (Stream<Path> all = Files.list(evil)) {
      assertThat(all.map(p -> p.getFileName().toString())).containsExactly("loot.txt");
    }
  }

  @Test
  void aFifoIsNotOpened() throws Exception {
    Path fifo = ws.resolve("pipe");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(paths.resolveForRead("pipe")).isEqualTo(fifo);
    Throwable t = catchThrowable(() -> WorkspaceFiles.of(paths).readAllBytes("pipe"));
    assertThat(((WorkspacePathException) t).violation()).isEqualTo(PathViolation.NOT_A_REGULAR_FILE);
  }
}
