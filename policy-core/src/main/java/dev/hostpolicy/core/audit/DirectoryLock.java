package dev.hostpolicy.core.audit;

import dev.hostpolicy.core.fs.SecureFiles;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock around every append, rotation and reader snapshot of one audit directory: a JVM-wide
 * {@link ReentrantLock} (one per directory, shared by every sink and reader of this JVM) and, inside
 * it, an exclusive {@link FileChannel#lock() file lock} on {@code audit.lock} for other processes.
 *
 * <p>One lock channel per directory per JVM, because POSIX record locks belong to the process: a
 * second channel on the same file would throw {@link java.nio.channels.OverlappingFileLockException},
 * and closing any descriptor of the file would release the lock.
 */
final class DirectoryLock {
  static final String LOCK_FILE = "audit.lock";

  private static final Map<Path, DirectoryLock> OPEN = new HashMap<>();

  private final Path key;
  private final Path lockFile;
  final ReentrantLock jvm = new ReentrantLock();
  private FileChannel channel;
  private int users;

  private DirectoryLock(Path key, Path lockFile) {
    this.key = key;
    this.lockFile = lockFile;
  }

  /** The lock of {@code dir} (which must exist), creating {@code audit.lock} owner-only if needed. */
  static DirectoryLock acquire(Path dir) throws IOException {
    Path real = dir.toRealPath();
    synchronized (OPEN) {
      DirectoryLock l = OPEN.get(real);
      if (l == null) {
        l = new DirectoryLock(real, real.resolve(LOCK_FILE));
        l.channel = SecureFiles.openPrivateFile(l.lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        OPEN.put(real, l);
      }
      l.users++;
      return l;
    }
  }

  /**
   * The lock of {@code dir} if its lock file exists and can be opened for writing (a reader never
   * creates files); empty for a read-only copy of a log, which readers then read without locking.
   */
  static Optional<DirectoryLock> acquireExisting(Path dir) {
    try {
      Path real = dir.toRealPath();
      synchronized (OPEN) {
        DirectoryLock l = OPEN.get(real);
        if (l == null) {
          Path file = real.resolve(LOCK_FILE);
          if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(file)) {
            return Optional.empty();
          }
          l = new DirectoryLock(real, file);
          l.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
          OPEN.put(real, l);
        }
        l.users++;
        return Optional.of(l);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Gives up this user's reference; the last one closes the lock file. */
  void release() {
    synchronized (OPEN) {
      if (--users == 0) {
        OPEN.remove(key);
        jvm.lock();
        try {
          channel.close();
        } catch (IOException e) {
          // closing releases any lock; nothing else to do
        } finally {
          jvm.unlock();
        }
      }
    }
  }

  /** A held lock; closing it releases the file lock and then the JVM lock. */
  final class Held implements AutoCloseable {
    private final FileLock fileLock;

    private Held(FileLock fileLock) {
      this.fileLock = fileLock;
    }

    @Override
    public void close() {
      try {
        if (fileLock.isValid()) {
          fileLock.release();
        }
      } catch (IOException e) {
        // the channel was closed (an interrupt): the lock is gone with it
      } finally {
        jvm.unlock();
      }
    }
  }

  /**
   * Takes the JVM lock, then the file lock, waiting at most {@code timeout} for another process.
   * Polls {@link FileChannel#tryLock()} with a growing pause (20 µs to 5 ms), so a process that hangs
   * while holding the lock makes appends fail after the timeout instead of blocking forever.
   *
   * @throws IOException if another process held the lock for the whole timeout, or the lock file fails
   */
  Held lock(Duration timeout) throws IOException {
    jvm.lock();
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      int round = 0;
      while (true) {
        FileLock fl;
        try {
          fl = channel().tryLock();
        } catch (ClosedChannelException e) {
          // an interrupted thread closed the shared channel: reopen it once and try again
          reopen();
          fl = channel().tryLock();
        }
        if (fl != null) {
          return new Held(fl);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IOException("another process has held the audit lock " + lockFile + " for more than " + timeout);
        }
        LockSupport.parkNanos(Math.min(left, Math.min(TimeUnit.MILLISECONDS.toNanos(5), 20_000L << Math.min(round++, 8))));
      }
    } catch (IOException | RuntimeException | Error e) {
      jvm.unlock();
      throw e;
    }
  }

  private FileChannel channel() {
    return channel;
  }

  private void reopen() throws IOException {
    if (!channel.isOpen()) {
      channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
  }
}
