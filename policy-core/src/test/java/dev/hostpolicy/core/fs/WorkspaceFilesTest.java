package dev.hostpolicy.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The safe open helpers on Jimfs, in both modes: descriptor-relative (Unix configuration, which has a
 * SecureDirectoryStream) and open-then-recheck (Windows configuration, which has none, and the Unix
 * configuration with secure streams switched off). Races are staged with the after-check hook.
 */
class WorkspaceFilesTest {
  private static final String SECRET = "OUTSIDE-SECRET-31337";

  record Setup(String name, FileSystem fs, Path ws, Path outside, Function<WorkspaceFiles, WorkspaceFiles> mode) {
    @Override
    public String toString() {
      return name;
    }
  }

  private FileSystem open;

  static Stream<Setup> setups() {
    return Stream.of(
        unix("unix, descriptor-relative", f -> f),
        unix("unix, open-then-recheck", WorkspaceFiles::withoutSecureDirectoryStreams),
        windows());
  }

  private static Setup unix(String name, Function<WorkspaceFiles, WorkspaceFiles> mode) {
    FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("basic", "posix").build());
    return new Setup(name, fs, fs.getPath("/ws"), fs.getPath("/outside"), mode);
  }

  private static Setup windows() {
    FileSystem fs = Jimfs.newFileSystem(Configuration.windows());
    return new Setup("windows, open-then-recheck", fs, fs.getPath("C:\\ws"), fs.getPath("C:\\outside"), f -> f);
  }

  private WorkspaceFiles files(Setup s) throws IOException {
    open = s.fs();
    Files.createDirectories(s.ws().resolve("sub"));
    Files.writeString(s.ws().resolve("sub").resolve("file.txt"), "inside");
    Files.createDirectories(s.outside());
    Files.writeString(s.outside().resolve("file.txt"), SECRET);
    return s.mode().apply(WorkspaceFiles.of(WorkspacePaths.of(s.ws())));
  }

  @AfterEach
  void close() throws IOException {
    if (open != null) {
      open.close();
    }
  }

  /** Everything under {@code dir}: relative path → content (or "<dir>"/"<link>"). */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String v = Files.isSymbolicLink(p) ? "<link>" : Files.isDirectory(p) ? "<dir>" : Files.readString(p);
        out.put(dir.relativize(p).toString(), v);
      }
    }
    return out;
  }

  private static void swapForLink(Path dir, Path target) {
    try {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
          Files.delete(p);
        }
      }
      Files.createSymbolicLink(dir, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void readsAndWritesRoundTrip(Setup s) throws IOException {
    WorkspaceFiles files = files(s);
    assertThat(files.readAllBytes("sub/file.txt")).asString(StandardCharsets.UTF_8).isEqualTo("inside");
    Path written = files.write("sub/file.txt", "replaced".getBytes(StandardCharsets.UTF_8));
    assertThat(written).isEqualTo(s.ws().resolve("sub").resolve("file.txt"));
    assertThat(files.readAllBytes("sub/file.txt")).asString(StandardCharsets.UTF_8).isEqualTo("replaced");
    files.write("new/deeper/n.txt", new byte[] {1, 2, 3});
    assertThat(Files.readAllBytes(s.ws().resolve("new").resolve("deeper").resolve("n.txt"))).containsExactly(1, 2, 3);
    try (var in = files.newInputStream("new/deeper/n.txt")) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
    // no temporary files left behind
    try (Stream<Path> all = Files.walk(s.ws())) {
      assertThat(all.map(p -> p.getFileName() == null ? "" : p.getFileName().toString())).noneMatch(n -> n.startsWith(".hostpolicy-"));
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void writingThroughALeafLinkReplacesTheTargetAndKeepsTheLink(Setup s) throws IOException {
    WorkspaceFiles files = files(s);
    Path link = s.ws().resolve("alias");
    Files.createSymbolicLink(link, s.fs().getPath("sub").resolve("file.txt"));
    files.write("alias", "via link".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(s.ws().resolve("sub").resolve("file.txt"))).isEqualTo("via link");
  }

  @ParameterizedTest
  @MethodSource("setups")
  void refusalsBeforeAnyIo(Setup s) throws IOException {
    WorkspaceFiles files = files(s);
    Map<String, String> before = snapshot(s.outside());
    Files.createSymbolicLink(s.ws().resolve("out"), s.outside().resolve("file.txt"));
    assertThat(catchThrowable(() -> files.readAllBytes("out"))).isInstanceOf(WorkspacePathException.class)
        .hasMessageStartingWith("path.outside-workspace").hasMessageNotContaining(SECRET);
    assertThat(catchThrowable(() -> files.write("out", new byte[1]))).isInstanceOf(WorkspacePathException.class);
    assertThat(catchThrowable(() -> files.write("../outside/file.txt", new byte[1]))).isInstanceOf(WorkspacePathException.class);
    assertThat(((WorkspacePathException) catchThrowable(() -> files.readAllBytes("sub"))).violation())
        .isEqualTo(PathViolation.NOT_A_REGULAR_FILE);
    assertThat(((WorkspacePathException) catchThrowable(() -> files.readAllBytes(""))).violation())
        .isEqualTo(PathViolation.NOT_A_REGULAR_FILE);
    assertThat(snapshot(s.outside())).isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("setups")
  void aDirectorySwappedForALinkAfterTheCheckIsNotFollowedOnRead(Setup s) throws IOException {
    WorkspaceFiles files = files(s).withAfterCheckHook(() -> swapForLink(s.ws().resolve("sub"), s.outside()));
    Throwable t = catchThrowable(() -> files.readAllBytes("sub/file.txt"));
    assertThat(t).isInstanceOf(WorkspacePathException.class).hasMessageNotContaining(SECRET);
    assertThat(((WorkspacePathException) t).violation()).isEqualTo(PathViolation.CHANGED_DURING_OPEN);
  }

  @ParameterizedTest
  @MethodSource("setups")
  void aLeafSwappedForALinkAfterTheCheckIsNotFollowedOnRead(Setup s) throws IOException {
    WorkspaceFiles files = files(s).withAfterCheckHook(() -> swapForLink(s.ws().resolve("sub").resolve("file.txt"), s.outside().resolve("file.txt")));
    Throwable t = catchThrowable(() -> files.readAllBytes("sub/file.txt"));
    assertThat(((WorkspacePathException) t).violation()).isEqualTo(PathViolation.CHANGED_DURING_OPEN);
  }

  @ParameterizedTest
  @MethodSource("setups")
  void aDirectorySwappedForALinkAfterTheCheckLeavesTheOutsideUntouchedOnWrite(Setup s) throws IOException {
    WorkspaceFiles base = files(s);
    Map<String, String> before = snapshot(s.outside());
    WorkspaceFiles files = base.withAfterCheckHook(() -> swapForLink(s.ws().resolve("sub"), s.outside()));
    Throwable t = catchThrowable(() -> files.write("sub/file.txt", "pwned".getBytes(StandardCharsets.UTF_8)));
    assertThat(((WorkspacePathException) t).violation()).isEqualTo(PathViolation.CHANGED_DURING_OPEN);
    assertThat(snapshot(s.outside())).isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("setups")
  void aReplacedRootIsDetected(Setup s) throws IOException {
    WorkspaceFiles files = files(s).withAfterCheckHook(() -> {
      try {
        Files.move(s.ws(), s.ws().resolveSibling("ws-old"));
        Files.createDirectories(s.ws().resolve("sub"));
        Files.writeString(s.ws().resolve("sub").resolve("file.txt"), "impostor");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Throwable t = catchThrowable(() -> files.readAllBytes("sub/file.txt"));
    assertThat(((WorkspacePathException) t).violation()).isEqualTo(PathViolation.CHANGED_DURING_OPEN);
  }

  @ParameterizedTest
  @MethodSource("setups")
  void writesKeepPosixPermissionsWhereThereAreAny(Setup s) throws IOException {
    WorkspaceFiles files = files(s);
    Path script = s.ws().resolve("run.sh");
    Files.writeString(script, "#!/bin/sh\n");
    boolean posix = s.fs().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
    }
    files.write("run.sh", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(script)).endsWith("echo hi\n");
    if (posix) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void writingOverADirectoryFailsAndCleansUp(Setup s) throws IOException {
    WorkspaceFiles files = files(s);
    Files.createDirectory(s.ws().resolve("empty"));
    assertThatThrownBy(() -> files.write("sub", new byte[1])).isInstanceOf(IOException.class);
    // regression: a provider's REPLACE_EXISTING move would replace an empty directory with the file
    assertThatThrownBy(() -> files.write("empty", new byte[1])).isInstanceOf(IOException.class);
    assertThat(Files.isDirectory(s.ws().resolve("empty"))).isTrue();
    try (Stream<Path> all = Files.list(s.ws())) {
      assertThat(all.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(List.of("sub", "empty"));
    }
  }
}
