package dev.hostpolicy.core.fs;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link SecureFilesIT}.
 *
 * <ul>
 *   <li>{@code write DIR NAME TEXT}: creates DIR privately, writes NAME atomically, and creates
 *       {@code DIR/plain} with {@link Files#createFile} (default permissions, to show the umask);
 *   <li>{@code loop FILE ROUND}: writes versions 0, 1, 2, ... of FILE forever, printing
 *       {@code writing N} before and {@code wrote N} after each write.
 * </ul>
 */
public final class SecureFilesChild {
  private SecureFilesChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    switch (args[0]) {
      case "write":
        {
          Path dir = SecureFiles.createPrivateDirectories(Path.of(args[1]));
          SecureFiles.writeAtomically(dir.resolve(args[2]), args[3].getBytes(StandardCharsets.UTF_8));
          Files.createFile(dir.resolve("plain"));
          out.println("done");
          break;
        }
      case "loop":
        {
          Path file = Path.of(args[1]);
          int round = Integer.parseInt(args[2]);
          for (int i = 0; ; i++) {
            out.println("writing " + i);
            SecureFiles.writeAtomically(file, Versions.content(round, i));
            out.println("wrote " + i);
          }
        }
      default:
        throw new IllegalArgumentException(args[0]);
    }
  }
}
