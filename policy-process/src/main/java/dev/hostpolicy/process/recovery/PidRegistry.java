package dev.hostpolicy.process.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.AuditEvents;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.fs.SecureFiles;
import dev.hostpolicy.process.ChildInfo;
import dev.hostpolicy.process.RunObserver;
import dev.hostpolicy.process.RunResult;
import dev.hostpolicy.process.RunningChild;
import dev.hostpolicy.process.ShellCommand;
import dev.hostpolicy.process.internal.Executables;
import dev.hostpolicy.process.internal.GroupSignals;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The pid registry and crash recovery of one host instance, in a data directory shared by every
 * instance of the host:
 * <ul>
 *   <li>{@code <data-dir>/instances/<instance>.lock} — held with an exclusive file lock for as long
 *       as the instance lives; the operating system drops the lock when the process dies, however it
 *       dies;</li>
 *   <li>{@code <data-dir>/pids/<instance>.<pid>.json} — one record per detached child (pid, process
 *       start time, process group, instance, run), written by {@link #observer()} when the child
 *       starts and removed when it exits;</li>
 *   <li>{@code <data-dir>/active-runs/<instance>.<run>.json} — one marker per run in flight
 *       ({@link #beginRun}), removed when the run settles.</li>
 * </ul>
 * All files are owner-only and written atomically through {@link SecureFiles}.
 *
 * <p>{@link #recover} — call it on start, before the host serves anything — finds the instances
 * whose lock nobody holds any more (they died), kills the process group of each of their children
 * whose pid still belongs to the process that was recorded (same start time: a pid reused by an
 * unrelated process is left alone), removes their records, hands each interrupted run to the host
 * and audits {@code run.reconciled} (state {@code interrupted}). A live instance's children and runs
 * are never touched. {@link #close()} — a normal shutdown — kills this instance's remaining children
 * and removes its records, marker files and lock file: nothing is left to recover.
 *
 * <pre>{@code
 * PidRegistry registry = PidRegistry.open(dataDir, audit);
 * registry.recover(run -> runs.markFailed(run.runId(), "interrupted"));   // before serving
 * ProcessLauncher launcher = ProcessLauncher.builder().auditSink(audit).observer(registry.observer()).build();
 * try (ActiveRun marker = registry.beginRun(runId.value())) {
 *   launcher.run(spec);
 * }
 * // on shutdown
 * registry.close();
 * }</pre>
 */
public final class PidRegistry implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PidRegistry.class.getName());
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LOCK_SUFFIX = ".lock";
  private static final String NEW_LOCK_SUFFIX = ".lock-new";
  private static final String JSON_SUFFIX = ".json";
  /** The instances of this JVM: never probed through their lock files (closing a probe would drop our own lock). */
  private static final Set<String> LIVE_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  /** Records and markers are written under the read side, {@link #close()} runs under the write side. */
  private final java.util.concurrent.locks.ReentrantReadWriteLock stateLock = new java.util.concurrent.locks.ReentrantReadWriteLock();
  private static final ReentrantLock RECOVERY_IN_THIS_JVM = new ReentrantLock();

  /** The directory of pid records under the data directory. */
  public static final String PIDS = "pids";
  /** The directory of active-run markers under the data directory. */
  public static final String ACTIVE_RUNS = "active-runs";
  /** The directory of instance lock files under the data directory. */
  public static final String INSTANCES = "instances";

  private final Path dataDir;
  private final Path pids;
  private final Path active;
  private final Path instances;
  private final String instanceId;
  private final AuditSink audit;
  private final TimeSource time;
  private final Optional<GroupSignals> signals;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Map<Long, PidRecord> children = new ConcurrentHashMap<>();
  private final Set<ActiveRun> runs = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private PidRegistry(Path dataDir, String instanceId, AuditSink audit, TimeSource time, FileChannel lockChannel, FileLock lock) {
    this.dataDir = dataDir;
    this.pids = dataDir.resolve(PIDS);
    this.active = dataDir.resolve(ACTIVE_RUNS);
    this.instances = dataDir.resolve(INSTANCES);
    this.instanceId = instanceId;
    this.audit = audit;
    this.time = time;
    this.signals = groupSignals();
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** {@link #open(Path, AuditSink, TimeSource)} on the system clock. */
  public static PidRegistry open(Path dataDir, AuditSink audit) throws IOException {
    return open(dataDir, audit, TimeSource.system());
  }

  /**
   * Starts a new instance in {@code dataDir}: creates the directories (owner-only) and takes this
   * instance's exclusive lock. Does not recover anything yet: call {@link #recover} next.
   *
   * @param audit where {@code run.reconciled} goes
   * @param time stamps active-run markers
   */
  public static PidRegistry open(Path dataDir, AuditSink audit, TimeSource time) throws IOException {
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(time, "time");
    Path dir = SecureFiles.createPrivateDirectories(Objects.requireNonNull(dataDir, "dataDir"));
    requirePrivate(dir);
    for (String sub : List.of(PIDS, ACTIVE_RUNS, INSTANCES)) {
      SecureFiles.createPrivateDirectories(dir.resolve(sub));
      // records here decide which process groups recovery kills: only this user may write them
      requirePrivate(dir.resolve(sub));
      SecureFiles.cleanStaleTempFiles(dir.resolve(sub));
    }
    String id = "inst_" + randomId();
    // live from before its lock file exists: a recovery in this JVM must never open (and, by closing,
    // release — POSIX locks belong to the process) this instance's lock file
    LIVE_IN_THIS_JVM.add(id);
    Path fresh = dir.resolve(INSTANCES).resolve(id + NEW_LOCK_SUFFIX);
    FileChannel channel;
    try {
      channel = SecureFiles.openPrivateFile(fresh, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      LIVE_IN_THIS_JVM.remove(id);
      throw e;
    }
    try {
      requireOwnedLike(fresh, List.of(dir, dir.resolve(PIDS), dir.resolve(ACTIVE_RUNS), dir.resolve(INSTANCES)));
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IOException("cannot lock the new instance file " + fresh);
      }
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
      // only a locked file ever carries the name recovery looks at
      Files.move(fresh, dir.resolve(INSTANCES).resolve(id + LOCK_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
      SecureFiles.syncDirectory(dir.resolve(INSTANCES));
      return new PidRegistry(dir, id, audit, time, channel, lock);
    } catch (IOException | RuntimeException e) {
      LIVE_IN_THIS_JVM.remove(id);
      channel.close();
      Files.deleteIfExists(fresh);
      throw e;
    }
  }

  /**
   * Refuses a registry directory that is a symbolic link or that others can access: whoever can write
   * a record there could make recovery kill their chosen process group.
   */
  private static void requirePrivate(Path dir) {
    dev.hostpolicy.api.Decision d = SecureFiles.checkPrivate(dir);
    if (!d.allowed()) {
      throw new dev.hostpolicy.api.PolicyViolationException(d);
    }
  }

  /** Refuses registry directories another user owns (compared with a file this process just created). */
  private static void requireOwnedLike(Path mine, List<Path> dirs) throws IOException {
    java.nio.file.attribute.UserPrincipal me = Files.getOwner(mine, LinkOption.NOFOLLOW_LINKS);
    for (Path dir : dirs) {
      java.nio.file.attribute.UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
      if (!owner.equals(me)) {
        throw new dev.hostpolicy.api.PolicyViolationException(dev.hostpolicy.api.Decision.deny("fs.foreign-owner",
            dir + " belongs to " + owner.getName() + ", not to " + me.getName() + "; its records could name any process group"));
      }
    }
  }

  /** This instance's id ({@code inst_…}). */
  public String instanceId() {
    return instanceId;
  }

  /** The data directory. */
  public Path dataDirectory() {
    return dataDir;
  }

  /**
   * Recovers from every instance that died: kills the process groups of their children (only where
   * the pid and the start time still match the record), removes their records, hands each
   * interrupted run — a run with a marker, or with a child still recorded — to {@code interrupted}
   * and audits {@code run.reconciled}. Live instances are not touched. Recoveries of several instances
   * are serialised through {@code <data-dir>/recovery.lock}.
   *
   * <p>If {@code interrupted} or the audit sink throws, recovery stops and the exception propagates:
   * that run's marker stays, so the next recovery hands it over again (the host should treat it
   * idempotently) — and the host should not start serving.
   */
  public RecoveryReport recover(Consumer<InterruptedRun> interrupted) throws IOException {
    Objects.requireNonNull(interrupted, "interrupted");
    checkOpen();
    List<String> dead = new ArrayList<>();
    List<PidRecord> reaped = new ArrayList<>();
    List<PidRecord> spared = new ArrayList<>();
    List<InterruptedRun> handed = new ArrayList<>();
    RECOVERY_IN_THIS_JVM.lock();
    try (FileChannel rc = SecureFiles.openPrivateFile(dataDir.resolve("recovery.lock"), StandardOpenOption.WRITE);
        FileLock ignored = lockWithin(rc, RECOVERY_LOCK_TIMEOUT_NANOS)) {
      removeAbandonedNewLocks();
      for (String id : knownInstances()) {
        if (id.equals(instanceId) || LIVE_IN_THIS_JVM.contains(id)) {
          continue;
        }
        Path lockFile = instances.resolve(id + LOCK_SUFFIX);
        FileChannel channel = null;
        FileLock theirs = null;
        if (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
          channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
          try {
            theirs = channel.tryLock();
          } catch (OverlappingFileLockException e) {
            theirs = null;
          }
          if (theirs == null) {
            channel.close(); // alive: it holds its lock
            continue;
          }
        }
        try {
          recoverInstance(id, reaped, spared, handed, interrupted);
          Files.deleteIfExists(lockFile);
          dead.add(id);
        } finally {
          if (channel != null) {
            channel.close();
          }
        }
      }
      SecureFiles.syncDirectory(pids);
      SecureFiles.syncDirectory(active);
      SecureFiles.syncDirectory(instances);
    } finally {
      RECOVERY_IN_THIS_JVM.unlock();
    }
    RecoveryReport report = new RecoveryReport(dead, reaped, spared, handed);
    if (!report.nothingToRecover()) {
      LOG.log(Level.WARNING, "recovered {0} dead instance(s): {1} child process group(s) killed, {2} record(s) left alone "
          + "(pid reused or start time unknown), {3} interrupted run(s)", dead.size(), reaped.size(), spared.size(), handed.size());
    }
    return report;
  }

  /** A recovery that cannot get the lock in this time fails (closed: the host does not start). */
  private static final long RECOVERY_LOCK_TIMEOUT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

  private static FileLock lockWithin(FileChannel c, long timeoutNanos) throws IOException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (true) {
      FileLock l = c.tryLock();
      if (l != null) {
        return l;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("another instance has held the recovery lock for over "
            + java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while waiting for the recovery lock");
      }
    }
  }

  private void recoverInstance(String id, List<PidRecord> reaped, List<PidRecord> spared, List<InterruptedRun> handed,
      Consumer<InterruptedRun> interrupted) throws IOException {
    Map<String, InterruptedRun> byRun = new LinkedHashMap<>();
    List<Path> done = new ArrayList<>();
    for (Path f : files(pids, id)) {
      Optional<PidRecord> record = readPid(f, id);
      if (record.isEmpty()) {
        continue;
      }
      PidRecord r = record.get();
      if (reap(r)) {
        reaped.add(r);
        byRun.putIfAbsent(r.runId(), new InterruptedRun(r.runId(), id, r.startTime().orElse(time.now())));
      } else {
        spared.add(r);
      }
      done.add(f);
    }
    List<Path> markers = files(active, id);
    Map<String, Path> markerFiles = new LinkedHashMap<>();
    for (Path f : markers) {
      Optional<InterruptedRun> run = readMarker(f, id);
      if (run.isPresent()) {
        byRun.put(run.get().runId(), run.get());
        markerFiles.put(run.get().runId(), f);
      }
    }
    for (InterruptedRun run : byRun.values()) {
      interrupted.accept(run);
      audit.append(AuditEvents.runReconciled(run.runId(), "interrupted").correlationId(run.runId())
          .field("instance", run.instanceId()).build());
      Path marker = markerFiles.get(run.runId());
      if (marker != null) {
        Files.deleteIfExists(marker);
      }
      handed.add(run);
    }
    // only now: if the host or the audit sink threw above, the records stay and the next recovery
    // hands those runs over again (their processes are gone by then, so nothing more is killed)
    for (Path f : done) {
      Files.deleteIfExists(f);
    }
  }

  /**
   * Kills the child's process group when the pid still belongs to the recorded process; whether it
   * did (or the child had gone). A record whose start time is unknown, or whose pid now belongs to a
   * process that started at another time, is spared.
   */
  private boolean reap(PidRecord r) {
    if (r.startTime().isEmpty()) {
      LOG.log(Level.WARNING, "pid {0} of run {1}: no start time was recorded, so it cannot be told from a reused pid; "
          + "left alone", String.valueOf(r.pid()), r.runId());
      return false;
    }
    Optional<ProcessHandle> h = ProcessHandle.of(r.pid());
    if (h.isPresent()) {
      Optional<Instant> started = h.get().info().startInstant();
      if (started.isEmpty() || !started.get().equals(r.startTime().get())) {
        LOG.log(Level.WARNING, "pid {0} of run {1} now belongs to another process (started {2}, recorded {3}); left alone",
            String.valueOf(r.pid()), r.runId(), started.map(Instant::toString).orElse("at an unknown time"), r.startTime().get());
        return false;
      }
      kill(r, Optional.of(h.get()));
      return true;
    }
    // the leader is gone; the kernel does not hand its pid out again while its group has members, so
    // whatever is left in that group is what the child left behind
    kill(r, Optional.empty());
    return true;
  }

  private void kill(PidRecord r, Optional<ProcessHandle> leader) {
    List<ProcessHandle> seen = new ArrayList<>();
    leader.ifPresent(h -> h.descendants().forEach(seen::add));
    if (r.processGroup().isPresent() && signals.isPresent()) {
      signals.get().signal(r.processGroup().getAsLong(), "KILL");
    }
    for (ProcessHandle d : seen) {
      d.destroyForcibly();
    }
    leader.ifPresent(ProcessHandle::destroyForcibly);
    LOG.log(Level.INFO, "killed the process group of pid {0} (run {1}, instance {2})", String.valueOf(r.pid()), r.runId(), r.instanceId());
  }

  /**
   * The observer that records every child a launcher starts (written before {@code start()} returns;
   * if the record cannot be written the launcher kills the child) and removes the record when the
   * child has exited.
   */
  public RunObserver observer() {
    return new RunObserver() {
      @Override
      public void onStart(RunningChild child) {
        record(child.info());
      }

      @Override
      public void onExit(RunningChild child, RunResult result) {
        PidRecord r = children.remove(child.pid());
        if (r != null) {
          try {
            Files.deleteIfExists(pidFile(r.instanceId(), r.pid()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    };
  }

  private void record(ChildInfo info) {
    // under the read side of the state lock: close() (the write side) either sees this child in
    // `children` and reaps it, or this call sees the registry closed and throws (the launcher then
    // kills the child) — never a record written for an instance that has already gone
    stateLock.readLock().lock();
    try {
      recordOpen(info);
    } finally {
      stateLock.readLock().unlock();
    }
  }

  private void recordOpen(ChildInfo info) {
    checkOpen();
    PidRecord r = new PidRecord(info.pid(), info.startTime(), info.processGroup(), instanceId, info.runId().value());
    ObjectNode node = JSON.createObjectNode();
    node.put("pid", r.pid());
    r.startTime().ifPresent(t -> node.put("startTime", t.toString()));
    r.processGroup().ifPresent(g -> node.put("pgid", g));
    node.put("instance", r.instanceId());
    node.put("run", r.runId());
    try {
      SecureFiles.writeAtomically(pidFile(instanceId, r.pid()), JSON.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record pid " + r.pid() + " in the pid registry", e);
    }
    children.put(r.pid(), r);
  }

  /**
   * Marks a run as in flight until the returned marker is closed; a crash before then makes the next
   * recovery report it as interrupted.
   *
   * @param runId the host's run id ({@code [A-Za-z0-9_-]}, 1 to 128 characters)
   */
  public ActiveRun beginRun(String runId) throws IOException {
    checkName(runId, "run id");
    stateLock.readLock().lock();
    try {
      return beginRunOpen(runId);
    } finally {
      stateLock.readLock().unlock();
    }
  }

  private ActiveRun beginRunOpen(String runId) throws IOException {
    checkOpen();
    Instant now = time.now();
    ObjectNode node = JSON.createObjectNode();
    node.put("run", runId);
    node.put("instance", instanceId);
    node.put("startedAt", now.toString());
    Path file = active.resolve(instanceId + "." + runId + JSON_SUFFIX);
    SecureFiles.writeAtomically(file, JSON.writeValueAsBytes(node));
    ActiveRun run = new ActiveRun(this, runId, now, file);
    runs.add(run);
    return run;
  }

  void forget(ActiveRun run) {
    runs.remove(run);
  }

  /** The children of this instance recorded now. */
  public List<PidRecord> children() {
    return List.copyOf(children.values());
  }

  /**
   * A normal shutdown: kills the process groups of this instance's children still running, removes
   * their records and the markers of runs still in flight (logged), deletes the lock file and
   * releases the lock. Nothing is left for a recovery.
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stateLock.writeLock().lock();   // waits for records and markers being written right now
    try {
      for (PidRecord r : children.values()) {
        reap(r);
        Files.deleteIfExists(pidFile(instanceId, r.pid()));
      }
      children.clear();
      for (ActiveRun run : List.copyOf(runs)) {
        LOG.log(Level.WARNING, "run {0} was still in flight when its instance shut down", run.runId());
        Files.deleteIfExists(run.file());
      }
      runs.clear();
      for (Path f : files(pids, instanceId)) {
        Files.deleteIfExists(f);
      }
      for (Path f : files(active, instanceId)) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(instances.resolve(instanceId + LOCK_SUFFIX));
    } finally {
      try {
        lock.release();
      } finally {
        lockChannel.close();
        LIVE_IN_THIS_JVM.remove(instanceId);
        stateLock.writeLock().unlock();
      }
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the pid registry of " + instanceId + " is closed");
    }
  }

  private Path pidFile(String instance, long pid) {
    return pids.resolve(instance + "." + pid + JSON_SUFFIX);
  }

  private Set<String> knownInstances() throws IOException {
    Set<String> ids = new TreeSet<>();
    for (Path dir : List.of(instances, pids, active)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
        for (Path f : s) {
          String name = f.getFileName().toString();
          if (SecureFiles.isTempFileName(name) || name.endsWith(NEW_LOCK_SUFFIX)) {
            continue;
          }
          int dot = name.indexOf('.');
          String id = dot < 0 ? name : name.substring(0, dot);
          if (NAME.matcher(id).matches()) {
            ids.add(id);
          }
        }
      }
    }
    return ids;
  }

  private static final long ABANDONED_AFTER_MILLIS = 10_000;

  /** Lock files an instance created but died before naming (and at least 10 s ago): nobody holds them. */
  private void removeAbandonedNewLocks() throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(instances, "*" + NEW_LOCK_SUFFIX)) {
      for (Path f : s) {
        String id = f.getFileName().toString().replace(NEW_LOCK_SUFFIX, "");
        if (LIVE_IN_THIS_JVM.contains(id)) {
          continue;
        }
        try {
          // another process may be between creating and locking it right now
          long age = System.currentTimeMillis() - Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toMillis();
          if (age < ABANDONED_AFTER_MILLIS) {
            continue;
          }
        } catch (IOException gone) {
          continue;
        }
        try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
          FileLock l = c.tryLock();
          if (l != null) {
            Files.deleteIfExists(f);
          }
        } catch (OverlappingFileLockException | IOException e) {
          // being created right now, or gone already
        }
      }
    }
  }

  private static List<Path> files(Path dir, String instance) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, instance + ".*" + JSON_SUFFIX)) {
      for (Path f : s) {
        if (!SecureFiles.isTempFileName(f.getFileName().toString())) {
          out.add(f);
        }
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * A pid record, only if it is consistent: its file is {@code <instance>.<pid>.json} with the same
   * instance and pid inside, and its process group is the child's own (the launcher makes every
   * child the leader of its group) — a record naming some other group is never acted on.
   */
  private static Optional<PidRecord> readPid(Path f, String instance) {
    try {
      JsonNode n = readJson(f);
      if (!n.path("pid").canConvertToLong() || !n.path("instance").isTextual() || !n.path("run").isTextual()) {
        throw new IOException("not a pid record");
      }
      long pid = n.get("pid").asLong();
      if (!n.get("instance").asText().equals(instance)
          || !f.getFileName().toString().equals(instance + "." + pid + JSON_SUFFIX)) {
        throw new IOException("the record's instance or pid does not match its file name");
      }
      Optional<Instant> start = n.path("startTime").isTextual() ? Optional.of(Instant.parse(n.get("startTime").asText())) : Optional.empty();
      OptionalLong pgid = n.path("pgid").canConvertToLong() ? OptionalLong.of(n.get("pgid").asLong()) : OptionalLong.empty();
      if (pgid.isPresent() && pgid.getAsLong() != pid) {
        throw new IOException("the record names process group " + pgid.getAsLong() + ", not the child's own (" + pid + ")");
      }
      return Optional.of(new PidRecord(pid, start, pgid, instance, n.get("run").asText()));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.ERROR, "unreadable pid record {0} ({1}); left in place, nothing killed", f, SafeText.clean(String.valueOf(e.getMessage()), 200));
      return Optional.empty();
    }
  }

  private static Optional<InterruptedRun> readMarker(Path f, String instance) {
    try {
      JsonNode n = readJson(f);
      String run = n.path("run").asText("");
      if (!n.path("instance").asText("").equals(instance) || !f.getFileName().toString().equals(instance + "." + run + JSON_SUFFIX)) {
        throw new IOException("the marker's instance or run does not match its file name");
      }
      return Optional.of(new InterruptedRun(run, instance, Instant.parse(n.path("startedAt").asText(""))));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.ERROR, "unreadable active-run marker {0} ({1}); left in place", f, SafeText.clean(String.valueOf(e.getMessage()), 200));
      return Optional.empty();
    }
  }

  private static JsonNode readJson(Path f) throws IOException {
    // a regular file only: a FIFO would block recovery forever, a link could point anywhere
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.size(f) > 64 * 1024) {
      throw new IOException("not a regular file of at most 64 KiB");
    }
    try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
      JsonNode n = JSON.readTree(in);
      if (n == null || !n.isObject()) {
        throw new IOException("not a JSON object");
      }
      return n;
    }
  }

  private static Optional<GroupSignals> groupSignals() {
    Optional<Path> kill = Executables.find("kill", System.getenv("PATH"));
    if (kill.isPresent()) {
      return Optional.of(GroupSignals.program(kill.get()));
    }
    Path sh = Path.of(ShellCommand.SHELL);
    return Files.isExecutable(sh) ? Optional.of(GroupSignals.shellBuiltin(sh)) : Optional.empty();
  }

  private static String randomId() {
    byte[] b = new byte[10];
    RANDOM.nextBytes(b);
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
    }
    return s.toString();
  }

  static void checkName(String value, String what) {
    Objects.requireNonNull(value, what);
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException("a " + what + " is 1 to 128 of [A-Za-z0-9_-]: " + SafeText.clean(value, 140));
    }
  }

  @Override
  public String toString() {
    return "PidRegistry[" + instanceId + " in " + dataDir + "]";
  }
}
