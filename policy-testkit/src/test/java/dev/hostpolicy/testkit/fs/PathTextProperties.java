package dev.hostpolicy.testkit.fs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.hostpolicy.core.fs.PathViolation;
import dev.hostpolicy.core.fs.WorkspacePathException;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.WorkspaceTree;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Hostile path strings against the text rule of docs/workspace.md, restated here with regular
 * expressions (names per Microsoft, "Naming Files, Paths, and Namespaces",
 * learn.microsoft.com/windows/win32/fileio/naming-a-file), on a Unix and a Windows Jimfs: the code is
 * the one the rule names, an allowed result is inside, and nothing else is ever thrown.
 */
class PathTextProperties {
  private static final Pattern ILLEGAL_CHAR = Pattern.compile("[\\x00-\\x1f\\x7f<>\"|?*]");
  private static final Pattern RESERVED =
      Pattern.compile("(?i:CON|PRN|AUX|NUL|CONIN\\$|CONOUT\\$|COM[0-9\u00b9\u00b2\u00b3]|LPT[0-9\u00b9\u00b2\u00b3]) *(\\..*)?");
  private static final Pattern DRIVE_RELATIVE = Pattern.compile("[A-Za-z]:(?![\\\\/]).*|[\\\\/](?![\\\\/]).*", Pattern.DOTALL);
  private static final Pattern UNC_PREFIX = Pattern.compile("[\\\\/]{2}[^\\\\/]*[\\\\/]?[^\\\\/]*");
  private static final Pattern DRIVE_PREFIX = Pattern.compile("[A-Za-z]:[\\\\/]");

  private FileSystem unix;
  private FileSystem windows;
  private WorkspacePaths unixWs;
  private WorkspacePaths windowsWs;

  @BeforeProperty
  void fileSystems() throws IOException {
    unix = Jimfs.newFileSystem(Configuration.unix());
    windows = Jimfs.newFileSystem(Configuration.windows());
    unixWs = workspace(unix.getPath("/"));
    windowsWs = workspace(windows.getPath("C:\\"));
  }

  private static WorkspacePaths workspace(Path sandbox) throws IOException {
    Path ws = Files.createDirectories(sandbox.resolve(WorkspaceTree.WORKSPACE));
    for (String d : new String[] {"a", "b", "src"}) {
      Files.createDirectories(ws.resolve(d));
    }
    Files.writeString(ws.resolve("App.java"), "class App {}");
    Files.createDirectories(sandbox.resolve(WorkspaceTree.SIBLING));
    Files.writeString(sandbox.resolve(WorkspaceTree.SIBLING).resolve("a"), WorkspaceTree.OUTSIDE_CONTENT_MARKER);
    Files.createSymbolicLink(ws.resolve("up"), ws.getFileSystem().getPath(".."));
    return WorkspacePaths.of(ws);
  }

  @AfterProperty
  void close() throws IOException {
    unix.close();
    windows.close();
  }

  @Provide
  Arbitrary<String> hostile() {
    return PolicyArbitraries.traversalStrings();
  }

  @Property(tries = 3000)
  void unixFollowsTheTextRule(@ForAll("hostile") String raw) throws IOException {
    check(unixWs, raw, false);
  }

  @Property(tries = 3000)
  void windowsFollowsTheTextRule(@ForAll("hostile") String raw) throws IOException {
    check(windowsWs, raw, true);
  }

  private static void check(WorkspacePaths ws, String raw, boolean windowsFs) throws IOException {
    Optional<String> expected = textRule(raw, windowsFs);
    for (boolean write : new boolean[] {false, true}) {
      String code;
      Path result = null;
      try {
        result = write ? ws.resolveForWrite(raw) : ws.resolveForRead(raw);
        code = "allowed";
      } catch (WorkspacePathException e) {
        code = e.reason();
        assertThat(e.getMessage()).doesNotContain(WorkspaceTree.OUTSIDE_CONTENT_MARKER);
        assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x1f\\x7f\\u2028\\u2029]");
      }
      if (expected.isPresent()) {
        assertThat(code).as("%s of %s", write ? "write" : "read", raw).isEqualTo(expected.get());
        continue;
      }
      if (code.equals(PathViolation.ILLEGAL_CHARACTER.code())) {
        assertThat(parses(ws, raw)).as("only the file system's own parser may refuse %s", raw).isFalse();
      } else {
        assertThat(code).as("%s of %s", write ? "write" : "read", raw)
            .isNotIn("path.ads", "path.windows-reserved-name", "path.trailing-dot-or-space", "path.drive-relative", "path.too-long");
      }
      if (result != null) {
        assertThat(result.startsWith(ws.root())).isTrue();
        if (!write) {
          assertThat(result.toRealPath()).isEqualTo(result);
        } else {
          assertThat(result).isNotEqualTo(ws.root());
          assertThat(Files.isSymbolicLink(result)).isFalse();
        }
        assertThat(Files.exists(result, LinkOption.NOFOLLOW_LINKS) || write).isTrue();
      }
    }
  }

  private static boolean parses(WorkspacePaths ws, String raw) {
    try {
      ws.root().getFileSystem().getPath(raw);
      return true;
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** The text-level code the rule gives {@code raw}, or empty when the text is fine. */
  static Optional<String> textRule(String raw, boolean windowsFs) {
    if (raw.length() > WorkspacePaths.MAX_PATH_CHARS) {
      return Optional.of("path.too-long");
    }
    if (ILLEGAL_CHAR.matcher(raw).find() || hasLoneSurrogate(raw)) {
      return Optional.of("path.illegal-character");
    }
    String rest = raw;
    if (windowsFs) {
      var unc = UNC_PREFIX.matcher(raw);
      if (raw.matches("(?s)[\\\\/]{2}.*") && unc.lookingAt()) {
        rest = raw.substring(unc.end());
      } else if (DRIVE_PREFIX.matcher(raw).lookingAt()) {
        rest = raw.substring(3);
      } else if (DRIVE_RELATIVE.matcher(raw).matches()) {
        return Optional.of("path.drive-relative");
      }
    }
    for (String name : rest.split(windowsFs ? "[\\\\/]" : "/")) {
      if (name.isEmpty() || name.equals(".") || name.equals("..")) {
        continue;
      }
      if (!windowsFs && name.contains("\\")) {
        return Optional.of("path.illegal-character");
      }
      if (name.contains(":")) {
        return Optional.of("path.ads");
      }
      if (name.endsWith(".") || name.endsWith(" ")) {
        return Optional.of("path.trailing-dot-or-space");
      }
      if (RESERVED.matcher(name).matches()) {
        return Optional.of("path.windows-reserved-name");
      }
    }
    return Optional.empty();
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
