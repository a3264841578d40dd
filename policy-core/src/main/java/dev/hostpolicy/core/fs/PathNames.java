package dev.hostpolicy.core.fs;

import java.nio.file.FileSystem;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The text rule for requested paths: one portable rule on every platform, so a request means the same
 * on a developer's Windows machine, a Linux CI runner and a macOS laptop. A name Windows would alias
 * to something else (a device, a stream, a name without its trailing dot) is refused everywhere.
 */
final class PathNames {
  private PathNames() {}

  /**
   * Windows device names, reserved in every directory and with any extension. Source: Microsoft,
   * "Naming Files, Paths, and Namespaces" (learn.microsoft.com/windows/win32/fileio/naming-a-file):
   * CON, PRN, AUX, NUL, COM0–COM9, COM¹–COM³, LPT0–LPT9, LPT¹–LPT³; plus the console names CONIN$
   * and CONOUT$.
   */
  static final Set<String> RESERVED =
      Set.of(
          "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
          "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
          "COM\u00b9", "COM\u00b2", "COM\u00b3",
          "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
          "LPT\u00b9", "LPT\u00b2", "LPT\u00b3");

  /** Characters Windows forbids in names (besides controls, {@code :} and the separators). */
  private static final String WINDOWS_ILLEGAL = "<>\"|?*";

  /**
   * Checks the text of a requested path and parses it with {@code fs}.
   *
   * @param windows whether {@code fs} uses {@code \} as its separator (Windows semantics)
   * @throws WorkspacePathException for any text-level violation
   */
  static Path parse(String raw, FileSystem fs, boolean windows) {
    if (raw.length() > WorkspacePaths.MAX_PATH_CHARS) {
      throw deny(PathViolation.TOO_LONG, raw, "is longer than " + WorkspacePaths.MAX_PATH_CHARS + " characters");
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw deny(PathViolation.ILLEGAL_CHARACTER, raw, String.format("holds the control character U+%04X", (int) c));
      }
      if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw deny(PathViolation.ILLEGAL_CHARACTER, raw, "holds a lone surrogate");
      }
      if (WINDOWS_ILLEGAL.indexOf(c) >= 0) {
        throw deny(PathViolation.ILLEGAL_CHARACTER, raw, "holds the character '" + c + "'");
      }
    }
    int start = 0;
    if (windows) {
      if (raw.length() >= 2 && isSeparator(raw.charAt(0), true) && isSeparator(raw.charAt(1), true)) {
        start = uncPrefixEnd(raw);
      } else if (raw.length() >= 2 && isAsciiLetter(raw.charAt(0)) && raw.charAt(1) == ':') {
        if (raw.length() == 2 || !isSeparator(raw.charAt(2), true)) {
          throw deny(PathViolation.DRIVE_RELATIVE, raw, "is relative to the current directory of a drive");
        }
        start = 3;
      } else if (!raw.isEmpty() && isSeparator(raw.charAt(0), true)) {
        throw deny(PathViolation.DRIVE_RELATIVE, raw, "is rooted but names no drive");
      }
    }
    int segmentStart = start;
    for (int i = start; i <= raw.length(); i++) {
      if (i == raw.length() || isSeparator(raw.charAt(i), windows)) {
        if (i > segmentStart) {
          Optional<PathViolation> v = checkName(raw, segmentStart, i, windows);
          if (v.isPresent()) {
            throw deny(v.get(), raw, describe(v.get(), raw.substring(segmentStart, i)));
          }
        }
        segmentStart = i + 1;
      }
    }
    Path parsed;
    try {
      parsed = fs.getPath(raw);
    } catch (InvalidPathException e) {
      throw deny(PathViolation.ILLEGAL_CHARACTER, raw, "is not a valid path on this file system");
    }
    if (parsed.getRoot() != null && !parsed.isAbsolute()) {
      throw deny(PathViolation.DRIVE_RELATIVE, raw, "has a root but is not absolute");
    }
    return parsed;
  }

  /**
   * The portable-name rule for one name (not {@code .} or {@code ..}, which are always fine here).
   * Used for every name of a request and for every name below the root of a resolved path.
   */
  static Optional<PathViolation> checkName(String name, boolean windows) {
    return checkName(name, 0, name.length(), windows);
  }

  /** {@link #checkName(String, boolean)} of {@code text.substring(from, to)}, without copying it. */
  static Optional<PathViolation> checkName(String text, int from, int to, boolean windows) {
    int length = to - from;
    if ((length == 1 && text.charAt(from) == '.') || (length == 2 && text.startsWith("..", from))) {
      return Optional.empty();
    }
    boolean colon = false;
    int firstDot = -1;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || WINDOWS_ILLEGAL.indexOf(c) >= 0 || (!windows && c == '\\')) {
        return Optional.of(PathViolation.ILLEGAL_CHARACTER);
      }
      if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of(PathViolation.ILLEGAL_CHARACTER);
      }
      colon |= c == ':';
      if (c == '.' && firstDot < 0) {
        firstDot = i;
      }
    }
    if (colon) {
      return Optional.of(PathViolation.ADS);
    }
    char last = text.charAt(to - 1);
    if (last == '.' || last == ' ') {
      return Optional.of(PathViolation.TRAILING_DOT_OR_SPACE);
    }
    int end = firstDot < 0 ? to : firstDot;
    while (end > from && text.charAt(end - 1) == ' ') {
      end--;
    }
    int baseLength = end - from;
    if (baseLength >= 3 && baseLength <= 7 && RESERVED.contains(asciiUpper(text.substring(from, end)))) {
      return Optional.of(PathViolation.WINDOWS_RESERVED_NAME);
    }
    return Optional.empty();
  }

  /** Whether {@code name} may be created by a write: a portable name that is not {@code .}, {@code ..} or empty. */
  static boolean isPlainName(String name) {
    return !name.isEmpty() && !name.equals(".") && !name.equals("..");
  }

  private static String describe(PathViolation v, String name) {
    switch (v) {
      case ADS:
        return "names an alternate data stream (" + name + ")";
      case WINDOWS_RESERVED_NAME:
        return "names a Windows device (" + name + ")";
      case TRAILING_DOT_OR_SPACE:
        return "has a name ending in a dot or space (" + name + ")";
      default:
        return "holds an illegal character in " + name;
    }
  }

  /** End of {@code \\server\share} (both separators accepted); the parser decides what the root is. */
  private static int uncPrefixEnd(String raw) {
    int i = 2;
    for (int parts = 0; parts < 2; parts++) {
      while (i < raw.length() && !isSeparator(raw.charAt(i), true)) {
        i++;
      }
      if (parts == 0 && i < raw.length()) {
        i++;
      }
    }
    return Math.min(i, raw.length());
  }

  private static boolean isSeparator(char c, boolean windows) {
    return c == '/' || (windows && c == '\\');
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static String asciiUpper(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
    }
    return b.toString();
  }

  static WorkspacePathException deny(PathViolation v, String raw, String why) {
    return new WorkspacePathException(v, "\"" + raw + "\" " + why);
  }
}
