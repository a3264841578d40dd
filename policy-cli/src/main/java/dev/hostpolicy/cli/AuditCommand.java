package dev.hostpolicy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.core.audit.AuditAnchor;
import dev.hostpolicy.core.audit.AuditDurability;
import dev.hostpolicy.core.audit.AuditLineIssue;
import dev.hostpolicy.core.audit.AuditLog;
import dev.hostpolicy.core.audit.AuditOptions;
import dev.hostpolicy.core.audit.AuditQuery;
import dev.hostpolicy.core.audit.AuditRecord;
import dev.hostpolicy.core.audit.AuditRecords;
import dev.hostpolicy.core.audit.AuditVerification;
import dev.hostpolicy.core.audit.JsonlAuditSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hostpolicy audit append|tail|query|verify --dir D}: write, read and check the JSONL audit log
 * in {@code D/audit} — {@code D} is the host's <em>data directory</em>, as for the library's
 * {@code JsonlAuditSink.open(dataDir, …)} and {@code run --data-dir}.
 *
 * <ul>
 *   <li>{@code append --event E --actor A [--field k=v]… [--outcome O] [--cid C]}: appends one event
 *       (field values are strings) and prints nothing, or with {@code --json} the line as stored. A
 *       refused event — a credential-bearing or body field name, a malformed name — exits 2 with the
 *       reason. {@code --durability fsync} forces the line to the device before exiting;
 *       {@code --max-bytes}/{@code --max-files} set the rotation (default 10 MiB, 10 files).
 *   <li>{@code tail [-n N]} and {@code query [--since T] [--until T] [--event E]… [--actor A] [--cid C]
 *       [--limit N]}: one line per record — {@code ts #seq event actor outcome [cid=…] k=v…} with
 *       control characters escaped — or with {@code --json} the stored lines exactly. Skipped lines (a
 *       torn final line, a malformed line) are reported on stderr.
 *   <li>{@code verify [--anchor SEQ:SHA256]}: checks the hash chain; prints {@code allowed: N record(s)
 *       …, head SEQ:SHA256} and exits 0 when intact, or {@code denied audit.chain-broken: FILE:LINE: …}
 *       and exits 3 on tampering ({@code audit.malformed-line}, {@code audit.anchor-mismatch} likewise).
 *       A torn final line alone — a write cut short by a crash, removed by the next append — exits 0
 *       with {@code allowed audit.torn-tail: …} and a warning on stderr. {@code --json} prints
 *       {@code {"allowed":…,"reason":…,"detail":…,"records":…,"files":…,"first":…,"head":…,"at":…}}.
 * </ul>
 *
 * <p>A missing {@code D/audit} exits 2 (and says so when {@code D} itself holds {@code audit.jsonl}).
 *
 * <pre>{@code
 * $ hostpolicy audit append --dir ~/.infloop --event trigger.create --actor api-token --field trigger=deploy
 * $ hostpolicy audit query --dir ~/.infloop --event 'auth.*' --since 2026-01-01T00:00:00Z
 * $ hostpolicy audit verify --dir ~/.infloop
 * allowed: 1234 record(s) in 3 file(s); seq 1 to 1234, head 1234:9f86d081...
 * }</pre>
 */
@Command(
    name = "audit",
    description = "Write, read and check the audit log in DIR/audit (DIR is the data directory).",
    subcommands = {AuditCommand.Append.class, AuditCommand.Tail.class, AuditCommand.Query.class, AuditCommand.Verify.class})
public final class AuditCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: append, tail, query or verify");
  }

  /** The option every subcommand has. */
  abstract static class Common {
    final CliContext context;

    @Option(names = "--dir", paramLabel = "D", required = true, description = "the data directory; the log is in D/audit")
    Path dir;

    Common(CliContext context) {
      this.context = context;
    }

    /** The log to read: D/audit, which must exist. */
    AuditLog existingLog() {
      Path auditDir = dir.resolve(JsonlAuditSink.DIRECTORY_NAME);
      if (!Files.isDirectory(auditDir)) {
        throw new UsageException(missing());
      }
      return AuditLog.at(dir);
    }

    String missing() {
      String shown = SafeText.clean(dir.toString(), 200);
      if (Files.exists(dir.resolve(JsonlAuditSink.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
        return "no audit log in " + shown + "/audit, but " + shown + " holds audit.jsonl: --dir is the data directory, "
            + "pass the parent of the audit directory";
      }
      return "no audit log in " + shown + "/audit (--dir is the data directory)";
    }

    static AuditActor actor(String wire) {
      for (AuditActor a : AuditActor.values()) {
        if (a.wireName().equals(wire)) {
          return a;
        }
      }
      throw new UsageException("--actor must be one of api-token, browser-session, webhook, system, open: " + SafeText.clean(wire, 40));
    }

    void warn(List<AuditLineIssue> issues) {
      for (AuditLineIssue i : issues) {
        context.err().println("hostpolicy: warning: " + SafeText.clean(i.toString(), 400));
      }
    }

    void print(List<AuditRecord> records, boolean json) {
      PrintStream out = context.out();
      for (AuditRecord r : records) {
        out.println(json ? r.json() : text(r));
      }
    }
  }

  /** The text form of a record: {@code ts #seq event actor outcome [cid=…] k=v …}, controls escaped. */
  static String text(AuditRecord r) {
    StringBuilder sb = new StringBuilder();
    sb.append(JsonTime.format(r.ts())).append(" #").append(r.seq()).append(' ').append(r.event()).append(' ')
        .append(r.actor().wireName()).append(' ').append(SafeText.clean(r.outcome(), 40));
    r.cid().ifPresent(c -> sb.append(" cid=").append(SafeText.clean(c, 80)));
    for (Map.Entry<String, Object> f : r.fields().entrySet()) {
      sb.append(' ').append(SafeText.clean(f.getKey(), 64)).append('=').append(SafeText.clean(String.valueOf(f.getValue()), 300));
    }
    return sb.toString();
  }

  /** RFC 3339 with milliseconds, as stored. */
  private static final class JsonTime {
    private static final java.time.format.DateTimeFormatter F =
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    static String format(Instant t) {
      return F.format(t);
    }
  }

  /** {@code audit append}. */
  @Command(name = "append", description = "Append one event to DIR/audit/audit.jsonl (field values are strings).")
  public static final class Append extends Common implements Callable<Integer> {

    @Option(names = "--event", paramLabel = "E", required = true, description = "event name, e.g. trigger.create")
    String event;

    @Option(names = "--actor", paramLabel = "A", required = true, description = "api-token, browser-session, webhook, system or open")
    String actor;

    @Option(names = "--field", paramLabel = "k=v", description = "a string field (repeatable)")
    List<String> fields = new ArrayList<>();

    @Option(names = "--outcome", paramLabel = "O", description = "outcome word (default: ok)")
    String outcome = "ok";

    @Option(names = "--cid", paramLabel = "C", description = "correlation id")
    String cid;

    @Option(names = "--durability", paramLabel = "flush|fsync", description = "flush (default) or fsync before exiting")
    String durability = "flush";

    @Option(names = "--max-bytes", paramLabel = "N", description = "rotation size (default 10485760)")
    long maxBytes = AuditOptions.DEFAULT_MAX_BYTES;

    @Option(names = "--max-files", paramLabel = "N",
        description = "files kept, audit.jsonl included (default 10, or as many as the log already keeps: "
            + "an append never deletes rotated files the host that owns the log retains)")
    Long maxFiles;

    @Option(names = "--json", description = "print the line as stored")
    boolean json;

    /**
     * The default number of files to keep: 10, or enough that a rotation by this append deletes none of
     * the files the log has now (its owner may keep more, {@code AUDIT_MAX_FILES}; pruning is its job).
     */
    static long retainedFiles(Path dataDir) {
      long keep = AuditOptions.DEFAULT_MAX_FILES;
      Path audit = dataDir.resolve(JsonlAuditSink.DIRECTORY_NAME);
      if (!Files.isDirectory(audit, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return keep;
      }
      java.util.regex.Pattern rotated = java.util.regex.Pattern.compile("audit\\.([1-9][0-9]{0,3})\\.jsonl");
      try (java.util.stream.Stream<Path> files = Files.list(audit)) {
        long highest = files.map(f -> rotated.matcher(f.getFileName().toString()))
            .filter(java.util.regex.Matcher::matches)
            .mapToLong(m -> Long.parseLong(m.group(1)))
            .max().orElse(0);
        // the files there are now (live + highest) plus the one a rotation adds: nothing is deleted
        keep = Math.max(keep, Math.min(highest + 2, AuditOptions.MAX_FILES_LIMIT));
      } catch (java.io.IOException e) {
        // unreadable: the sink's own checks report it when it opens the log
      }
      return keep;
    }

    /** Created by the CLI's factory. */
    public Append(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() throws IOException {
      AuditEvent e;
      AuditOptions options;
      try {
        AuditEvent.Builder b = AuditEvent.builder(event).actor(actor(actor)).outcome(outcome);
        if (cid != null) {
          b.correlationId(cid);
        }
        for (String f : fields) {
          int eq = f.indexOf('=');
          if (eq <= 0) {
            throw new UsageException("--field must be NAME=VALUE: " + SafeText.clean(f.length() > 40 ? f.substring(0, 40) : f, 60));
          }
          b.field(f.substring(0, eq), f.substring(eq + 1));
        }
        e = b.build();
        AuditDurability d = switch (durability) {
          case "flush" -> AuditDurability.flushPerEvent();
          case "fsync" -> AuditDurability.fsyncPerEvent();
          default -> throw new UsageException("--durability must be flush or fsync");
        };
        options = AuditOptions.builder().maxBytes(maxBytes).maxFiles(maxFiles != null ? maxFiles : retainedFiles(dir)).durability(d).build();
      } catch (IllegalArgumentException refused) {
        throw new UsageException("refused: " + SafeText.clean(refused.getMessage(), 300));
      }
      try (JsonlAuditSink sink = JsonlAuditSink.open(dir, options)) {
        AuditRecord r;
        try {
          r = sink.record(e);
        } catch (IllegalArgumentException refused) {
          throw new UsageException("refused: " + SafeText.clean(refused.getMessage(), 300));
        }
        if (json) {
          context.out().println(r.json());
        }
      }
      return ExitCodes.OK;
    }
  }

  /** {@code audit tail}. */
  @Command(name = "tail", description = "Print the newest records (default 10).")
  public static final class Tail extends Common implements Callable<Integer> {

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "how many (default 10)")
    int lines = 10;

    @Option(names = "--json", description = "print the stored lines exactly")
    boolean json;

    /** Created by the CLI's factory. */
    public Tail(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() throws IOException {
      if (lines < 0) {
        throw new UsageException("-n must not be negative");
      }
      try (AuditRecords r = existingLog().tail(lines)) {
        print(r.toList(), json);
        warn(r.issues());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code audit query}. */
  @Command(name = "query", description = "Print the records that match, oldest first.")
  public static final class Query extends Common implements Callable<Integer> {

    @Option(names = "--since", paramLabel = "T", description = "at or after this time (RFC 3339, e.g. 2026-01-01T00:00:00Z)")
    String since;

    @Option(names = "--until", paramLabel = "T", description = "before this time")
    String until;

    @Option(names = "--event", paramLabel = "E", description = "event name or prefix like auth.* (repeatable)")
    List<String> events = new ArrayList<>();

    @Option(names = "--actor", paramLabel = "A", description = "api-token, browser-session, webhook, system or open")
    String actor;

    @Option(names = "--cid", paramLabel = "C", description = "correlation id")
    String cid;

    @Option(names = "--limit", paramLabel = "N", description = "at most N records")
    Long limit;

    @Option(names = "--include-sink-records", description = "also the log's own audit.* records")
    boolean sinkRecords;

    @Option(names = "--json", description = "print the stored lines exactly")
    boolean json;

    /** Created by the CLI's factory. */
    public Query(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() throws IOException {
      AuditQuery.Builder q = AuditQuery.builder().includeSinkRecords(sinkRecords);
      try {
        if (since != null) {
          q.since(instant("--since", since));
        }
        if (until != null) {
          q.until(instant("--until", until));
        }
        events.forEach(q::event);
        if (actor != null) {
          q.actor(actor(actor));
        }
        if (cid != null) {
          q.cid(cid);
        }
        if (limit != null) {
          q.limit(limit);
        }
      } catch (IllegalArgumentException e) {
        throw new UsageException(SafeText.clean(e.getMessage(), 200));
      }
      AuditQuery query;
      try {
        query = q.build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(SafeText.clean(e.getMessage(), 200));
      }
      try (AuditRecords r = existingLog().query(query)) {
        for (AuditRecord rec : r) {
          context.out().println(json ? rec.json() : text(rec));
        }
        warn(r.issues());
      }
      return ExitCodes.OK;
    }

    private static Instant instant(String option, String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new UsageException(option + " must be an RFC 3339 UTC time like 2026-01-01T00:00:00Z: " + SafeText.clean(text, 40));
      }
    }
  }

  /** {@code audit verify}. */
  @Command(name = "verify", description = "Check the hash chain: exit 0 intact (a torn final line only warns), 3 tampered.")
  public static final class Verify extends Common implements Callable<Integer> {

    @Option(names = "--anchor", paramLabel = "SEQ:SHA256", description = "a line kept elsewhere that must still be in the log unchanged")
    String anchor;

    @Option(names = "--json", description = "print {\"allowed\":…,\"reason\":…,\"detail\":…,…}")
    boolean json;

    /** Created by the CLI's factory. */
    public Verify(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() throws IOException {
      AuditAnchor a = null;
      if (anchor != null) {
        try {
          a = AuditAnchor.parse(anchor);
        } catch (IllegalArgumentException e) {
          throw new UsageException("--anchor: " + e.getMessage());
        }
      }
      AuditLog log = existingLog();
      AuditVerification v = a == null ? log.verify() : log.verify(a);
      Decision d = v.decision();
      if (json) {
        ObjectNode n = DecisionJson.of(d);
        n.put("records", v.records());
        n.put("files", v.files());
        if (v.first().isPresent()) {
          n.put("first", v.first().get().toString());
        } else {
          n.putNull("first");
        }
        if (v.head().isPresent()) {
          n.put("head", v.head().get().toString());
        } else {
          n.putNull("head");
        }
        if (v.problem().isPresent() && !v.problem().get().where().isEmpty()) {
          n.put("at", v.problem().get().where());
        } else {
          n.putNull("at");
        }
        context.out().println(DecisionJson.write(n));
      } else {
        context.out().println(DecisionJson.text(d));
      }
      if (d.allowed() && !d.reason().equals(Decision.ALLOWED) && !d.reason().equals(AuditLog.EMPTY)) {
        context.err().println("hostpolicy: warning: " + d.reason() + ": " + d.detail());
      } else if (d.denied()) {
        context.err().println("hostpolicy: denied: " + d.reason() + ": " + d.detail());
      }
      return d.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
    }
  }
}
