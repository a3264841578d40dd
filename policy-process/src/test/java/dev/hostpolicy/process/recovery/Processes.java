package dev.hostpolicy.process.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Liveness as {@code ps} sees it (a zombie is dead), and bounded waits on a condition. */
final class Processes {
  private Processes() {}

  /** Whether {@code pid} is a running (not zombie) process. */
  static boolean alive(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      int close = stat.lastIndexOf(')');
      return stat.charAt(close + 2) != 'Z';
    } catch (IOException e) {
      return false; // gone meanwhile
    }
  }

  /** Polls {@code condition} until it holds or {@code bound} passes; whether it held. */
  static boolean await(BooleanSupplier condition, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    return true;
  }
}
