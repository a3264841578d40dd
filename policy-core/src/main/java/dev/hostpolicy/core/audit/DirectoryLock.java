package dev.hostpolicy.core.audit;

import dev.hostpolicy.core.fs.SecureFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <h2>Leases</h2>
 *
 * Taking and dropping a file lock costs two system calls per append, more than the write itself. So
 * this JVM keeps the file lock between uses — a lease — while it is busy, and gives it up when:
 * <ul>
 *   <li>another process wants it: a process whose {@code tryLock} fails writes the time into the first
 *       8 bytes of {@code audit.lock} (shared memory through a mapping), and a holder that sees a wish
 *       younger than a second releases at the end of its current use, then lets the other process in
 *       before it competes again;
 *   <li>it has not been used for {@value #LEASE_IDLE_MILLIS} ms (a daemon thread checks every
 *       millisecond while a lease is held).
 * </ul>
 * The kernel drops the lock of a process that dies, lease or not. While the lease is unbroken no other
 * process can have written, so a sink that wrote last may skip re-checking the file
 * ({@link #epoch()}, {@link #lastWriter}).
 */
final class DirectoryLock {
  static final String LOCK_FILE = "audit.lock";
  static final long LEASE_IDLE_MILLIS = 2;

  private static final int SHARED_BYTES = 64;
  private static final long WISH_FRESH_MILLIS = 1000;
  private static final long COURTESY_NANOS = TimeUnit.MILLISECONDS.toNanos(3);
  private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final Map<Path, DirectoryLock> OPEN = new HashMap<>();

  private final Path key;
  private final Path lockFile;
  private final boolean leasing;
  final ReentrantLock jvm = new ReentrantLock();
  private FileChannel channel;
  private MappedByteBuffer shared;
  private int users;

  // guarded by jvm
  private FileLock held;
  private int depth;
  private long epoch;
  private long lastUseNanos;
  private boolean wished;
  /** Whether the reaper watches this lock (changed under the JVM lock only). */
  private boolean watched;
  /** The sink that wrote last under the current lease (identity only). */
  Object lastWriter;

  private DirectoryLock(Path key, Path lockFile, boolean leasing) {
    this.key = key;
    this.lockFile = lockFile;
    this.leasing = leasing;
  }

  /** The lock of {@code dir} (which must exist), creating {@code audit.lock} owner-only if needed. */
  static DirectoryLock acquire(Path dir) throws IOException {
    Path real = dir.toRealPath();
    synchronized (OPEN) {
      DirectoryLock l = OPEN.get(real);
      if (l == null) {
        l = new DirectoryLock(real, real.resolve(LOCK_FILE), true);
        l.open(SecureFiles.openPrivateFile(l.lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE));
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
          if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(file)) {
            return Optional.empty();
          }
          FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
          // a reader changes no file: without the shared page (a lock file no writer of ours made) it neither leases nor asks
          boolean page = ch.size() >= SHARED_BYTES;
          l = new DirectoryLock(real, file, page);
          if (page) {
            l.open(ch);
          } else {
            l.channel = ch;
          }
          OPEN.put(real, l);
        }
        l.users++;
        return Optional.of(l);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private void open(FileChannel ch) throws IOException {
    channel = ch;
    if (ch.size() < SHARED_BYTES) {
      ch.write(ByteBuffer.allocate((int) (SHARED_BYTES - ch.size())), ch.size());
    }
    shared = ch.map(FileChannel.MapMode.READ_WRITE, 0, SHARED_BYTES);
  }

  /** Gives up this user's reference; the last one releases any lease and closes the lock file. */
  void release() {
    synchronized (OPEN) {
      if (--users == 0) {
        OPEN.remove(key);
        jvm.lock();
        try {
          dropFileLock();
          channel.close();
        } catch (IOException e) {
          // closing releases any lock; nothing else to do
        } finally {
          jvm.unlock();
        }
      }
    }
  }

  /** Increases with every fresh acquisition of the file lock by this JVM. */
  long epoch() {
    return epoch;
  }

  /** A held lock; closing it ends this use (the file lock may stay as a lease) and releases the JVM lock. */
  final class Held implements AutoCloseable {
    private boolean closed;

    private Held() {}

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (--depth == 0) {
          lastUseNanos = System.nanoTime();
          if (!leasing || wishedByOthers()) {
            dropFileLock();
          } else if (!watched) {
            watched = true;
            LeaseReaper.watch(DirectoryLock.this);
          }
        }
      } finally {
        jvm.unlock();
      }
    }
  }

  /**
   * Takes the JVM lock, then the file lock (or keeps this JVM's lease), waiting at most {@code timeout}
   * for another process. Polls {@link FileChannel#tryLock()} with a growing pause (20 µs to 1 ms), so
   * a process that hangs while holding the lock makes appends fail after the timeout instead of
   * blocking forever.
   *
   * @throws IOException if another process held the lock for the whole timeout, or the lock file fails
   */
  Held lock(Duration timeout) throws IOException {
    jvm.lock();
    try {
      if (depth > 0 || (held != null && held.isValid())) {
        depth++;
        return new Held();
      }
      held = null;
      long start = System.nanoTime();
      long deadline = start + timeout.toNanos();
      if (leasing && wishedByOthers()) {
        // we just gave the lock up for another process: let it in before competing again
        while (wishedByOthers() && System.nanoTime() - start < COURTESY_NANOS) {
          LockSupport.parkNanos(50_000);
        }
      }
      int round = 0;
      while (true) {
        FileLock fl;
        try {
          fl = channel.tryLock();
        } catch (ClosedChannelException e) {
          // an interrupted thread closed the shared channel: reopen it once and try again
          reopen();
          fl = channel.tryLock();
        }
        if (fl != null) {
          held = fl;
          epoch++;
          depth = 1;
          if (wished) {
            shared.putLong(0, 0L);
            wished = false;
          }
          return new Held();
        }
        if (shared != null) {
          shared.putLong(0, System.currentTimeMillis()); // ask the holder to hand over
          wished = true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IOException("another process has held the audit lock " + lockFile + " for more than " + timeout);
        }
        LockSupport.parkNanos(Math.min(left, Math.min(MAX_PAUSE_NANOS, 20_000L << Math.min(round++, 6))));
      }
    } catch (IOException | RuntimeException | Error e) {
      jvm.unlock();
      throw e;
    }
  }

  /** Whether another process asked for the lock within the last second (and it was not this JVM asking). */
  private boolean wishedByOthers() {
    if (wished || shared == null) {
      return false;
    }
    long at = shared.getLong(0);
    return at != 0 && Math.abs(System.currentTimeMillis() - at) < WISH_FRESH_MILLIS;
  }

  /** Releases the file lock if this JVM holds it (the caller holds the JVM lock). */
  private void dropFileLock() {
    FileLock fl = held;
    held = null;
    lastWriter = null;
    if (fl != null) {
      try {
        if (fl.isValid()) {
          fl.release();
        }
      } catch (IOException e) {
        // the channel was closed (an interrupt): the lock is gone with it
      }
    }
  }

  /**
   * Drops the lease if it is idle or wanted, and stops watching this lock once it holds no lease (under
   * the JVM lock, like {@link LeaseReaper#watch}, so a lease taken again is always watched). Called by
   * the reaper.
   */
  private void reap() {
    if (!jvm.tryLock()) {
      return; // in use: the user drops it itself if it is wanted, or leaves a watched lease
    }
    try {
      if (held != null && depth == 0
          && (System.nanoTime() - lastUseNanos >= TimeUnit.MILLISECONDS.toNanos(LEASE_IDLE_MILLIS) || wishedByOthers())) {
        dropFileLock();
      }
      if (held == null) {
        watched = false;
        LeaseReaper.WATCHED.remove(this);
      }
    } finally {
      jvm.unlock();
    }
  }

  private void reopen() throws IOException {
    if (!channel.isOpen()) {
      channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      if (shared != null) {
        shared = channel.map(FileChannel.MapMode.READ_WRITE, 0, SHARED_BYTES);
      }
    }
  }

  /** The daemon thread that ends idle or wanted leases. */
  private static final class LeaseReaper {
    private static final Set<DirectoryLock> WATCHED = ConcurrentHashMap.newKeySet();
    private static Thread thread;

    /** Watches {@code l}'s lease; called under its JVM lock. */
    static void watch(DirectoryLock l) {
      if (WATCHED.add(l)) {
        synchronized (LeaseReaper.class) {
          if (thread == null || !thread.isAlive()) {
            thread = new Thread(LeaseReaper::run, "hostpolicy-audit-lease");
            thread.setDaemon(true);
            thread.start();
          } else {
            LockSupport.unpark(thread);
          }
        }
      }
    }

    private static void run() {
      while (true) {
        if (WATCHED.isEmpty()) {
          LockSupport.park(LeaseReaper.class);
          continue;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        for (DirectoryLock l : WATCHED) {
          l.reap();
        }
      }
    }
  }
}
