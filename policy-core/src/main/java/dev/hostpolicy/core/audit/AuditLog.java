package dev.hostpolicy.core.audit;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.spi.AuditEvents;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads and checks an audit log written by {@link JsonlAuditSink}: {@link #query} streams the records
 * of every retained file in order (oldest first), {@link #tail} returns the newest ones, and
 * {@link #verify()} checks the hash chain.
 *
 * <p>A reader takes a snapshot of the files under the log's lock (briefly: it never blocks writers
 * while it reads) and reads up to the sizes it saw; a file renamed by a later rotation is followed by
 * its identity. A final line without a line break — a write cut short by a crash, which the next
 * append removes — is skipped and reported ({@value #TORN_TAIL}); so is a line that is not a valid
 * record ({@value #MALFORMED_LINE}). A reader never creates or changes a file; a copy of a log without
 * a writable {@code audit.lock} is read without locking.
 *
 * <h2>What verify proves, and what it cannot</h2>
 *
 * Every line carries the SHA-256 of the line before it ({@code prev}), across rotated files, every
 * file starts with a start record, and {@code seq} grows by exactly one per line. So editing,
 * deleting, inserting or reordering any retained line is found — except at the very end: removing or
 * rewriting the newest lines leaves a shorter chain that is still consistent. Keep
 * {@link AuditVerification#head()} (or {@link JsonlAuditSink#record}'s {@link AuditRecord#anchor()})
 * somewhere else and pass it to {@link #verify(AuditAnchor)} to catch that. The chain is not keyed:
 * anyone who can write the files (the host's user, root) can rewrite the whole retained chain
 * consistently, and deleting the oldest files looks like rotation. It is evidence against accidents,
 * partial edits and careless tampering, not against a determined local attacker; ship lines to
 * another machine for that.
 *
 * <pre>{@code
 * AuditLog log = AuditLog.at(dataDir);                       // dataDir/audit
 * try (AuditRecords r = log.query(AuditQuery.builder().event("webhook.rejected").limit(50).build())) {
 *   r.forEach(rec -> out.println(rec.ts() + " " + rec.fields().get("trigger")));
 * }
 * AuditVerification v = log.verify();
 * }</pre>
 */
public final class AuditLog {

  /** The final line is incomplete (skipped; verify still allows). */
  public static final String TORN_TAIL = "audit.torn-tail";

  /** A complete line that is not a valid record. */
  public static final String MALFORMED_LINE = "audit.malformed-line";

  /** The chain does not hold: a line was edited, deleted, inserted or moved, or a file was. */
  public static final String CHAIN_BROKEN = "audit.chain-broken";

  /** The log does not hold the anchored line unchanged: the newest lines were removed or rewritten. */
  public static final String ANCHOR_MISMATCH = "audit.anchor-mismatch";

  /** The anchored line is older than every retained line, so it cannot be checked (allowed). */
  public static final String ANCHOR_ROTATED = "audit.anchor-rotated";

  /** There is no audit line at all (allowed). */
  public static final String EMPTY = "audit.empty";

  /** A file of the snapshot was deleted by a rotation before it was read (its lines were skipped). */
  public static final String ROTATED_AWAY = "audit.rotated-away";

  private static final Duration SNAPSHOT_LOCK_TIMEOUT = Duration.ofSeconds(10);

  private final Path dir;

  private AuditLog(Path dir) {
    this.dir = dir;
  }

  /** The log in {@code dataDir/audit}. */
  public static AuditLog at(Path dataDir) {
    return new AuditLog(Objects.requireNonNull(dataDir, "dataDir").resolve(JsonlAuditSink.DIRECTORY_NAME).toAbsolutePath());
  }

  /** The log in {@code auditDir} itself (the directory holding {@code audit.jsonl}). */
  public static AuditLog inDirectory(Path auditDir) {
    return new AuditLog(Objects.requireNonNull(auditDir, "auditDir").toAbsolutePath());
  }

  /** The audit directory. */
  public Path directory() {
    return dir;
  }

  /** Whether the audit directory exists. */
  public boolean exists() {
    return Files.isDirectory(dir);
  }

  /** The names of the retained files, oldest first. */
  public List<String> files() throws IOException {
    List<String> out = new ArrayList<>();
    for (Entry e : snapshot()) {
      out.add(e.name());
    }
    return out;
  }

  // ---------------------------------------------------------------- snapshot

  private record Entry(String name, Object key, long size) {}

  private List<Entry> snapshot() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no audit directory");
    }
    Optional<DirectoryLock> lock = DirectoryLock.acquireExisting(dir);
    try {
      DirectoryLock.Held held = lock.isPresent() ? lock.get().lock(SNAPSHOT_LOCK_TIMEOUT) : null;
      try {
        List<Entry> out = new ArrayList<>();
        for (String name : LogFiles.oldestFirst(dir)) {
          BasicFileAttributes a;
          try {
            a = Files.readAttributes(dir.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          } catch (NoSuchFileException e) {
            continue;
          }
          if (a.isRegularFile()) {
            out.add(new Entry(name, a.fileKey(), a.size()));
          }
        }
        return out;
      } finally {
        if (held != null) {
          held.close();
        }
      }
    } finally {
      lock.ifPresent(DirectoryLock::release);
    }
  }

  /** Opens the file of {@code e} as it was at the snapshot, following a rename; empty if it was deleted. */
  private Optional<FileChannel> open(Entry e) throws IOException {
    Optional<FileChannel> direct = openIfSame(dir.resolve(e.name()), e.key());
    if (direct.isPresent() || e.key() == null) {
      return direct;
    }
    // renamed by a rotation since the snapshot: find it by its identity, under the lock
    Optional<DirectoryLock> lock = DirectoryLock.acquireExisting(dir);
    try {
      DirectoryLock.Held held = lock.isPresent() ? lock.get().lock(SNAPSHOT_LOCK_TIMEOUT) : null;
      try {
        for (String name : LogFiles.oldestFirst(dir)) {
          Optional<FileChannel> c = openIfSame(dir.resolve(name), e.key());
          if (c.isPresent()) {
            return c;
          }
        }
        return Optional.empty();
      } finally {
        if (held != null) {
          held.close();
        }
      }
    } finally {
      lock.ifPresent(DirectoryLock::release);
    }
  }

  private static Optional<FileChannel> openIfSame(Path p, Object key) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      Object now = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
      if (key == null || key.equals(now)) {
        return Optional.of(ch);
      }
    } catch (NoSuchFileException e) {
      // renamed between open and stat
    }
    ch.close();
    return Optional.empty();
  }

  // ---------------------------------------------------------------- forward scan

  /** A raw line with where it is. */
  private record Item(String file, long number, LogFiles.Line line, boolean firstOfFile, boolean lastOfLog) {}

  /** Every line of the snapshot, oldest first, with one line of look-ahead. */
  private final class Scan implements Closeable {
    private final List<Entry> entries;
    private final List<AuditLineIssue> issues;
    private int index = -1;
    private FileChannel channel;
    private LogFiles.Forward lines;
    private LogFiles.Line ahead;
    private long aheadNumber;
    private boolean firstOfFile;
    private int filesRead;

    Scan(List<Entry> entries, List<AuditLineIssue> issues) {
      this.entries = entries;
      this.issues = issues;
    }

    int filesRead() {
      return filesRead;
    }

    /** The empty rotated files met so far are reported through this. */
    private final List<String> emptyFiles = new ArrayList<>();

    List<String> emptyFiles() {
      return emptyFiles;
    }

    Item next() throws IOException {
      while (ahead == null) {
        if (!advanceFile()) {
          return null;
        }
      }
      LogFiles.Line current = ahead;
      long number = aheadNumber;
      boolean first = firstOfFile;
      firstOfFile = false;
      ahead = lines.next();
      aheadNumber = lines.number();
      boolean lastOfLog = ahead == null && restEmpty();
      return new Item(entries.get(index).name(), number, current, first, lastOfLog);
    }

    private boolean restEmpty() {
      for (int i = index + 1; i < entries.size(); i++) {
        if (entries.get(i).size() > 0) {
          return false;
        }
      }
      return true;
    }

    private boolean advanceFile() throws IOException {
      closeChannel();
      while (++index < entries.size()) {
        Entry e = entries.get(index);
        Optional<FileChannel> c = open(e);
        if (c.isEmpty()) {
          issues.add(new AuditLineIssue(ROTATED_AWAY, e.name(), 0, "the file was deleted by a rotation before it was read"));
          continue;
        }
        filesRead++;
        channel = c.get();
        lines = new LogFiles.Forward(channel, e.size(), LogFiles.READER_MAX_LINE);
        ahead = lines.next();
        aheadNumber = lines.number();
        firstOfFile = true;
        if (ahead == null) {
          if (!e.name().equals(LogFiles.LIVE)) {
            emptyFiles.add(e.name());
          }
          continue;
        }
        return true;
      }
      return false;
    }

    private void closeChannel() throws IOException {
      if (channel != null) {
        channel.close();
        channel = null;
      }
    }

    @Override
    public void close() throws IOException {
      closeChannel();
    }
  }

  // ---------------------------------------------------------------- query

  /**
   * The records {@code query} selects, oldest first, read lazily across the rotated files. A torn final
   * line and malformed lines are skipped and listed in {@link AuditRecords#issues()}.
   *
   * @throws NoSuchFileException if the audit directory does not exist
   */
  public AuditRecords query(AuditQuery query) throws IOException {
    Objects.requireNonNull(query, "query");
    List<AuditLineIssue> issues = new CopyOnWriteArrayList<>();
    Scan scan = new Scan(snapshot(), issues);
    MessageDigest md = JsonLines.sha256();
    Iterator<AuditRecord> it = new Iterator<>() {
      private AuditRecord next;
      private long returned;
      private boolean finished;

      @Override
      public boolean hasNext() {
        if (next != null) {
          return true;
        }
        if (finished) {
          return false;
        }
        if (query.limit().isPresent() && returned >= query.limit().getAsLong()) {
          finish();
          return false;
        }
        try {
          for (Item item; (item = scan.next()) != null; ) {
            Optional<AuditRecord> r = recordOf(item, md, issues);
            if (r.isPresent() && query.matches(r.get())) {
              next = r.get();
              return true;
            }
          }
        } catch (IOException e) {
          finish();
          throw new UncheckedIOException("reading the audit log in " + dir, e);
        }
        finish();
        return false;
      }

      private void finish() {
        finished = true;
        try {
          scan.close();
        } catch (IOException e) {
          // read-only channel
        }
      }

      @Override
      public AuditRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        AuditRecord r = next;
        next = null;
        returned++;
        return r;
      }
    };
    return new AuditRecords(it, scan, issues);
  }

  /** The record of a scanned line, or an issue. */
  private static Optional<AuditRecord> recordOf(Item item, MessageDigest md, List<AuditLineIssue> issues) {
    LogFiles.Line l = item.line();
    if (!l.terminated()) {
      issues.add(item.lastOfLog()
          ? new AuditLineIssue(TORN_TAIL, item.file(), item.number(),
              "the final line is incomplete (" + l.length() + " bytes, no line break): a write cut short by a crash, or in progress; skipped")
          : new AuditLineIssue(MALFORMED_LINE, item.file(), item.number(), "a rotated file ends in an incomplete line; skipped"));
      return Optional.empty();
    }
    if (l.oversized()) {
      issues.add(new AuditLineIssue(MALFORMED_LINE, item.file(), item.number(), "the line is longer than " + LogFiles.READER_MAX_LINE + " bytes; skipped"));
      return Optional.empty();
    }
    JsonLines.Parsed p = JsonLines.parse(l.bytes(), l.length(), JsonLines.sha256Hex(md, l.bytes(), 0, l.length()));
    if (p.record().isEmpty()) {
      issues.add(new AuditLineIssue(MALFORMED_LINE, item.file(), item.number(), p.problem() + "; skipped"));
      return Optional.empty();
    }
    return p.record();
  }

  // ---------------------------------------------------------------- tail

  /** The newest {@code n} host records (the log's own records left out), oldest of them first. */
  public AuditRecords tail(int n) throws IOException {
    return tail(n, AuditQuery.all());
  }

  /**
   * The newest {@code n} records that {@code query} selects (its limit ignored), oldest of them first;
   * reads the files backwards from the end, so it costs little on a long log.
   */
  public AuditRecords tail(int n, AuditQuery query) throws IOException {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative");
    }
    Objects.requireNonNull(query, "query");
    List<Entry> entries = snapshot();
    List<AuditLineIssue> issues = new ArrayList<>();
    Deque<AuditRecord> out = new ArrayDeque<>();
    MessageDigest md = JsonLines.sha256();
    boolean newest = true;
    for (int i = entries.size() - 1; i >= 0 && out.size() < n; i--) {
      Entry e = entries.get(i);
      if (e.size() == 0) {
        continue;
      }
      Optional<FileChannel> c = open(e);
      if (c.isEmpty()) {
        issues.add(new AuditLineIssue(ROTATED_AWAY, e.name(), 0, "the file was deleted by a rotation before it was read"));
        continue;
      }
      try (FileChannel ch = c.get()) {
        LogFiles.Backward back = new LogFiles.Backward(ch, e.size());
        for (LogFiles.Line l; out.size() < n && (l = back.previous()) != null; ) {
          if (!l.terminated()) {
            String kind = newest ? TORN_TAIL : MALFORMED_LINE;
            issues.add(new AuditLineIssue(kind, e.name(), lineNumber(ch, l.offset()),
                "the final line is incomplete (" + l.length() + " bytes, no line break); skipped"));
            newest = false;
            continue;
          }
          newest = false;
          if (l.oversized()) {
            issues.add(new AuditLineIssue(MALFORMED_LINE, e.name(), lineNumber(ch, l.offset()), "the line is too long; skipped"));
            continue;
          }
          JsonLines.Parsed p = JsonLines.parse(l.bytes(), l.length(), JsonLines.sha256Hex(md, l.bytes(), 0, l.length()));
          if (p.record().isEmpty()) {
            issues.add(new AuditLineIssue(MALFORMED_LINE, e.name(), lineNumber(ch, l.offset()), p.problem() + "; skipped"));
          } else if (query.matches(p.record().get())) {
            out.addFirst(p.record().get());
          }
        }
      }
    }
    Collections.reverse(issues);
    return AuditRecords.of(new ArrayList<>(out), issues);
  }

  /** The 1-based number of the line starting at {@code offset}. */
  private static long lineNumber(FileChannel ch, long offset) throws IOException {
    long lines = 1;
    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
    for (long pos = 0; pos < offset; ) {
      b.clear();
      b.limit((int) Math.min(b.capacity(), offset - pos));
      int r = ch.read(b, pos);
      if (r <= 0) {
        break;
      }
      for (int i = 0; i < r; i++) {
        if (b.get(i) == '\n') {
          lines++;
        }
      }
      pos += r;
    }
    return lines;
  }

  // ---------------------------------------------------------------- verify

  /** Checks the chain of every retained line; see the class documentation for what it can and cannot prove. */
  public AuditVerification verify() throws IOException {
    return verify(Optional.empty());
  }

  /**
   * {@link #verify()}, and also that the log still holds {@code anchor}'s line unchanged: denied with
   * {@value #ANCHOR_MISMATCH} if that line is gone or different (the newest lines were cut or
   * rewritten); allowed with {@value #ANCHOR_ROTATED} if it is older than every retained line.
   */
  public AuditVerification verify(AuditAnchor anchor) throws IOException {
    return verify(Optional.of(Objects.requireNonNull(anchor, "anchor")));
  }

  private AuditVerification verify(Optional<AuditAnchor> anchor) throws IOException {
    List<AuditLineIssue> warnings = new ArrayList<>();
    List<Entry> entries = snapshot();
    MessageDigest md = JsonLines.sha256();
    long records = 0;
    AuditAnchor first = null;
    AuditAnchor head = null;
    boolean anchorSeen = false;
    String prevLineHash = null;
    long prevSeq = 0;
    try (Scan scan = new Scan(entries, warnings)) {
      for (Item item; (item = scan.next()) != null; ) {
        if (!scan.emptyFiles().isEmpty()) {
          return denied(CHAIN_BROKEN, new AuditLineIssue(CHAIN_BROKEN, scan.emptyFiles().get(0), 0,
              "a rotated file is empty (its lines were removed)"), records, scan, first, head, warnings);
        }
        LogFiles.Line l = item.line();
        if (!l.terminated()) {
          if (item.lastOfLog()) {
            warnings.add(new AuditLineIssue(TORN_TAIL, item.file(), item.number(),
                "the final line is incomplete (" + l.length() + " bytes, no line break): a write cut short by a crash, "
                    + "or in progress; the next append removes it"));
            break;
          }
          return denied(MALFORMED_LINE, new AuditLineIssue(MALFORMED_LINE, item.file(), item.number(),
              "a rotated file ends in an incomplete line"), records, scan, first, head, warnings);
        }
        if (l.oversized()) {
          return denied(MALFORMED_LINE, new AuditLineIssue(MALFORMED_LINE, item.file(), item.number(), "the line is far too long"),
              records, scan, first, head, warnings);
        }
        String hash = JsonLines.sha256Hex(md, l.bytes(), 0, l.length());
        JsonLines.Parsed p = JsonLines.parse(l.bytes(), l.length(), hash);
        if (p.record().isEmpty()) {
          return denied(MALFORMED_LINE, new AuditLineIssue(MALFORMED_LINE, item.file(), item.number(), p.problem()),
              records, scan, first, head, warnings);
        }
        AuditRecord r = p.record().get();
        String event = r.event();
        boolean chainStart = event.equals(AuditEvents.AUDIT_CHAIN_START);
        boolean restart = event.equals(AuditEvents.AUDIT_CHAIN_RESTART);
        boolean fileStart = event.equals(AuditEvents.AUDIT_FILE_START);
        if (item.firstOfFile() && !(chainStart || restart || fileStart)) {
          return broken(item, "the first line of " + item.file() + " is not a start record (a line was deleted or files were edited)",
              records, scan, first, head, warnings);
        }
        if (fileStart && !item.firstOfFile()) {
          return broken(item, "a file start record in the middle of " + item.file(), records, scan, first, head, warnings);
        }
        if (prevLineHash == null) {
          // the oldest retained line
          boolean origin = r.prev().equals(JsonLines.ZERO_HASH);
          if (chainStart && !origin) {
            return broken(item, "the first record of the log does not start from nothing", records, scan, first, head, warnings);
          }
          if (origin && r.seq() != 1) {
            return broken(item, "the first record of the log has seq " + r.seq() + ", not 1", records, scan, first, head, warnings);
          }
        } else {
          if (chainStart) {
            return broken(item, "a new chain starts in the middle of the log (earlier lines were replaced)", records, scan, first, head, warnings);
          }
          if (!r.prev().equals(prevLineHash)) {
            return broken(item, "prev does not match the line before (a line was edited, deleted, inserted or moved)",
                records, scan, first, head, warnings);
          }
          if (r.seq() != prevSeq + 1) {
            return broken(item, "seq " + r.seq() + " follows seq " + prevSeq, records, scan, first, head, warnings);
          }
        }
        if (anchor.isPresent() && r.seq() == anchor.get().seq()) {
          anchorSeen = true;
          if (!hash.equals(anchor.get().sha256())) {
            return denied(ANCHOR_MISMATCH, new AuditLineIssue(ANCHOR_MISMATCH, item.file(), item.number(),
                "the line with seq " + r.seq() + " is not the anchored one (it was rewritten)"), records, scan, first, head, warnings);
          }
        }
        records++;
        if (first == null) {
          first = new AuditAnchor(r.seq(), hash);
        }
        head = new AuditAnchor(r.seq(), hash);
        prevLineHash = hash;
        prevSeq = r.seq();
      }
      if (!scan.emptyFiles().isEmpty()) {
        return denied(CHAIN_BROKEN, new AuditLineIssue(CHAIN_BROKEN, scan.emptyFiles().get(0), 0,
            "a rotated file is empty (its lines were removed)"), records, scan, first, head, warnings);
      }
      int files = scan.filesRead();
      String summary = records + " record(s) in " + files + " file(s)"
          + (head == null ? "" : "; seq " + first.seq() + " to " + head.seq() + ", head " + head);
      if (anchor.isPresent() && !anchorSeen) {
        AuditAnchor a = anchor.get();
        if (head == null || a.seq() > head.seq()) {
          return denied(ANCHOR_MISMATCH, new AuditLineIssue(ANCHOR_MISMATCH, "", 0, "the log ends " + (head == null ? "empty" : "at seq " + head.seq())
              + ", before the anchored seq " + a.seq() + " (the newest lines were removed)"), records, scan, first, head, warnings);
        }
        return result(Decision.allow(ANCHOR_ROTATED, "the anchored seq " + a.seq() + " is older than every retained line; " + summary),
            records, files, first, head, Optional.empty(), warnings);
      }
      if (!warnings.isEmpty() && warnings.stream().anyMatch(w -> w.reason().equals(TORN_TAIL))) {
        AuditLineIssue torn = warnings.stream().filter(w -> w.reason().equals(TORN_TAIL)).findFirst().orElseThrow();
        return result(Decision.allow(TORN_TAIL, torn.where() + ": " + torn.detail() + "; " + summary), records, files, first, head,
            Optional.empty(), warnings);
      }
      if (records == 0) {
        return result(Decision.allow(EMPTY, "no audit record in " + dir), records, files, first, head, Optional.empty(), warnings);
      }
      return result(Decision.allow(Decision.ALLOWED, summary), records, files, first, head, Optional.empty(), warnings);
    }
  }

  private AuditVerification broken(Item item, String why, long records, Scan scan, AuditAnchor first, AuditAnchor head,
      List<AuditLineIssue> warnings) {
    return denied(CHAIN_BROKEN, new AuditLineIssue(CHAIN_BROKEN, item.file(), item.number(), why), records, scan, first, head, warnings);
  }

  private AuditVerification denied(String reason, AuditLineIssue issue, long records, Scan scan, AuditAnchor first, AuditAnchor head,
      List<AuditLineIssue> warnings) {
    String where = issue.where();
    return result(Decision.deny(reason, (where.isEmpty() ? "" : where + ": ") + issue.detail()), records, scan.filesRead(), first, head,
        Optional.of(issue), warnings);
  }

  private static AuditVerification result(Decision d, long records, int files, AuditAnchor first, AuditAnchor head,
      Optional<AuditLineIssue> problem, List<AuditLineIssue> warnings) {
    return new AuditVerification(d, records, files, Optional.ofNullable(first), Optional.ofNullable(head), problem, warnings);
  }

  @Override
  public String toString() {
    return "AuditLog[" + dir + "]";
  }
}
