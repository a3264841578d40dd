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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Windows path semantics on Jimfs's Windows configuration (case-insensitive, {@code \} and {@code /}
 * separators, drive and UNC roots). Name rules follow Microsoft's "Naming Files, Paths, and
 * Namespaces" (learn.microsoft.com/windows/win32/fileio/naming-a-file).
 */
class WorkspacePathsWindowsTest {
  private FileSystem fs;
  private Path ws;
  private WorkspacePaths paths;

  @BeforeEach
  void tree() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.windows().toBuilder().setRoots("C:\\", "D:\\").build());
    ws = fs.getPath("C:\\work\\ws");
    Files.createDirectories(ws.resolve("Src\\Main"));
    Files.writeString(ws.resolve("Src\\Main\\App.java"), "class App {}");
    Files.createDirectories(fs.getPath("C:\\work\\ws-evil"));
    Files.createDirectories(fs.getPath("D:\\data"));
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
  void bothSeparatorsAndAnyCaseResolveToTheStoredNames() {
    Path app = ws.resolve("Src\\Main\\App.java");
    assertThat(paths.resolveForRead("Src\\Main\\App.java")).isEqualTo(app);
    assertThat(paths.resolveForRead("src/main/app.JAVA").toString()).isEqualTo("C:\\work\\ws\\Src\\Main\\App.java");
    assertThat(paths.resolveForRead("C:\\work\\ws\\Src\\Main\\App.java")).isEqualTo(app);
    assertThat(paths.resolveForRead("c:\\WORK\\WS\\src\\main\\App.java").toString()).isEqualTo("C:\\work\\ws\\Src\\Main\\App.java");
    assertThat(paths.resolveForRead("C:/work/ws/Src")).isEqualTo(ws.resolve("Src"));
    assertThat(paths.resolveForWrite("SRC\\main\\New.java").toString()).isEqualTo("C:\\work\\ws\\Src\\Main\\New.java");
  }

  @Test
  void otherDrivesAndUncSharesAreOutside() {
    assertThat(readDenied("D:\\data")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("D:\\data\\x")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("\\\\server\\share\\x")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("//attacker/share/x")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("\\\\.\\CON")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
  }

  @Test
  void driveRelativeAndDriveLessRootsAreRefused() {
    assertThat(readDenied("C:x")).isEqualTo(PathViolation.DRIVE_RELATIVE);
    assertThat(readDenied("C:")).isEqualTo(PathViolation.DRIVE_RELATIVE);
    assertThat(writeDenied("d:data\\x")).isEqualTo(PathViolation.DRIVE_RELATIVE);
    assertThat(writeDenied("x:y:$DATA")).isEqualTo(PathViolation.DRIVE_RELATIVE);
    assertThat(readDenied("\\work\\ws\\Src")).isEqualTo(PathViolation.DRIVE_RELATIVE);
    assertThat(writeDenied("/work/ws/x")).isEqualTo(PathViolation.DRIVE_RELATIVE);
  }

  @Test
  void dotDotAndSiblingPrefixesInBothSeparatorStyles() {
    assertThat(readDenied("..\\ws-evil")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(readDenied("Src\\..\\..\\..\\Windows")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("Src/..\\../ws-evil\\x")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("C:\\work\\WS-EVIL\\x")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(paths.resolveForRead("..\\WS\\Src")).isEqualTo(ws.resolve("Src"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CON", "con.txt", "Src\\NUL", "aux.tar.gz", "COM1", "lpt9.log", "COM\u00b2", "prn", "Src\\Main\\CONOUT$"})
  void reservedDeviceNames(String p) {
    assertThat(writeDenied(p)).isEqualTo(PathViolation.WINDOWS_RESERVED_NAME);
    assertThat(readDenied(p)).isEqualTo(PathViolation.WINDOWS_RESERVED_NAME);
  }

  @ParameterizedTest
  @ValueSource(strings = {"App.java.", "App.java ", "Src.\\x", "Src \\x", "..."})
  void trailingDotsAndSpacesWouldAliasOtherNames(String p) {
    assertThat(writeDenied(p)).isEqualTo(PathViolation.TRAILING_DOT_OR_SPACE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"App.java::$DATA", "Src\\Main\\App.java:secret", "notes:y:$DATA", "Src\\C:\\x"})
  void alternateDataStreams(String p) {
    assertThat(writeDenied(p)).isEqualTo(PathViolation.ADS);
    assertThat(readDenied(p)).isEqualTo(PathViolation.ADS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a<b", "a>b", "a|b", "a?b", "a*b", "a\"b", "\\\\?\\C:\\work\\ws\\x", "a\u0001b"})
  void illegalCharacters(String p) {
    assertThat(writeDenied(p)).isEqualTo(PathViolation.ILLEGAL_CHARACTER);
  }

  @Test
  void symlinksOnWindows() throws IOException {
    Files.createSymbolicLink(ws.resolve("toD"), fs.getPath("D:\\data"));
    Files.createSymbolicLink(ws.resolve("inner"), fs.getPath("Src\\Main"));
    Files.createSymbolicLink(ws.resolve("dangling"), fs.getPath("C:\\work\\ws\\nothing"));
    assertThat(readDenied("toD")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(writeDenied("toD\\x")).isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    assertThat(paths.resolveForWrite("INNER\\x.txt")).isEqualTo(ws.resolve("Src\\Main\\x.txt"));
    assertThat(writeDenied("dangling")).isEqualTo(PathViolation.DANGLING_SYMLINK);
  }

  @Test
  void aWorkspaceAtADriveRoot() throws IOException {
    WorkspacePaths drive = WorkspacePaths.of(fs.getPath("D:\\"));
    assertThat(drive.resolveForRead("d:\\DATA")).isEqualTo(fs.getPath("D:\\data"));
    assertThat(catchThrowableOfType(WorkspacePathException.class, () -> drive.resolveForRead("C:\\work")).violation())
        .isEqualTo(PathViolation.OUTSIDE_WORKSPACE);
    // as in Win32 and POSIX, ".." of a root is the root itself
    assertThat(drive.resolveForRead("..\\..")).isEqualTo(fs.getPath("D:\\"));
    assertThat(drive.resolveForWrite("..\\new.txt")).isEqualTo(fs.getPath("D:\\new.txt"));
  }
}
