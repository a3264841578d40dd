package dev.hostpolicy.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples on an in-memory Unix file system (Jimfs); the real file system is in WorkspacePathsIT. */
class WorkspacePathsTest {
  private static final String SECRET = "TOP-SECRET-CONTENT-4711";

  private FileSystem fs;
  private Path ws;
  private WorkspacePaths paths;

  @BeforeEach
  void tree() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix());
    ws = fs.getPath("/home/dev/ws");
    Files.createDirectories(ws.resolve("src/main"));
    Files.writeString(ws.resolve("src/main/App.java"), "class App {}");
    Files.createDirectories(fs.getPath("/home/dev/ws-evil"));
    Files.writeString(fs.getPath("/home/dev/ws-evil/loot.txt"), SECRET);
    Files.createDirectories(fs.getPath("/etc"));
    Files.writeString(fs.getPath("/etc/passwd"), SECRET);
    paths = WorkspacePaths.of(ws);
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private PathViolation readDenied(String p) {
    return catchThrowableOfType(WorkspacePathException.class, () -> paths.resolveForRead(p)).violation();
  }

  private PathViolation writeDenied(String p) {
    return catchThrowableOfType(WorkspacePathException.class, () -> paths.resolveForWrite(p)).violation();
  }

  @Test
  void readsRelativeAndAbsolutePathsInside() {
    assertThat(paths.resolveForRead("src/main/App.java")).isEqualTo(ws.resolve("src/main/App.java"));
    assertThat(paths.resolveForRead("/home/dev/ws/src/./main/../main/App.java")).isEqualTo(ws.resolve("src/main/App.java"));
    assertThat(paths.resolveForRead("")).isEqualTo(ws);
    assertThat(paths.resolveForRead(".")).isEqualTo(ws);
    assertThat(paths.resolveForRead(fs.getPath("src", "main"))).isEqualTo(ws.resolve("src/main"));
  }

  @Test
  void dotDotEscapesAreOutside() {
    assertThat(readDenied("..")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("../../../etc/passwd")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("src/../../ws-evil/loot.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("../x")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("src/../../new.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    // a `..` that climbs out and back in lands inside: containment is about the result
    assertThat(paths.resolveForRead("../ws/src")).isEqualTo(ws.resolve("src"));
  }

  @Test
  void absolutePathsOutsideAreRefusedWithoutRevealingExistence() {
    assertThat(readDenied("/etc/passwd")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("/etc/no-such-file")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("/no/such/dir/file")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("/etc/passwd")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("/etc/new")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("/no/such/dir/file")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("/")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
  }

  @Test
  void siblingPrefixIsNotInside() {
    assertThat(readDenied("/home/dev/ws-evil/loot.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("/home/dev/ws-evil/new.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("../ws-evil")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
  }

  @Test
  void symlinkedParentsAreResolved() throws IOException {
    Files.createSymbolicLink(ws.resolve("inner"), fs.getPath("src/main"));
    Files.createSymbolicLink(ws.resolve("evil"), fs.getPath("/home/dev/ws-evil"));
    Files.createSymbolicLink(ws.resolve("etc"), fs.getPath("../../../etc"));
    assertThat(paths.resolveForRead("inner/App.java")).isEqualTo(ws.resolve("src/main/App.java"));
    assertThat(paths.resolveForWrite("inner/New.java")).isEqualTo(ws.resolve("src/main/New.java"));
    assertThat(readDenied("evil/loot.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("evil/new.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("evil/new-dir/new.txt")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("etc/passwd")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    // `..` after a link is physical: inner/.. is src, not the workspace root
    assertThat(paths.resolveForRead("inner/..")).isEqualTo(ws.resolve("src"));
  }

  @Test
  void leafSymlinksAreResolvedAndMustStayInside() throws IOException {
    Files.createSymbolicLink(ws.resolve("app"), fs.getPath("src/main/App.java"));
    Files.createSymbolicLink(ws.resolve("passwd"), fs.getPath("/etc/passwd"));
    assertThat(paths.resolveForRead("app")).isEqualTo(ws.resolve("src/main/App.java"));
    assertThat(paths.resolveForWrite("app")).isEqualTo(ws.resolve("src/main/App.java"));
    assertThat(readDenied("passwd")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("passwd")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
  }

  @Test
  void danglingLeavesAreRefused() throws IOException {
    Files.createSymbolicLink(ws.resolve("later"), fs.getPath("src/not-yet.txt"));
    Files.createSymbolicLink(ws.resolve("planted"), fs.getPath("/home/dev/.bashrc"));
    Files.createSymbolicLink(ws.resolve("gone-dir"), fs.getPath("nowhere"));
    assertThat(writeDenied("later")).isEqualTo(PathViolation.DANGLING_SYMLINK);
    assertThat(readDenied("later")).isEqualTo(PathViolation.DANGLING_SYMLINK);
    // a dangling link out of the workspace: the write would create ~/.bashrc
    assertThat(writeDenied("planted")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("planted")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("gone-dir/file")).isEqualTo(PathViolation.DANGLING_SYMLINK);
  }

  @Test
  void writesBelowMissingDirectoriesNeedPlainNames() {
    assertThat(paths.resolveForWrite("build/classes/App.class")).isEqualTo(ws.resolve("build/classes/App.class"));
    assertThat(paths.resolveForWrite("src/main/App.java")).isEqualTo(ws.resolve("src/main/App.java"));
    assertThat(writeDenied("build/../x")).isEqualTo(PathViolation.NOT_A_PLAIN_NAME);
    assertThat(writeDenied("build/.")).isEqualTo(PathViolation.NOT_A_PLAIN_NAME);
    assertThat(writeDenied("build/../../../etc/passwd")).isEqualTo(PathViolation.NOT_A_PLAIN_NAME);
    assertThat(readDenied("build/../src")).isEqualTo(PathViolation.NOT_FOUND);
    assertThat(readDenied("nope.txt")).isEqualTo(PathViolation.NOT_FOUND);
  }

  @Test
  void theRootItselfIsReadableButNotAWriteTarget() {
    assertThat(writeDenied("")).isEqualTo(PathViolation.WORKSPACE_ROOT);
    assertThat(writeDenied(".")).isEqualTo(PathViolation.WORKSPACE_ROOT);
    assertThat(writeDenied("src/..")).isEqualTo(PathViolation.WORKSPACE_ROOT);
    assertThat(writeDenied("/home/dev/ws")).isEqualTo(PathViolation.WORKSPACE_ROOT);
    assertThat(paths.resolveForRead("src/..")).isEqualTo(ws);
  }

  @Test
  void filesAreNotDirectories() {
    assertThat(readDenied("src/main/App.java/x")).isEqualTo(PathViolation.NOT_A_DIRECTORY);
    assertThat(readDenied("src/main/App.java/..")).isEqualTo(PathViolation.NOT_A_DIRECTORY);
    assertThat(writeDenied("src/main/App.java/x")).isEqualTo(PathViolation.NOT_A_DIRECTORY);
  }

  @Test
  void loopsAndLongChainsAreCleanDenials() throws IOException {
    Files.createSymbolicLink(ws.resolve("self"), fs.getPath("self"));
    Files.createSymbolicLink(ws.resolve("ping"), fs.getPath("pong"));
    Files.createSymbolicLink(ws.resolve("pong"), fs.getPath("ping"));
    assertThat(readDenied("self")).isEqualTo(PathViolation.SYMLINK_LOOP);
    assertThat(writeDenied("self")).isEqualTo(PathViolation.SYMLINK_LOOP);
    assertThat(writeDenied("ping/new")).isEqualTo(PathViolation.SYMLINK_LOOP);
    assertThat(readDenied("pong")).isEqualTo(PathViolation.SYMLINK_LOOP);
    // a chain of exactly MAX_SYMLINKS links resolves; one more is refused
    Path target = fs.getPath("src/main/App.java");
    for (int i = 0; i <= WorkspacePaths.MAX_SYMLINKS; i++) {
      Files.createSymbolicLink(ws.resolve("c" + i), i == 0 ? target : fs.getPath("c" + (i - 1)));
    }
    assertThat(paths.resolveForRead("c" + (WorkspacePaths.MAX_SYMLINKS - 1))).isEqualTo(ws.resolve("src/main/App.java"));
    assertThat(readDenied("c" + WorkspacePaths.MAX_SYMLINKS)).isEqualTo(PathViolation.SYMLINK_LOOP);
  }

  @Test
  void aLoopOutsideIsJustOutside() throws IOException {
    Files.createSymbolicLink(fs.getPath("/home/dev/ws-evil/spin"), fs.getPath("spin"));
    Files.createSymbolicLink(ws.resolve("out"), fs.getPath("/home/dev/ws-evil/spin"));
    assertThat(readDenied("out")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("out")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
  }

  @Test
  void aSymlinkedRootIsResolvedOnce() throws IOException {
    Path link = fs.getPath("/home/dev/current");
    Files.createSymbolicLink(link, fs.getPath("ws"));
    WorkspacePaths viaLink = WorkspacePaths.of(link);
    assertThat(viaLink.root()).isEqualTo(ws);
    assertThat(viaLink.resolveForRead("src")).isEqualTo(ws.resolve("src"));
    assertThat(viaLink.resolveForRead("/home/dev/current/src")).isEqualTo(ws.resolve("src"));
    assertThat(viaLink.resolveForWrite("/home/dev/current/new")).isEqualTo(ws.resolve("new"));
    assertThatThrownBy(() -> viaLink.resolveForRead("/home/dev/current/../ws-evil")).isInstanceOf(WorkspacePathException.class);
  }

  @Test
  void theRootMustExistAndBeADirectory() {
    assertThatThrownBy(() -> WorkspacePaths.of(fs.getPath("/nope")))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> WorkspacePaths.of(ws.resolve("src/main/App.java")))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("not a directory");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "\u0000", "a\nb", "x\r", "tab\there", "\u007f", "a<b", "a>b", "a\"b", "a|b", "a?b", "a*b",
      "back\\slash", "lone\ud800", "\udc00x"})
  void illegalCharactersAreRefusedBeforeAnyIo(String p) {
    assertThat(readDenied(p)).isEqualTo(PathViolation.ILLEGAL_CHARACTER);
    assertThat(writeDenied(p)).isEqualTo(PathViolation.ILLEGAL_CHARACTER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CON", "con", "NUL.txt", "nul.tar.gz", "Aux", "PRN.md", "COM1", "com9.log", "LPT1", "lpt9", "COM0",
      "LPT\u00b9", "COM\u00b3.x", "CONIN$", "conout$", "src/CON/x", "CON .txt"})
  void windowsDeviceNamesAreRefusedEverywhere(String p) {
    assertThat(writeDenied(p)).isEqualTo(PathViolation.WINDOWS_RESERVED_NAME);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CONSOLE", "COM10", "LPT", "NULL.txt", "xCON", "con_", "CO", "AUX_"})
  void namesThatOnlyLookLikeDevicesAreFine(String p) {
    assertThat(paths.resolveForWrite(p)).isEqualTo(ws.resolve(p));
  }

  @Test
  void streamsTrailingDotsAndSpacesAreRefusedEverywhere() {
    assertThat(writeDenied("file::$DATA")).isEqualTo(PathViolation.ADS);
    assertThat(writeDenied("file.txt:hidden")).isEqualTo(PathViolation.ADS);
    assertThat(writeDenied("C:x")).isEqualTo(PathViolation.ADS);
    assertThat(writeDenied("name.")).isEqualTo(PathViolation.TRAILING_DOT_OR_SPACE);
    assertThat(writeDenied("name ")).isEqualTo(PathViolation.TRAILING_DOT_OR_SPACE);
    assertThat(writeDenied("...")).isEqualTo(PathViolation.TRAILING_DOT_OR_SPACE);
    assertThat(writeDenied("src. /x")).isEqualTo(PathViolation.TRAILING_DOT_OR_SPACE);
  }

  @Test
  void overLongRequestsAreRefused() {
    assertThat(readDenied("a/".repeat(WorkspacePaths.MAX_PATH_CHARS))).isEqualTo(PathViolation.TOO_LONG);
  }

  @Test
  void nonPortableNamesReachedThroughLinksAreRefused() throws IOException {
    Files.writeString(ws.resolve("odd:name"), "x");
    Files.createSymbolicLink(ws.resolve("via"), fs.getPath("odd:name"));
    assertThat(readDenied("via")).isEqualTo(PathViolation.ADS);
  }

  @Test
  void deniesNeverCarryFileContentsOrOutsideTargets() throws IOException {
    Files.createSymbolicLink(ws.resolve("peek"), fs.getPath("/etc/passwd"));
    for (String p : new String[] {"peek", "/etc/passwd", "../ws-evil/loot.txt", "peek/x"}) {
      for (boolean write : new boolean[] {false, true}) {
        PolicyViolationException e = catchThrowableOfType(PolicyViolationException.class,
            () -> { if (write) paths.resolveForWrite(p); else paths.resolveForRead(p); });
        assertThat(e.getMessage()).doesNotContain(SECRET).startsWith(e.reason());
        if (p.equals("peek")) {
          assertThat(e.getMessage()).doesNotContain("/etc");
        }
      }
    }
  }

  @Test
  void detailsEscapeControlCharacters() {
    WorkspacePathException e = catchThrowableOfType(WorkspacePathException.class, () -> paths.resolveForRead("evil\nInjected: yes"));
    assertThat(e.getMessage()).doesNotContain("\n").contains("\\u000a");
    assertThat(e.reason()).isEqualTo("path.illegal-character");
  }

  @Test
  void codesAreValidReasonCodes() {
    for (PathViolation v : PathViolation.values()) {
      assertThat(dev.hostpolicy.api.Decision.isValidReasonCode(v.code())).as(v.code()).isTrue();
      assertThat(v.code()).startsWith("path.");
    }
    assertThat(new String(ws.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(paths.root().toString());
  }
}
