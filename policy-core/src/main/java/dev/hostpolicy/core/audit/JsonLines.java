package dev.hostpolicy.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The line format: serialising an event's body with Jackson (printable 7-bit ASCII: every non-ASCII
 * character and DEL escaped, so a line can never hold a raw line separator or terminal control), assembling the line with
 * the sink's stamps, hashing, and the strict parser {@code verify} and the reader share.
 */
final class JsonLines {
  private JsonLines() {}

  static final String ZERO_HASH = "0".repeat(64);

  /** JSON's standard escapes plus DEL (0x7f), so a line holds printable ASCII only. */
  private static final class EscapeDelete extends com.fasterxml.jackson.core.io.CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = standardAsciiEscapesForJSON();

    static {
      ASCII[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ASCII;
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
  static final int FORMAT_VERSION = 1;

  private static final JsonFactory WRITE = new com.fasterxml.jackson.core.JsonFactoryBuilder()
      .characterEscapes(new EscapeDelete())
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();
  private static final JsonFactory READ = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern TS_TEXT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern EVENT = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)*");
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TS_OPEN = "{\"ts\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEQ_OPEN = "\",\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PREV_OPEN = ",\"prev\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSE = "\"}\n".getBytes(StandardCharsets.US_ASCII);

  private static final SerializedString EVENT_KEY = new SerializedString("event");
  private static final SerializedString ACTOR_KEY = new SerializedString("actor");
  private static final SerializedString OUTCOME_KEY = new SerializedString("outcome");
  private static final SerializedString CID_KEY = new SerializedString("cid");

  /** An event's serialised middle part ({@code "event":…,"actor":…,…}) and what it says, as written. */
  record Body(byte[] json, String event, AuditActor actor, String outcome, Optional<String> cid, Map<String, Object> fields) {
    /** The length of the middle part (the object without its braces). */
    int middleLength() {
      return json.length - 2;
    }
  }

  /**
   * Serialises everything but the stamps. String values (and list entries, and the correlation id)
   * that hold a registered secret are written as {@value Secret#REDACTED}.
   */
  static Body body(AuditEvent e, SecretScreen screen, boolean keepValues) {
    Map<String, Object> written = keepValues ? new LinkedHashMap<>() : null;
    Optional<String> cid = e.correlationId().map(c -> screen.holdsSecret(c) ? Secret.REDACTED : c);
    BodyOut out = new BodyOut();
    try (JsonGenerator g = WRITE.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName(EVENT_KEY);
      g.writeString(e.event());
      g.writeFieldName(ACTOR_KEY);
      g.writeString(e.actor().wireName());
      g.writeFieldName(OUTCOME_KEY);
      g.writeString(e.outcome());
      if (cid.isPresent()) {
        g.writeFieldName(CID_KEY);
        g.writeString(cid.get());
      }
      for (Map.Entry<String, Object> f : e.fields().entrySet()) {
        Object v = f.getValue();
        g.writeFieldName(f.getKey());
        if (v instanceof String s) {
          String w = screen.holdsSecret(s) ? Secret.REDACTED : s;
          g.writeString(w);
          if (written != null) {
            written.put(f.getKey(), w);
          }
        } else if (v instanceof Long l) {
          g.writeNumber(l);
          if (written != null) {
            written.put(f.getKey(), l);
          }
        } else if (v instanceof BigDecimal d) {
          g.writeNumber(d);
          if (written != null) {
            written.put(f.getKey(), d);
          }
        } else if (v instanceof Boolean b) {
          g.writeBoolean(b);
          if (written != null) {
            written.put(f.getKey(), b);
          }
        } else if (v instanceof List<?> list) {
          List<String> w = new ArrayList<>(list.size());
          g.writeStartArray();
          for (Object o : list) {
            String s = (String) o;
            String x = screen.holdsSecret(s) ? Secret.REDACTED : s;
            g.writeString(x);
            w.add(x);
          }
          g.writeEndArray();
          if (written != null) {
            written.put(f.getKey(), List.copyOf(w));
          }
        } else {
          throw new IllegalArgumentException("field " + f.getKey() + ": unsupported value type");
        }
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new IllegalArgumentException("event " + e.event() + " cannot be serialised (" + ex.getClass().getSimpleName() + ")", ex);
    }
    return new Body(out.bytes(), e.event(), e.actor(), e.outcome(), cid, written == null ? Map.of() : written);
  }

  /**
   * Where Jackson writes an event: the generator buffers internally and hands over its bytes in one
   * write on close, which this keeps without copying again.
   */
  private static final class BodyOut extends java.io.OutputStream {
    private byte[] buf = new byte[0];
    private int size;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (size == 0) {
        buf = java.util.Arrays.copyOfRange(b, off, off + len);
      } else {
        buf = java.util.Arrays.copyOf(buf, size + len);
        System.arraycopy(b, off, buf, size, len);
      }
      size += len;
    }

    byte[] bytes() {
      return size == buf.length ? buf : java.util.Arrays.copyOf(buf, size);
    }
  }

  /** A growable byte array that lines are assembled in. */
  static final class Bytes {
    byte[] array;
    int size;

    Bytes(int capacity) {
      array = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
      if (size + more > array.length) {
        array = java.util.Arrays.copyOf(array, Math.max(size + more, array.length * 2));
      }
    }

    void write(byte[] b) {
      write(b, b.length);
    }

    void write(byte[] b, int length) {
      write(b, 0, length);
    }

    void write(byte[] b, int off, int length) {
      ensure(length);
      System.arraycopy(b, off, array, size, length);
      size += length;
    }

    void writeAscii(String s) {
      int n = s.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        array[size++] = (byte) s.charAt(i);
      }
    }

    void write(int b) {
      ensure(1);
      array[size++] = (byte) b;
    }
  }

  /** The exact length of the line {@link #line} builds, line break included. */
  static int lineLength(int tsLength, long seq, int bodyLength) {
    int digits = 1;
    for (long v = seq; v >= 10; v /= 10) {
      digits++;
    }
    return TS_OPEN.length + tsLength + SEQ_OPEN.length + digits + 1 + bodyLength + PREV_OPEN.length + 64 + CLOSE.length;
  }

  /** An upper bound of what {@link #line} adds around a body. */
  static final int OVERHEAD = TS_OPEN.length + 30 + SEQ_OPEN.length + 20 + 1 + PREV_OPEN.length + 64 + CLOSE.length;

  /**
   * Appends the whole line, line break included, to {@code out}:
   * {@code {"ts":…,"seq":…,<body>,"prev":"…"}\n}.
   */
  static void line(Bytes out, byte[] ts, int tsLength, long seq, byte[] body, byte[] prevHex) {
    out.write(TS_OPEN);
    out.write(ts, tsLength);
    out.write(SEQ_OPEN);
    out.writeAscii(Long.toString(seq));
    out.write(',');
    out.write(body, 1, body.length - 2); // the object's members, without its braces
    out.write(PREV_OPEN);
    out.write(prevHex, 64);
    out.write(CLOSE);
  }

  /** Hashes {@code bytes[off, off+len)} and writes the lowercase hex into {@code hexOut[0, 64)}. */
  static void sha256Into(MessageDigest md, byte[] bytes, int off, int len, byte[] hexOut) {
    md.reset();
    md.update(bytes, off, len);
    byte[] digest = md.digest();
    for (int i = 0; i < digest.length; i++) {
      hexOut[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      hexOut[2 * i + 1] = HEX[digest[i] & 0xf];
    }
  }

  /** RFC 3339, UTC, milliseconds: {@code 2026-01-01T00:00:00.000Z}. */
  static String timestamp(Instant t) {
    return TS.format(t);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Lowercase hex SHA-256 of {@code bytes[off, off+len)}. */
  static String sha256Hex(MessageDigest md, byte[] bytes, int off, int len) {
    md.reset();
    md.update(bytes, off, len);
    return hex(md.digest());
  }

  static String sha256Hex(byte[] bytes) {
    return sha256Hex(sha256(), bytes, 0, bytes.length);
  }

  static String hex(byte[] digest) {
    byte[] out = new byte[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out, StandardCharsets.US_ASCII);
  }

  /** A parsed line: the record, or why it is not one. */
  record Parsed(Optional<AuditRecord> record, String problem) {
    static Parsed ok(AuditRecord r) {
      return new Parsed(Optional.of(r), "");
    }

    static Parsed bad(String problem) {
      return new Parsed(Optional.empty(), problem);
    }
  }

  /**
   * Parses one line (without its line break) strictly: one JSON object, no duplicate keys, nothing
   * after it; {@code ts} an RFC 3339 UTC time with milliseconds, {@code seq} a whole number from 1,
   * {@code event} an event name, {@code actor} a known actor, {@code outcome} and optional {@code cid}
   * strings, {@code prev} 64 lowercase hex digits; every other member a string, number, boolean or list
   * of strings. The problem text never quotes the line.
   */
  static Parsed parse(byte[] line, int len, String sha256Hex) {
    String ts = null;
    long seq = -1;
    String event = null;
    String actor = null;
    String outcome = null;
    String cid = null;
    String prev = null;
    Map<String, Object> fields = new LinkedHashMap<>();
    try (JsonParser p = READ.createParser(line, 0, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Parsed.bad("not a JSON object");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME) {
          return Parsed.bad("not a JSON object");
        }
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "ts":
            if (v != JsonToken.VALUE_STRING) {
              return Parsed.bad("ts is not a string");
            }
            ts = p.getText();
            break;
          case "seq":
            if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
              return Parsed.bad("seq is not a whole number");
            }
            seq = p.getLongValue();
            break;
          case "event":
            event = stringOrNull(p, v);
            break;
          case "actor":
            actor = stringOrNull(p, v);
            break;
          case "outcome":
            outcome = stringOrNull(p, v);
            break;
          case "cid":
            cid = stringOrNull(p, v);
            if (cid == null) {
              return Parsed.bad("cid is not a string");
            }
            break;
          case "prev":
            prev = stringOrNull(p, v);
            break;
          default:
            Object value = value(p, v);
            if (value == null) {
              return Parsed.bad("field " + safeName(name) + " has an unsupported value");
            }
            fields.put(name, value);
        }
      }
      if (p.nextToken() != null) {
        return Parsed.bad("text after the JSON object");
      }
    } catch (IOException | RuntimeException e) {
      return Parsed.bad("not valid JSON (" + e.getClass().getSimpleName() + ")");
    }
    if (ts == null || !TS_TEXT.matcher(ts).matches()) {
      return Parsed.bad("ts is missing or not an RFC 3339 UTC time with milliseconds");
    }
    Instant at;
    try {
      at = Instant.parse(ts);
    } catch (DateTimeParseException e) {
      return Parsed.bad("ts is not a valid time");
    }
    if (seq < 1) {
      return Parsed.bad("seq is missing or below 1");
    }
    if (event == null || event.length() > 64 || !EVENT.matcher(event).matches()) {
      return Parsed.bad("event is missing or not an event name");
    }
    AuditActor who = actor == null ? null : actorOf(actor);
    if (who == null) {
      return Parsed.bad("actor is missing or unknown");
    }
    if (outcome == null) {
      return Parsed.bad("outcome is missing");
    }
    if (prev == null || !HEX64.matcher(prev).matches()) {
      return Parsed.bad("prev is missing or not 64 lowercase hex digits");
    }
    String json = new String(line, 0, len, StandardCharsets.UTF_8);
    return Parsed.ok(new AuditRecord(at, seq, event, who, outcome, Optional.ofNullable(cid), fields, prev, sha256Hex, json));
  }

  private static String stringOrNull(JsonParser p, JsonToken v) throws IOException {
    return v == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  private static Object value(JsonParser p, JsonToken v) throws IOException {
    switch (v) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG) {
          return p.getLongValue();
        }
        return p.getDecimalValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case START_ARRAY:
        List<String> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          if (t != JsonToken.VALUE_STRING) {
            return null;
          }
          list.add(p.getText());
        }
        return List.copyOf(list);
      default:
        return null;
    }
  }

  static AuditActor actorOf(String wire) {
    for (AuditActor a : AuditActor.values()) {
      if (a.wireName().equals(wire)) {
        return a;
      }
    }
    return null;
  }

  private static String safeName(String name) {
    return name.length() <= 64 && name.matches("[A-Za-z0-9_.-]+") ? name : "(unprintable name)";
  }
}
