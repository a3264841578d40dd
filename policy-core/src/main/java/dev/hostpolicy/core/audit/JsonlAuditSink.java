package dev.hostpolicy.core.audit;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditEvents;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.fs.SecureFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * The default audit sink: one JSON object per line in {@code <data-dir>/audit/audit.jsonl}, append
 * only, rotated by size, hash-chained, safe for several threads and several processes.
 *
 * <h2>A line</h2>
 *
 * <pre>{@code
 * {"ts":"2026-01-01T12:00:00.000Z","seq":42,"event":"webhook.rejected","actor":"webhook","outcome":"denied",
 *  "cid":"cid_Jx0q3W-dZk1pQbfA","trigger":"deploy","reason":"webhook.signature-mismatch","prev":"9f86d081…"}
 * }</pre>
 *
 * (one line in the file). {@code ts} is RFC 3339 UTC with milliseconds, {@code seq} counts every line
 * of the log from 1, {@code prev} is the SHA-256 (hex) of the previous line's bytes — across rotated
 * files — so editing, deleting, inserting or reordering a retained line breaks the chain that
 * {@link AuditLog#verify()} checks. Every non-ASCII character is escaped, so a line is 7-bit ASCII and
 * cannot carry a raw line separator or terminal control. The log writes its own records too:
 * {@code audit.chain.start} (the first line ever), {@code audit.file.start} (the first line of every
 * file after a rotation) and {@code audit.chain.restart} (after removing a torn final line left by a
 * crash).
 *
 * <h2>Appending</h2>
 *
 * {@link #append} refuses (with {@link IllegalArgumentException}, nothing written) an event named
 * {@code audit.*}, a field that would hold a request body ({@link AuditEvents#isBodyFieldName}), an
 * event larger than {@link AuditOptions#maxLineBytes()}, and an event whose name, outcome or a field
 * name contains a secret registered with {@link AuditOptions.Builder#redacting}; a string value, list
 * entry or correlation id containing such a secret is written as {@code [redacted]}. (The
 * {@link AuditEvent} builder has already refused {@code Secret} values and credential-named fields.)
 * Each line is written whole in one {@code write} to a file opened for appending; appends from several
 * threads that arrive together share one write and, under {@link AuditDurability#fsyncPerEvent()}, one
 * device flush. {@link #append} returns once the line is recorded under the configured
 * {@link AuditDurability} and throws {@link UncheckedIOException} (or {@link IllegalStateException}
 * after {@link #close()}) when it is not — a caller that must not act unaudited fails closed on that.
 * An append that failed after its bytes reached the file may still appear in the log.
 *
 * <h2>Rotation</h2>
 *
 * A line that would take {@code audit.jsonl} past {@link AuditOptions#maxBytes()} goes into a fresh
 * file: {@code audit.jsonl} becomes {@code audit.1.jsonl}, {@code audit.1.jsonl} becomes
 * {@code audit.2.jsonl} and so on (higher is older), and files beyond {@link AuditOptions#maxFiles()}
 * (the live one included) are deleted. Files are renamed, never copied, so rotation cannot split or
 * lose a line.
 *
 * <h2>Several processes</h2>
 *
 * Every append and rotation holds an exclusive lock on {@code audit.lock} (and a JVM-wide lock for the
 * directory). Under it the sink checks that {@code audit.jsonl} is still the file it wrote last and has
 * the size it left; if another process appended or rotated, it re-reads the last line to continue
 * {@code seq} and {@code prev}. A busy JVM keeps the file lock between appends as a lease (and skips
 * that check while the lease is unbroken); it hands the lock over as soon as another process asks
 * through a shared page of {@code audit.lock}, or after 2 ms idle. A final line without a line break (a write cut short by a crash) is
 * truncated and an {@code audit.chain.restart} record, chained to the last complete line, says how many
 * bytes were removed.
 *
 * <h2>Files</h2>
 *
 * The directory is created 0700 and every file 0600 (owner-only ACLs elsewhere); opening refuses
 * ({@code fs.permissions-too-open}) a directory or existing log file that group or others can access.
 *
 * <pre>{@code
 * try (JsonlAuditSink audit = JsonlAuditSink.open(dataDir, AuditOptions.defaults())) {
 *   audit.append(AuditEvents.loginFailure("auth.bad-token").correlationId(cid).build());
 * }
 * }</pre>
 */
public final class JsonlAuditSink implements AuditSink {

  /** The id this sink is discovered by. */
  public static final String ID = "jsonl";

  /** The directory under the data directory. */
  public static final String DIRECTORY_NAME = "audit";

  /** The live file. */
  public static final String FILE_NAME = LogFiles.LIVE;

  private static final System.Logger LOG = System.getLogger(JsonlAuditSink.class.getName());
  private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final int SPINS = 2000;

  private final Path dir;
  private final Path live;
  private final AuditOptions options;
  private final DirectoryLock lock;
  private final SecretScreen screen;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final Condition syncSignal;
  private final MessageDigest sha = JsonLines.sha256();
  private final boolean forcing;
  private final boolean perEvent;
  private final long intervalNanos;

  // everything below is guarded by lock.jvm
  private final JsonLines.Bytes buffer = new JsonLines.Bytes(8192);
  private final ByteBuffer direct = ByteBuffer.allocateDirect(16 * 1024);
  private FileChannel channel;
  private Object channelKey;
  private long expectedSize = -1;
  private long syncEpoch = -1;
  private boolean dirty;
  private boolean fileHasEvent;
  private long nextSeq;
  /** The lowercase hex SHA-256 of the last line, as ASCII bytes. */
  private final byte[] prevHash = new byte[64];
  private final byte[] tsBytes = new byte[40];
  private Start pendingStart;
  private boolean closed;
  private long batches;
  private long syncedThrough;
  private long syncFailedThrough;
  private IOException syncFailure;
  private long lastSyncNanos;
  private boolean everSynced;
  private long cachedSecond = Long.MIN_VALUE;
  private byte[] cachedPrefix = new byte[0];

  /** A sink record the log writes before the next line. */
  private record Start(String event, String reason, long tornBytes) {}

  /** One append on its way. */
  private static final class Pending {
    final JsonLines.Body body;
    final boolean wantRecord;
    long batch;
    RuntimeException failure;
    /** Set last, after every other field: a thread that reads it true sees the rest. */
    volatile boolean done;
    Instant at;
    long seq;
    String prev;
    String sha256;
    String json;

    Pending(JsonLines.Body body, boolean wantRecord) {
      this.body = body;
      this.wantRecord = wantRecord;
    }
  }

  private JsonlAuditSink(Path dir, AuditOptions options, DirectoryLock lock) {
    this.dir = dir;
    this.live = dir.resolve(LogFiles.LIVE);
    this.options = options;
    this.lock = lock;
    this.screen = SecretScreen.of(options.redactedSecrets());
    this.syncSignal = lock.jvm.newCondition();
    this.forcing = !(options.durability() instanceof AuditDurability.FlushPerEvent);
    this.perEvent = options.durability() instanceof AuditDurability.FsyncPerEvent;
    this.intervalNanos = options.durability() instanceof AuditDurability.FsyncInterval fi ? fi.interval().toNanos() : 0L;
  }

  /**
   * Opens the log in {@code dataDir/audit} ({@value #DIRECTORY_NAME}), creating it owner-only, and
   * repairs a torn final line a crash left. {@code HostPolicy.openAuditLog()} calls this with the
   * policy's data directory and rotation settings.
   *
   * @throws PolicyViolationException {@code fs.permissions-too-open} if the audit directory or a log
   *     file is accessible to group or others
   * @throws IOException if the directory or the files cannot be created or read
   */
  public static JsonlAuditSink open(Path dataDir, AuditOptions options) throws IOException {
    return openDirectory(Objects.requireNonNull(dataDir, "dataDir").resolve(DIRECTORY_NAME), options);
  }

  /** Opens the log in {@code auditDir} itself (the directory that holds {@code audit.jsonl}); see {@link #open}. */
  public static JsonlAuditSink openDirectory(Path auditDir, AuditOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    Path dir = SecureFiles.createPrivateDirectories(Objects.requireNonNull(auditDir, "auditDir"));
    requirePrivate(dir);
    for (String name : LogFiles.oldestFirst(dir)) {
      requirePrivate(dir.resolve(name));
    }
    if (Files.exists(dir.resolve(DirectoryLock.LOCK_FILE), LinkOption.NOFOLLOW_LINKS)) {
      requirePrivate(dir.resolve(DirectoryLock.LOCK_FILE));
    }
    DirectoryLock lock = DirectoryLock.acquire(dir);
    JsonlAuditSink sink = new JsonlAuditSink(dir.toRealPath(), options, lock);
    try {
      sink.startUp();
    } catch (IOException | RuntimeException e) {
      sink.close();
      throw e;
    }
    return sink;
  }

  private static void requirePrivate(Path p) {
    Decision d = SecureFiles.checkPrivate(p);
    if (d.denied()) {
      throw new PolicyViolationException(d);
    }
  }

  /** Brings the log up to date at once: repairs a torn tail, writes the first record of a new log. */
  private void startUp() throws IOException {
    lock.jvm.lock();
    try (DirectoryLock.Held held = lock.lock(options.lockTimeout())) {
      long batch = ++batches;
      ensureInSync(batch);
      if (pendingStart != null) {
        JsonLines.Bytes out = new JsonLines.Bytes(256);
        appendStart(out);
        writeFully(out);
        if (forcing) {
          forceChannel(batch);
          everSynced = false; // the start-up flush does not delay the first append's
        }
      }
    } finally {
      lock.jvm.unlock();
    }
  }

  @Override
  public String id() {
    return ID;
  }

  /** The audit directory (the one holding {@code audit.jsonl}). */
  public Path directory() {
    return dir;
  }

  /** The options this sink was opened with. */
  public AuditOptions options() {
    return options;
  }

  /**
   * Records {@code event}; returns once it is recorded under the sink's durability policy.
   *
   * @throws IllegalArgumentException if the event is refused (see the class documentation); nothing is written
   * @throws UncheckedIOException if the line could not be written (or forced)
   * @throws IllegalStateException if the sink is closed
   */
  @Override
  public void append(AuditEvent event) {
    submit(event, false);
  }

  /**
   * {@link #append} that also returns the line as written: its time, sequence number, hash and text
   * (an {@link AuditRecord#anchor()} to keep elsewhere).
   */
  public AuditRecord record(AuditEvent event) {
    Pending p = submit(event, true);
    return new AuditRecord(p.at, p.seq, p.body.event(), p.body.actor(), p.body.outcome(), p.body.cid(), p.body.fields(),
        p.prev, p.sha256, p.json);
  }

  private Pending submit(AuditEvent event, boolean wantRecord) {
    Objects.requireNonNull(event, "event");
    if (AuditEvents.isSinkRecord(event.event())) {
      throw new IllegalArgumentException("event names starting with audit. are the log's own records");
    }
    if (screen.holdsSecret(event.event()) || screen.holdsSecret(event.outcome())) {
      throw new IllegalArgumentException("the event name or outcome contains a registered secret");
    }
    for (String name : event.fields().keySet()) {
      if (AuditEvents.isBodyFieldName(name)) {
        throw new IllegalArgumentException("field " + name + " would hold a request body; audit its size or digest instead");
      }
      if (screen.holdsSecret(name)) {
        throw new IllegalArgumentException("a field name of event " + event.event() + " contains a registered secret");
      }
    }
    JsonLines.Body body = JsonLines.body(event, screen, wantRecord);
    if (body.middleLength() + JsonLines.OVERHEAD > options.maxLineBytes()) {
      throw new IllegalArgumentException("event " + event.event() + " would take " + (body.middleLength() + JsonLines.OVERHEAD)
          + " bytes, more than the " + options.maxLineBytes() + "-byte line limit");
    }
    Pending p = new Pending(body, wantRecord);
    queue.add(p);
    // spin briefly before blocking: the section is short, and another thread's batch may write this line
    int spins = 0;
    while (!lock.jvm.tryLock()) {
      if (p.done && intervalNanos == 0) {
        return finish(p);
      }
      if (++spins > SPINS) {
        lock.jvm.lock();
        break;
      }
      Thread.onSpinWait();
    }
    try {
      if (!p.done) {
        writeQueued();
      }
      if (p.failure == null && intervalNanos > 0) {
        awaitSync(p);
      }
    } finally {
      lock.jvm.unlock();
    }
    return finish(p);
  }

  private static Pending finish(Pending p) {
    if (p.failure != null) {
      RuntimeException f = p.failure;
      if (f instanceof UncheckedIOException u) {
        throw new UncheckedIOException(u.getMessage(), u.getCause());
      }
      if (f instanceof IllegalStateException) {
        throw new IllegalStateException(f.getMessage(), f);
      }
      throw f;
    }
    return p;
  }

  /** Writes every queued append in one batch (the caller holds the JVM lock). */
  private void writeQueued() {
    List<Pending> batch = new ArrayList<>();
    for (Pending q; (q = queue.poll()) != null; ) {
      batch.add(q);
    }
    if (batch.isEmpty()) {
      return;
    }
    if (closed) {
      for (Pending q : batch) {
        q.failure = new IllegalStateException("the audit sink is closed");
        q.done = true;
      }
      return;
    }
    long batchNo = ++batches;
    int written = 0;
    try (DirectoryLock.Held held = lock.lock(options.lockTimeout())) {
      ensureInSync(batchNo);
      JsonLines.Bytes out = buffer;
      out.size = 0;
      int inBuffer = 0;
      if (pendingStart != null) {
        appendStart(out);
      }
      for (Pending p : batch) {
        p.batch = batchNo;
        Instant now = options.time().now();
        int tsLength = stamp(now);
        int length = JsonLines.lineLength(tsLength, nextSeq, p.body.middleLength());
        if (fileHasEvent && expectedSize + out.size + length > options.maxBytes()) {
          if (out.size > 0) {
            writeFully(out);
          }
          written += inBuffer;
          inBuffer = 0;
          rotate(batchNo);
          appendStart(out);
          tsLength = stamp(now);
        }
        int from = out.size;
        if (p.wantRecord) {
          p.prev = new String(prevHash, StandardCharsets.US_ASCII);
        }
        JsonLines.line(out, tsBytes, tsLength, nextSeq, p.body.json(), prevHash);
        JsonLines.sha256Into(sha, out.array, from, out.size - from - 1, prevHash);
        p.seq = nextSeq++;
        if (p.wantRecord) {
          p.at = Instant.ofEpochMilli(now.toEpochMilli());
          p.sha256 = new String(prevHash, StandardCharsets.US_ASCII);
          p.json = new String(out.array, from, out.size - from - 1, StandardCharsets.US_ASCII);
        }
        fileHasEvent = true;
        inBuffer++;
      }
      writeFully(out);
      written += inBuffer;
      if (perEvent) {
        forceChannel(batchNo);
      } else if (intervalNanos > 0) {
        long now = options.time().nanoTime();
        if (!everSynced || now - lastSyncNanos >= intervalNanos) {
          forceChannel(batchNo);
        }
      }
    } catch (IOException | RuntimeException e) {
      expectedSize = -1; // the file's state is unknown now: re-read it before the next append
      RuntimeException failure = e instanceof IOException io
          ? new UncheckedIOException("the audit line could not be recorded: " + io.getMessage(), io)
          : (RuntimeException) e;
      LOG.log(System.Logger.Level.ERROR, "audit: " + batch.size() + " event(s) not recorded: " + e);
      for (int i = 0; i < batch.size(); i++) {
        // a written line is recorded under flush-per-event; under fsync policies only a forced one is
        if (i >= written || forcing) {
          batch.get(i).failure = failure;
        }
      }
    } finally {
      for (Pending p : batch) {
        p.done = true;
      }
    }
  }

  /** Waits (releasing the JVM lock) until a device flush covers {@code p}, doing it once it is due. */
  private void awaitSync(Pending p) {
    while (syncedThrough < p.batch) {
      if (syncFailedThrough >= p.batch) {
        p.failure = new UncheckedIOException("the audit file could not be forced to the device", syncFailure);
        return;
      }
      long left = intervalNanos - (options.time().nanoTime() - lastSyncNanos);
      if (left <= 0 || closed) {
        try {
          forceChannel(batches);
        } catch (IOException e) {
          syncFailure = e;
          syncFailedThrough = batches;
          syncSignal.signalAll();
        }
        continue;
      }
      try {
        syncSignal.awaitNanos(Math.min(left, WAIT_SLICE_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("interrupted while waiting for the audit line to be forced");
        p.failure = new UncheckedIOException(io.getMessage(), io);
        return;
      }
    }
  }

  /** Forces the open file; every batch up to {@code through} is then durable. */
  private void forceChannel(long through) throws IOException {
    if (dirty) {
      if (channel == null || !channel.isOpen()) {
        throw new IOException("the audit file was closed before its lines could be forced");
      }
      channel.force(false);
    }
    dirty = false;
    syncedThrough = Math.max(syncedThrough, through);
    lastSyncNanos = options.time().nanoTime();
    everSynced = true;
    syncSignal.signalAll();
  }

  private void writeFully(JsonLines.Bytes out) throws IOException {
    ByteBuffer b;
    if (out.size <= direct.capacity()) {
      // a direct buffer of our own: the channel would otherwise copy into a temporary one per write
      b = direct;
      b.clear();
      b.put(out.array, 0, out.size);
      b.flip();
    } else {
      b = ByteBuffer.wrap(out.array, 0, out.size);
    }
    dirty = true;
    while (b.hasRemaining()) {
      channel.write(b);
    }
    expectedSize += out.size;
    out.size = 0;
    lock.lastWriter = this;
    syncEpoch = lock.epoch();
  }

  private void setPrev(String hex) {
    byte[] b = hex.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, prevHash, 0, 64);
  }

  /** Writes {@code now} as RFC 3339 UTC with milliseconds into {@link #tsBytes}; returns the length. */
  private int stamp(Instant now) {
    long ms = now.toEpochMilli();
    long second = Math.floorDiv(ms, 1000);
    if (second != cachedSecond) {
      String full = JsonLines.timestamp(Instant.ofEpochSecond(second));
      cachedPrefix = full.substring(0, full.length() - 4).getBytes(StandardCharsets.US_ASCII);
      cachedSecond = second;
    }
    int n = cachedPrefix.length;
    System.arraycopy(cachedPrefix, 0, tsBytes, 0, n);
    int milli = (int) Math.floorMod(ms, 1000);
    tsBytes[n] = (byte) ('0' + milli / 100);
    tsBytes[n + 1] = (byte) ('0' + milli / 10 % 10);
    tsBytes[n + 2] = (byte) ('0' + milli % 10);
    tsBytes[n + 3] = 'Z';
    return n + 4;
  }

  private void appendStart(JsonLines.Bytes out) {
    Start s = pendingStart;
    pendingStart = null;
    AuditEvent.Builder b = AuditEvent.builder(s.event()).actor(AuditActor.SYSTEM).outcome("ok");
    if (!s.reason().isEmpty()) {
      b.field("reason", s.reason());
    }
    if (s.tornBytes() > 0) {
      b.field("torn_bytes", s.tornBytes());
    }
    b.field("version", (long) JsonLines.FORMAT_VERSION);
    JsonLines.Body body = JsonLines.body(b.build(), SecretScreen.NONE, false);
    int tsLength = stamp(options.time().now());
    int from = out.size;
    JsonLines.line(out, tsBytes, tsLength, nextSeq, body.json(), prevHash);
    JsonLines.sha256Into(sha, out.array, from, out.size - from - 1, prevHash);
    nextSeq++;
  }

  /**
   * Makes sure {@code audit.jsonl} is the file this sink wrote last, with the size it left: cheap (one
   * {@code stat}) when nothing changed; otherwise re-reads the tail.
   */
  private void ensureInSync(long batchNo) throws IOException {
    if (channel != null && expectedSize >= 0 && lock.lastWriter == this && lock.epoch() == syncEpoch && channel.isOpen()) {
      return; // this sink wrote last and the file lock was never released since: nobody else can have written
    }
    BasicFileAttributes a = attributes(live);
    if (channel != null && channel.isOpen() && expectedSize >= 0 && a != null && a.isRegularFile()
        && Objects.equals(a.fileKey(), channelKey) && a.size() == expectedSize) {
      lock.lastWriter = this;
      syncEpoch = lock.epoch();
      return;
    }
    resync(a, batchNo);
    lock.lastWriter = this;
    syncEpoch = lock.epoch();
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void resync(BasicFileAttributes a, long batchNo) throws IOException {
    closeChannel(batchNo);
    if (a != null && !a.isRegularFile()) {
      throw new IOException(live + " is not a regular file");
    }
    channel = SecureFiles.openPrivateFile(live, StandardOpenOption.APPEND);
    BasicFileAttributes now = attributes(live);
    channelKey = now == null ? null : now.fileKey();
    if (a == null && forcing) {
      SecureFiles.syncDirectory(dir);
    }
    long size = channel.size();
    long tornBytes = 0;
    pendingStart = null;
    if (size > 0) {
      // an append-only channel cannot read: read the tail through a second descriptor of the same file
      try (FileChannel reader = FileChannel.open(live, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        LogFiles.Backward back = new LogFiles.Backward(reader, size);
        LogFiles.Line last = back.previous();
        if (!last.terminated()) {
          tornBytes = size - last.offset();
          channel.truncate(last.offset());
          dirty = true;
          size = last.offset();
          LOG.log(System.Logger.Level.WARNING, "audit: removed a torn final line (" + tornBytes + " bytes) from " + live
              + " - a write was cut short, probably by a crash; an audit.chain.restart record follows");
          last = back.previous();
        }
        expectedSize = size;
        fileHasEvent = size > 0;
        if (last != null) {
          continueAfter(last, back, tornBytes, false);
          return;
        }
      }
    }
    expectedSize = size;
    fileHasEvent = size > 0;
    // an empty live file: continue from the newest rotated file
    for (int index : LogFiles.rotatedIndices(dir)) {
      Path older = dir.resolve(LogFiles.rotatedName(index));
      try (FileChannel ch = FileChannel.open(older, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        long s = ch.size();
        if (s == 0) {
          continue;
        }
        LogFiles.Backward b = new LogFiles.Backward(ch, s);
        continueAfter(b.previous(), b, tornBytes, true);
        return;
      }
    }
    setPrev(JsonLines.ZERO_HASH);
    nextSeq = 1;
    pendingStart = tornBytes > 0
        ? new Start(AuditEvents.AUDIT_CHAIN_RESTART, "torn-tail", tornBytes)
        : new Start(AuditEvents.AUDIT_CHAIN_START, "new-log", 0);
  }

  /** Sets {@code seq}, {@code prev} and the start record that must follow {@code last}. */
  private void continueAfter(LogFiles.Line last, LogFiles.Backward back, long tornBytes, boolean newFile) throws IOException {
    boolean complete = last.terminated() && !last.oversized();
    String lastHash = last.oversized() ? JsonLines.ZERO_HASH : JsonLines.sha256Hex(sha, last.bytes(), 0, last.length());
    setPrev(lastHash);
    JsonLines.Parsed parsed = complete ? JsonLines.parse(last.bytes(), last.length(), lastHash) : JsonLines.Parsed.bad("torn");
    if (parsed.record().isPresent()) {
      nextSeq = parsed.record().get().seq() + 1;
      if (tornBytes > 0) {
        pendingStart = new Start(AuditEvents.AUDIT_CHAIN_RESTART, "torn-tail", tornBytes);
      } else if (newFile) {
        pendingStart = new Start(AuditEvents.AUDIT_FILE_START, "", 0);
      }
      return;
    }
    LOG.log(System.Logger.Level.WARNING, "audit: the last line before the next append is not a valid record ("
        + parsed.problem() + "); the log continues with an audit.chain.restart record and verify will report it");
    nextSeq = lastValidSeq(back) + 1;
    pendingStart = new Start(AuditEvents.AUDIT_CHAIN_RESTART, tornBytes > 0 || !last.terminated() ? "torn-tail" : "malformed-tail",
        tornBytes);
  }

  private long lastValidSeq(LogFiles.Backward back) throws IOException {
    for (int i = 0; i < 1000; i++) {
      LogFiles.Line l = back.previous();
      if (l == null) {
        break;
      }
      if (l.oversized()) {
        continue;
      }
      Optional<AuditRecord> r = JsonLines.parse(l.bytes(), l.length(), "").record();
      if (r.isPresent()) {
        return r.get().seq();
      }
    }
    return 0;
  }

  /** Renames the files one step older and opens a fresh {@code audit.jsonl} (the caller holds both locks). */
  private void rotate(long batchNo) throws IOException {
    closeChannel(batchNo);
    List<Integer> indices = LogFiles.rotatedIndices(dir);
    int maxFiles = options.maxFiles();
    for (int k = indices.size() - 1; k >= 0; k--) {
      int i = indices.get(k);
      Path from = dir.resolve(LogFiles.rotatedName(i));
      if (i + 1 >= maxFiles) {
        Files.deleteIfExists(from);
      } else {
        Files.move(from, dir.resolve(LogFiles.rotatedName(i + 1)), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    if (maxFiles >= 2) {
      Files.move(live, dir.resolve(LogFiles.rotatedName(1)), StandardCopyOption.ATOMIC_MOVE);
    } else {
      Files.delete(live);
    }
    channel = SecureFiles.openPrivateFile(live, StandardOpenOption.APPEND);
    BasicFileAttributes now = attributes(live);
    channelKey = now == null ? null : now.fileKey();
    if (forcing) {
      SecureFiles.syncDirectory(dir);
    }
    expectedSize = 0;
    fileHasEvent = false;
    pendingStart = new Start(AuditEvents.AUDIT_FILE_START, "", 0);
  }

  /** Closes the open file, forcing it first under an fsync policy if it holds unforced lines. */
  private void closeChannel(long batchNo) throws IOException {
    if (channel == null) {
      return;
    }
    FileChannel ch = channel;
    channel = null;
    channelKey = null;
    try {
      if (forcing && dirty) {
        if (!ch.isOpen()) {
          throw new IOException("the audit file was closed before its lines could be forced");
        }
        ch.force(false);
        dirty = false;
        syncedThrough = Math.max(syncedThrough, batchNo - 1);
        syncSignal.signalAll();
      }
    } catch (IOException e) {
      // lines of earlier batches may not be durable: their waiting appends fail
      dirty = false;
      syncFailure = e;
      syncFailedThrough = Math.max(syncFailedThrough, batchNo - 1);
      syncSignal.signalAll();
      throw e;
    } finally {
      ch.close();
    }
  }

  /**
   * Forces what was written (under an fsync policy), closes the file and releases the lock file; later
   * appends throw {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    lock.jvm.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (Pending q; (q = queue.poll()) != null; ) {
        q.failure = new IllegalStateException("the audit sink is closed");
        q.done = true;
      }
      if (channel != null) {
        try {
          if (forcing && dirty) {
            forceChannel(batches);
          }
        } catch (IOException e) {
          syncFailure = e;
          syncFailedThrough = batches;
          LOG.log(System.Logger.Level.ERROR, "audit: could not force " + live + " while closing: " + e);
        } finally {
          try {
            channel.close();
          } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "audit: closing " + live + ": " + e);
          }
          channel = null;
        }
      }
      syncSignal.signalAll();
    } finally {
      lock.jvm.unlock();
    }
    lock.release();
  }

  @Override
  public String toString() {
    return "JsonlAuditSink[" + dir + ", " + options + "]";
  }
}
