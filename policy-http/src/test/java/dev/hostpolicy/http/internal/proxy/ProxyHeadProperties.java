package dev.hostpolicy.http.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.core.net.EgressTarget;
import dev.hostpolicy.testkit.HttpArbitraries;
import dev.hostpolicy.testkit.HttpArbitraries.Field;
import dev.hostpolicy.testkit.HttpArbitraries.Malformed;
import dev.hostpolicy.testkit.HttpArbitraries.RequestSample;
import dev.hostpolicy.testkit.NetArbitraries;
import dev.hostpolicy.testkit.PolicyArbitraries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The proxy's message reading as properties, through the production path (the incremental head
 * reader over a channel that hands out bytes in arbitrary pieces, the strict head parser, request
 * validation, chunked framing), fed by the test kit's HTTP generators.
 */
class ProxyHeadProperties {
  private static final String AUTHORITY = "origin.test:8080";

  private static Conn conn(byte[] input, List<Integer> chunks) {
    return new Conn(new MemoryChannel(input, chunks), Exchange.unwatched(TimeSource.system()), 64 * 1024);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Reads one head the way the engine does and validates it. */
  private static ProxyRequest read(Conn c) throws IOException, BadMessage {
    byte[] head = c.readHead(32 * 1024);
    return ProxyRequest.of(HeadParser.parse(head, head.length));
  }

  @Provide
  Arbitrary<List<Integer>> chunking() {
    return Arbitraries.integers().between(1, 64).list().ofMinSize(1).ofMaxSize(40);
  }

  @Provide
  Arbitrary<RequestSample> requests() {
    return PolicyArbitraries.absoluteFormRequests(AUTHORITY);
  }

  @Provide
  Arbitrary<Malformed> smuggling() {
    return PolicyArbitraries.smugglingRequests(AUTHORITY);
  }

  @Property(tries = 400)
  void wellFormedRequestsParseAndOnlyEndToEndFieldsTravel(@ForAll("requests") RequestSample sample,
      @ForAll("chunking") List<Integer> chunks) throws Exception {
    byte[] body = bytes("next bytes stay buffered");
    byte[] head = bytes(sample.head());
    byte[] input = new byte[head.length + body.length];
    System.arraycopy(head, 0, input, 0, head.length);
    System.arraycopy(body, 0, input, head.length, body.length);
    Conn c = conn(input, chunks);
    ProxyRequest r = read(c);
    assertThat(r.method()).isEqualTo(sample.method());
    assertThat(r.originForm()).isEqualTo(sample.path());
    assertThat(r.authority()).isEqualTo(AUTHORITY);
    assertThat(r.framing()).isEqualTo(Framing.NONE);

    List<String> connectionTokens = new ArrayList<>();
    for (Field f : sample.fields()) {
      if (f.name().equalsIgnoreCase("connection")) {
        for (String t : f.value().split(",")) {
          connectionTokens.add(t.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    List<String> expected = new ArrayList<>();
    for (Field f : sample.fields()) {
      String k = f.name().toLowerCase(Locale.ROOT);
      if (!HttpArbitraries.HOP_BY_HOP.contains(k) && !k.startsWith("proxy-") && !connectionTokens.contains(k)) {
        expected.add(f.name() + ": " + f.value());
      }
    }
    assertThat(r.forwardFields()).extracting(f -> f.name() + ": " + f.value()).containsExactlyElementsOf(expected);
    assertThat(c.buffered() + ((MemoryChannel) c.channel()).unread()).as("the head ends exactly at its empty line")
        .isEqualTo(body.length);
  }

  @Property(tries = 600)
  void everySmugglingVariantIsRefusedWithItsReason(@ForAll("smuggling") Malformed m, @ForAll("chunking") List<Integer> chunks) {
    BadMessage refused = catchThrowableOfType(() -> {
      ProxyRequest r = read(conn(bytes(m.head()), chunks));
      EgressTarget t = EgressTarget.parse("http://" + r.authority());
      if (r.host().isPresent() && !ProxyEngine.hostMatches(r.host().get(), t)) {
        throw new BadMessage(Reasons.HOST_MISMATCH, "host");
      }
    }, BadMessage.class);
    assertThat(refused).as(m.why()).isNotNull();
    assertThat(refused.reason()).as(m.why()).isEqualTo(m.reason());
  }

  @Property(tries = 400)
  void aBareCrOrLfAnywhereInTheHeadIsRefused(@ForAll("requests") RequestSample sample, @ForAll("chunking") List<Integer> chunks,
      @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll boolean cr) {
    String head = sample.head();
    int at = where % (head.length() - 2);
    String broken = head.substring(0, at) + (cr ? "\r" : "\n") + head.substring(at);
    assertThatThrownBy(() -> read(conn(bytes(broken), chunks)))
        .isInstanceOfSatisfying(BadMessage.class, e -> assertThat(e.reason()).isEqualTo(Reasons.BARE_CR_LF));
  }

  @Property(tries = 300)
  void whatTheProxyForwardsReadsBackTheSame(@ForAll("requests") RequestSample sample) throws Exception {
    ProxyRequest r = read(conn(bytes(sample.head()), List.of()));
    EgressTarget t = EgressTarget.parse("http://" + r.authority());
    byte[] forwarded = ProxyEngine.requestHead(r, t);
    Head again = HeadParser.parse(forwarded, forwarded.length);
    assertThat(again.startLine()).isEqualTo(sample.method() + " " + sample.path() + " HTTP/1.1");
    assertThat(again.values("host")).containsExactly(AUTHORITY);
    assertThat(again.values("connection")).containsExactly("close");
    List<HeaderField> middle = again.fields().subList(1, again.fields().size() - 1);
    assertThat(middle).containsExactlyElementsOf(r.forwardFields());
  }

  @Property(tries = 300)
  void anOriginCannotForgeTheDenyHeader(@ForAll("forged") List<Field> fields, @ForAll boolean keepAlive) throws Exception {
    StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\n");
    fields.forEach(f -> sb.append(f.line()));
    sb.append("Content-Length: 0\r\n\r\n");
    byte[] raw = bytes(sb.toString());
    String out = new String(ResponseHead.of(HeadParser.parse(raw, raw.length), "GET").encode(keepAlive), StandardCharsets.ISO_8859_1);
    assertThat(out.toLowerCase(Locale.ROOT)).doesNotContain("x-hostpolicy-deny");
  }

  @Provide
  Arbitrary<List<Field>> forged() {
    return HttpArbitraries.fieldsWithForgedDeny();
  }

  /** A chunked body with random chunk sizes, extensions and trailers, then bytes of the next message. */
  @Provide
  Arbitrary<byte[]> chunkedBodies() {
    Arbitrary<String> chunk = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(300),
        Arbitraries.of("", ";a=1", ";name=\"quoted value\"", ";x"), Arbitraries.of(true, false))
        .as((data, ext, upper) -> {
          String size = Integer.toHexString(data.length());
          return (upper ? size.toUpperCase(Locale.ROOT) : size) + ext + "\r\n" + data + "\r\n";
        });
    Arbitrary<String> trailers = HttpArbitraries.endToEndFields().list().ofMaxSize(3)
        .map(fs -> fs.stream().map(Field::line).reduce("", String::concat));
    return Combinators.combine(chunk.list().ofMaxSize(8), trailers)
        .as((chunks, t) -> bytes(String.join("", chunks) + "0\r\n" + t + "\r\n"));
  }

  @Property(tries = 300)
  void chunkedBodiesAreCopiedVerbatimAndEndExactly(@ForAll("chunkedBodies") byte[] body, @ForAll("chunking") List<Integer> chunks)
      throws Exception {
    byte[] next = bytes("GET http://next/ HTTP/1.1\r\n");
    byte[] input = new byte[body.length + next.length];
    System.arraycopy(body, 0, input, 0, body.length);
    System.arraycopy(next, 0, input, body.length, next.length);
    Conn from = conn(input, chunks);
    MemoryChannel sink = new MemoryChannel(new byte[0], List.of());
    ChunkedBody.copy(from, new Conn(sink, Exchange.unwatched(TimeSource.system()), 1024), 8192);
    assertThat(sink.written()).isEqualTo(body);
    assertThat(from.buffered() + ((MemoryChannel) from.channel()).unread()).isEqualTo(next.length);
  }

  @Property(tries = 300)
  void chunkSizesReadAsHexAndAnythingElseAfterTheDigitsIsRefused(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int size,
      @ForAll("afterDigits") String junk) throws Exception {
    assertThat(ChunkedBody.size(bytes(Integer.toHexString(size) + "\r\n"))).isEqualTo(size);
    assertThatThrownBy(() -> ChunkedBody.size(bytes(Integer.toHexString(size) + junk + "\r\n"))).isInstanceOf(BadMessage.class);
  }

  @Provide
  Arbitrary<String> afterDigits() {
    return Arbitraries.of(" ", "\t", " ;a", "g", "x", "-", "+", "0x", ".5", ",1", "\u0000", ";a\u0001");
  }

  @Property(tries = 300)
  void theHostHeaderMustNameTheTarget(@ForAll("hosts") String host, @ForAll @IntRange(min = 1, max = 65535) int port) {
    EgressTarget target = EgressTarget.parse("http://" + host + ":" + port);
    String sameDefault = port == 80 ? host : host + ":" + port;
    assertThat(ProxyEngine.hostMatches(sameDefault, target)).isTrue();
    assertThat(ProxyEngine.hostMatches(host.toUpperCase(Locale.ROOT) + ":" + port, target)).isTrue();
    assertThat(ProxyEngine.hostMatches(host + ":" + (port % 65535 + 1), target)).isFalse();
    assertThat(ProxyEngine.hostMatches("x" + host + ":" + port, target)).isFalse();
    assertThat(ProxyEngine.hostMatches(host + ":" + port + "@evil.example", target)).isFalse();
  }

  @Provide
  Arbitrary<String> hosts() {
    return NetArbitraries.hostNames();
  }

  /** A sanity anchor for the generators: the bytes of every sample are Latin-1 (what a socket carries). */
  @Property(tries = 100)
  void samplesAreLatin1(@ForAll("smuggling") Malformed m) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(bytes(m.head()));
    assertThat(new String(b.toByteArray(), StandardCharsets.ISO_8859_1)).isEqualTo(m.head());
  }
}
