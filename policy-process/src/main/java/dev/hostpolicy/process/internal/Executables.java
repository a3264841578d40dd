package dev.hostpolicy.process.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds an executable by name: the absolute directories of {@code PATH}, then the usual system
 * directories.
 *
 * <pre>{@code
 * Optional<Path> setsid = Executables.find("setsid", System.getenv("PATH"));
 * }</pre>
 */
public final class Executables {
  private static final List<String> SYSTEM_DIRS = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin");

  private Executables() {}

  /** The first regular, executable file called {@code name}, as an absolute real path. */
  public static Optional<Path> find(String name, String pathVariable) {
    List<String> dirs = new ArrayList<>();
    if (pathVariable != null) {
      for (String d : pathVariable.split(File.pathSeparator)) {
        if (!d.isEmpty()) {
          dirs.add(d);
        }
      }
    }
    dirs.addAll(SYSTEM_DIRS);
    for (String d : dirs) {
      try {
        Path dir = Path.of(d);
        if (!dir.isAbsolute()) {
          continue; // a relative PATH entry depends on the working directory: never trust it
        }
        Path candidate = dir.resolve(name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate.toRealPath());
        }
      } catch (InvalidPathException | java.io.IOException | SecurityException e) {
        // not usable; try the next directory
      }
    }
    return Optional.empty();
  }
}
