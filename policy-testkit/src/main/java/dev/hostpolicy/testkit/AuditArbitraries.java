package dev.hostpolicy.testkit;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditEvents;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators for the audit log: events (catalogue names and others, every actor, correlation ids
 * from a small pool so queries hit, typed fields with hostile text), timed event sequences, queries,
 * ways of smuggling a secret into an event, and single-line tamperings of a written log.
 * {@link PolicyArbitraries} re-exports them.
 *
 * <pre>{@code
 * @Property(tries = 50)
 * void verifyFindsEveryTampering(@ForAll("tamperings") AuditArbitraries.Tampering t) { ... }
 *
 * @Provide
 * Arbitrary<AuditArbitraries.Tampering> tamperings() {
 *   return AuditArbitraries.tamperings();
 * }
 * }</pre>
 */
public final class AuditArbitraries {
  private AuditArbitraries() {}

  /** The correlation ids events draw from (so a query by id finds several). */
  public static final List<String> CORRELATION_IDS = List.of("cid_AAAAAAAAAAAAAAAA", "cid_BBBBBBBBBBBBBBBB", "cid_C-_9zzzzzzzzzzzz");

  /** Where {@link #timedEvents(int)} starts its clock. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static final List<String> FIELD_NAMES =
      List.of("trigger", "reason", "run", "detail", "target", "n", "ok", "names", "cost", "state", "limiter", "workflow", "a.b", "x_y-z");

  private static final List<String> OTHER_EVENTS = List.of("host.custom", "run.step", "auth.login.weird-thing", "webhook");

  /** Event names: the catalogue, and a few a host might add. */
  public static Arbitrary<String> eventNames() {
    return Arbitraries.oneOf(Arbitraries.of(AuditEvents.catalogue()), Arbitraries.of(OTHER_EVENTS));
  }

  /** Short field text: plain words, hostile characters (controls, quotes, bidi, U+2028, non-ASCII), lone surrogates. */
  public static Arbitrary<String> fieldText() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.strings().alpha().numeric().ofMaxLength(12)),
        net.jqwik.api.Tuple.of(3, TextArbitraries.hostileText().filter(s -> s.length() <= 40)),
        net.jqwik.api.Tuple.of(1, TextArbitraries.textWithLoneSurrogate().filter(s -> s.length() <= 40)));
  }

  /** Decimals with assorted scales, including whole numbers and negative scales. */
  public static Arbitrary<BigDecimal> decimals() {
    return Combinators.combine(Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L), Arbitraries.integers().between(-3, 6))
        .as((unscaled, scale) -> new BigDecimal(BigInteger.valueOf(unscaled), scale));
  }

  /** Audit events with 0–5 typed fields. */
  public static Arbitrary<AuditEvent> auditEvents() {
    Arbitrary<Object> value = Arbitraries.oneOf(
        fieldText().map(s -> (Object) s),
        Arbitraries.longs().map(l -> (Object) l),
        decimals().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b),
        fieldText().list().ofMaxSize(4).map(l -> (Object) l));
    Arbitrary<Map<String, Object>> fields = Arbitraries.maps(Arbitraries.of(FIELD_NAMES), value).ofMaxSize(5)
        .map(LinkedHashMap::new);
    Arbitrary<Optional<String>> cid = Arbitraries.of(CORRELATION_IDS).optional(0.6);
    Arbitrary<String> outcome = Arbitraries.of("ok", "denied", "allowed", "failed", "interrupted");
    return Combinators.combine(eventNames(), Arbitraries.of(AuditActor.class), outcome, cid, fields)
        .as((name, actor, out, c, f) -> {
          AuditEvent.Builder b = AuditEvent.builder(name).actor(actor).outcome(out);
          c.ifPresent(b::correlationId);
          f.forEach((k, v) -> put(b, k, v));
          return b.build();
        });
  }

  @SuppressWarnings("unchecked")
  private static void put(AuditEvent.Builder b, String name, Object v) {
    if (v instanceof String s) {
      b.field(name, s);
    } else if (v instanceof Long l) {
      b.field(name, l.longValue());
    } else if (v instanceof BigDecimal d) {
      b.field(name, d);
    } else if (v instanceof Boolean x) {
      b.field(name, x.booleanValue());
    } else {
      b.field(name, (List<String>) v);
    }
  }

  /**
   * An event and how far the clock moves before it is appended.
   *
   * <pre>{@code
   * time.advance(Duration.ofMillis(t.advanceMillis()));
   * sink.append(t.event());
   * }</pre>
   *
   * @param event the event
   * @param advanceMillis milliseconds the clock moves first (0 to 5000; often 0, so several share a time)
   */
  public record Timed(AuditEvent event, long advanceMillis) {}

  /** Sequences of up to {@code maxSize} timed events. */
  public static Arbitrary<List<Timed>> timedEvents(int maxSize) {
    return timedEvents(0, maxSize);
  }

  /** Sequences of {@code minSize} to {@code maxSize} timed events. */
  public static Arbitrary<List<Timed>> timedEvents(int minSize, int maxSize) {
    Arbitrary<Long> advance = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, Arbitraries.just(0L)),
        net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, 999)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1000, 5000)));
    return Combinators.combine(auditEvents(), advance).as(Timed::new).list().ofMinSize(minSize).ofMaxSize(maxSize);
  }

  /**
   * The parts of a query over a log written from {@link #START} by {@link #timedEvents}: since/until
   * as offsets in milliseconds from the start (empty = unbounded), event patterns, an actor, a
   * correlation id, a limit.
   *
   * <pre>{@code
   * AuditQuery q = spec.toQuery();
   * }</pre>
   *
   * @param sinceMillis lower bound (inclusive), if any
   * @param untilMillis upper bound (exclusive), if any
   * @param events names or {@code prefix.*} patterns (empty = all)
   * @param actor the actor, if any
   * @param cid the correlation id, if any
   * @param limit the most results, if any
   */
  public record QuerySpec(Optional<Long> sinceMillis, Optional<Long> untilMillis, List<String> events, Optional<AuditActor> actor,
      Optional<String> cid, Optional<Integer> limit) {

    /** {@link #sinceMillis()} as an instant. */
    public Optional<Instant> since() {
      return sinceMillis.map(START::plusMillis);
    }

    /** {@link #untilMillis()} as an instant. */
    public Optional<Instant> until() {
      return untilMillis.map(START::plusMillis);
    }
  }

  /** Queries over a log spanning at most {@code spanMillis} milliseconds from {@link #START}. */
  public static Arbitrary<QuerySpec> querySpecs(long spanMillis) {
    Arbitrary<Optional<Long>> bound = Arbitraries.longs().between(0, spanMillis + 1000).optional(0.4);
    Arbitrary<String> pattern = Arbitraries.oneOf(eventNames(), Arbitraries.of("auth.*", "run.*", "webhook.*", "auth.login.*", "*", "nope.*"));
    return Combinators.combine(bound, bound, pattern.list().ofMaxSize(3), Arbitraries.of(AuditActor.class).optional(0.3),
            Arbitraries.of(CORRELATION_IDS).optional(0.3), Arbitraries.integers().between(1, 20).optional(0.3))
        .as((a, b, ev, actor, cid, limit) -> {
          Optional<Long> since = a;
          Optional<Long> until = b;
          if (since.isPresent() && until.isPresent() && since.get() >= until.get()) {
            until = Optional.of(since.get() + 1);
          }
          return new QuerySpec(since, until, ev, actor, cid, limit);
        });
  }

  /**
   * A way of getting a secret into an audit event. {@link #attempt()} builds the event from the secret
   * text, or throws {@link IllegalArgumentException} where the API refuses it outright.
   *
   * <pre>{@code
   * AuditEvent e;
   * try { e = smuggling.attempt().apply(secret); } catch (IllegalArgumentException refused) { return; }
   * sink.append(e);
   * }</pre>
   *
   * @param description what is tried, for failure messages
   * @param attempt the attempt
   */
  public record Smuggling(String description, Function<String, AuditEvent> attempt) {
    @Override
    public String toString() {
      return description;
    }
  }

  /**
   * Attempts to audit a secret: as a {@link Secret} value, under credential-bearing names, as a body,
   * as a plain value, embedded in text, in a list, as a correlation id, as a field name.
   */
  public static Arbitrary<Smuggling> smugglings() {
    Arbitrary<String> credentialNames = Arbitraries.of("token", "apiToken", "api_key", "X-Api-Key", "Authorization", "password",
        "clientSecret", "set-cookie", "webhook.signature", "sessionCookies");
    Arbitrary<String> bodyNames = Arbitraries.of("body", "requestBody", "webhook.payload", "raw_body");
    Arbitrary<String> names = Arbitraries.of(FIELD_NAMES);
    return Arbitraries.oneOf(
        names.map(n -> new Smuggling("Secret value in " + n, s -> AuditEvent.builder("auth.login.failure").field(n, Secret.fromUtf8(s)).build())),
        credentialNames.map(n -> new Smuggling("credential name " + n, s -> AuditEvent.builder("auth.login.failure").field(n, s).build())),
        bodyNames.map(n -> new Smuggling("body field " + n, s -> AuditEvent.builder("webhook.accepted").field(n, "{\"t\":\"" + s + "\"}").build())),
        names.map(n -> new Smuggling("plain value in " + n, s -> AuditEvent.builder("auth.login.failure").field(n, s).build())),
        Combinators.combine(names, fieldText(), fieldText()).as((n, a, b) ->
            new Smuggling("embedded in " + n, s -> AuditEvent.builder("auth.login.failure").field(n, a + "Bearer " + s + b).build())),
        names.map(n -> new Smuggling("list entry in " + n, s -> AuditEvent.builder("egress.denied").field(n, List.of("a", "x" + s + "y")).build())),
        Arbitraries.just(new Smuggling("correlation id", s -> AuditEvent.builder("run.start").correlationId(s).build())),
        Arbitraries.just(new Smuggling("field name", s -> AuditEvent.builder("run.start").field(s, "v").build())));
  }

  /** The kinds of {@link Tampering}. */
  public enum TamperKind {
    /** One character of a line replaced by another. */
    EDIT,
    /** One line removed. */
    DELETE,
    /** One line swapped with the next one (across files too). */
    SWAP_WITH_NEXT,
    /** One line written twice. */
    DUPLICATE
  }

  /**
   * A change to exactly one line of a written log (counting lines of all files, oldest first).
   * {@link #apply(Path)} changes the files; it never changes the files' count or names.
   *
   * <pre>{@code
   * String what = tampering.apply(auditDir);
   * assertThat(AuditLog.inDirectory(auditDir).verify(head).intact()).as(what).isFalse();
   * }</pre>
   *
   * @param kind what is done
   * @param line which line (taken modulo the number of lines)
   * @param position which character of the line, for an edit (modulo its length)
   * @param replacement the new character, for an edit (a different one is used if it is the same)
   */
  public record Tampering(TamperKind kind, int line, int position, char replacement) {

    /** Applies the change to the log files in {@code auditDir}; returns a description. */
    public String apply(Path auditDir) throws IOException {
      List<String> files = logFiles(auditDir);
      List<String[]> all = new ArrayList<>(); // {file, line}
      for (String f : files) {
        for (String l : lines(auditDir.resolve(f))) {
          all.add(new String[] {f, l});
        }
      }
      if (all.isEmpty()) {
        throw new IllegalStateException("no lines to tamper with");
      }
      int i = Math.floorMod(line, all.size());
      String where = all.get(i)[0] + " line " + (i + 1) + " of " + all.size();
      switch (kind) {
        case EDIT -> {
          String l = all.get(i)[1];
          int p = Math.floorMod(position, l.length());
          char c = replacement == l.charAt(p) ? (char) (replacement == 'x' ? 'y' : 'x') : replacement;
          all.get(i)[1] = l.substring(0, p) + c + l.substring(p + 1);
          where = "edit at " + p + " of " + where;
        }
        case DELETE -> {
          all.get(i)[1] = null;
          where = "delete " + where;
        }
        case SWAP_WITH_NEXT -> {
          int j = i + 1 < all.size() ? i + 1 : i - 1;
          if (j < 0) {
            throw new IllegalStateException("a single line cannot be swapped");
          }
          String t = all.get(i)[1];
          all.get(i)[1] = all.get(j)[1];
          all.get(j)[1] = t;
          where = "swap with " + (j + 1) + ": " + where;
        }
        case DUPLICATE -> {
          all.get(i)[1] = all.get(i)[1] + "\n" + all.get(i)[1];
          where = "duplicate " + where;
        }
      }
      for (String f : files) {
        StringBuilder sb = new StringBuilder();
        for (String[] e : all) {
          if (e[0].equals(f) && e[1] != null) {
            sb.append(e[1]).append('\n');
          }
        }
        Files.writeString(auditDir.resolve(f), sb.toString(), StandardCharsets.UTF_8);
      }
      return where;
    }
  }

  /** Single-line tamperings. */
  public static Arbitrary<Tampering> tamperings() {
    Arbitrary<Character> replacement = Arbitraries.oneOf(
        Arbitraries.chars().range(' ', '~'), Arbitraries.of('0', '1', 'a', 'f', '"', '\\', '}', ',', '\n'));
    return Combinators.combine(Arbitraries.of(TamperKind.class), Arbitraries.integers().between(0, 10_000),
        Arbitraries.integers().between(0, 10_000), replacement).as(Tampering::new);
  }

  private static List<String> logFiles(Path dir) throws IOException {
    List<String> rotated = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.matches("audit\\.[1-9][0-9]*\\.jsonl")).forEach(rotated::add);
    }
    rotated.sort((a, b) -> Integer.compare(Integer.parseInt(b.split("\\.")[1]), Integer.parseInt(a.split("\\.")[1])));
    if (Files.exists(dir.resolve("audit.jsonl"))) {
      rotated.add("audit.jsonl");
    }
    return rotated;
  }

  private static List<String> lines(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }
}
