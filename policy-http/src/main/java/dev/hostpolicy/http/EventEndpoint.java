package dev.hostpolicy.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.hostpolicy.api.spi.AuditActor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The devloop-style event endpoint, {@code POST /events/<name>} with the JSON body
 * {@code {"value": "…"}}. The checks, in order (the first failing one answers):
 *
 * <table>
 *   <caption>Event endpoint responses</caption>
 *   <tr><th>check</th><th>status</th><th>body {@code error}</th></tr>
 *   <tr><td>bearer token missing or wrong — <em>before</em> the name is looked at, so names cannot be
 *       enumerated without the token</td><td>401, {@code WWW-Authenticate: Bearer}</td><td>{@code auth.…}</td></tr>
 *   <tr><td>method is not POST</td><td>405, {@code Allow: POST}</td><td>{@code http.method-not-allowed}</td></tr>
 *   <tr><td>no event of that name</td><td>404</td><td>{@code event.unknown}</td></tr>
 *   <tr><td>raw body over {@link HttpGuards.Builder#eventMaxBodyBytes(int) the limit}</td><td>413</td>
 *       <td>{@code event.body-too-large}</td></tr>
 *   <tr><td>not UTF-8 JSON holding exactly one object with exactly one member {@code "value"} whose
 *       value is a string (duplicate members, other members, trailing text, lone surrogates are
 *       refused)</td><td>400</td><td>{@code event.malformed}</td></tr>
 *   <tr><td>value longer than the route's cap (code points)</td><td>413</td><td>{@code event.value-too-long}</td></tr>
 *   <tr><td>value does not match the route's pattern over its whole length</td><td>422</td>
 *       <td>{@code event.value-rejected}</td></tr>
 *   <tr><td>accepted, audited, handed to the {@link EventReceiver}</td><td>204</td><td>—</td></tr>
 * </table>
 *
 * <p>Audited as {@value #ACCEPTED} (fields {@code eventName}, {@code state}, {@code workflow}, {@code length} — never the value) or
 * {@value #REJECTED} with the reason.
 *
 * <pre>{@code
 * HttpGuards guards = HttpGuards.builder(bound).apiToken(runToken).audit(sink)
 *     .events(List.of(EventRoute.of("build-done", "build.status", "deploy").withPattern("ok|failed")),
 *         event -> state.put(event.stateKey(), event.value()))
 *     .build();
 * }</pre>
 */
public final class EventEndpoint implements HttpGuard {
  private static final System.Logger LOG = System.getLogger(EventEndpoint.class.getName());

  /** Audit event of an accepted event. */
  public static final String ACCEPTED = "event.accepted";

  /** Audit event of a refused event (field {@code reason}). */
  public static final String REJECTED = "event.rejected";

  /** The default raw body limit. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
      .build();

  private final Routes routes;
  private final Credentials credentials;
  private final Map<String, EventRoute> events;
  private final EventReceiver receiver;
  private final int maxBodyBytes;
  private final GuardAudit audit;

  EventEndpoint(Routes routes, Credentials credentials, Map<String, EventRoute> events, EventReceiver receiver, int maxBodyBytes,
      GuardAudit audit) {
    this.routes = routes;
    this.credentials = credentials;
    this.events = Map.copyOf(events);
    this.receiver = receiver;
    this.maxBodyBytes = maxBodyBytes;
    this.audit = audit;
  }

  @Override
  public Outcome handle(GuardRequest incoming, GuardChain chain) throws IOException {
    if (routes.classify(incoming.rawPath()) != Routes.Kind.EVENT) {
      return chain.proceed(incoming);
    }
    if (incoming.authenticated().orElse(AuditActor.OPEN) != AuditActor.API_TOKEN) {
      Credentials.Result r = credentials.check(incoming, false);
      if (r.decision().denied()) {
        audit.bestEffort(GuardAudit.event(REJECTED, AuditActor.API_TOKEN, "denied", incoming).field("reason", r.decision().reason()));
        return Outcome.respond(Credentials.unauthorized(r.decision().reason(), incoming));
      }
    }
    GuardRequest request = incoming.authenticatedAs(AuditActor.API_TOKEN);
    if (!request.method().equals("POST")) {
      return Outcome.respond(GuardResponse.error(405, "http.method-not-allowed", request.correlationId()).withHeader("Allow", "POST"));
    }
    String name = request.rawPath().substring(routes.eventPrefix().length());
    EventRoute route = events.get(name);
    if (route == null) {
      return reject(request, null, "event.unknown", 404);
    }
    Optional<byte[]> body = request.body().readAtMost(maxBodyBytes);
    if (body.isEmpty()) {
      return reject(request, route, "event.body-too-large", 413);
    }
    Optional<String> value = parse(body.get());
    if (value.isEmpty()) {
      return reject(request, route, "event.malformed", 400);
    }
    String v = value.get();
    if (v.length() > route.maxValueChars() && v.codePointCount(0, v.length()) > route.maxValueChars()) {
      return reject(request, route, "event.value-too-long", 413);
    }
    if (!route.matchesWhole(v)) {
      return reject(request, route, "event.value-rejected", 422);
    }
    audit.required(GuardAudit.event(ACCEPTED, AuditActor.API_TOKEN, "ok", request)
        .field("eventName", route.name()).field("state", route.stateKey()).field("workflow", route.workflow())
        .field("length", v.codePointCount(0, v.length())));
    try {
      receiver.accept(new ReceivedEvent(route.name(), route.stateKey(), route.workflow(), v, request.correlationId()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "event receiver failed for " + route.name() + " (" + request.correlationId() + "): " + e.getClass().getName());
      return Outcome.respond(GuardResponse.error(500, "event.receiver-error", request.correlationId()));
    }
    return Outcome.respond(GuardResponse.builder(204).build());
  }

  /** The value of {@code {"value": "<string>"}}, or empty for anything else. */
  static Optional<String> parse(byte[] body) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      String value = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        if (!"value".equals(p.currentName()) || value != null || p.nextToken() != JsonToken.VALUE_STRING) {
          return Optional.empty();
        }
        value = p.getText();
      }
      if (t != JsonToken.END_OBJECT || value == null || p.nextToken() != null) {
        return Optional.empty();
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return Optional.empty();
        }
      }
      return Optional.of(value);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Outcome reject(GuardRequest request, EventRoute route, String reason, int status) {
    dev.hostpolicy.api.spi.AuditEvent.Builder e = GuardAudit.event(REJECTED, AuditActor.API_TOKEN, "denied", request).field("reason", reason);
    if (route != null) {
      e.field("eventName", route.name());
    }
    audit.bestEffort(e);
    return Outcome.respond(GuardResponse.error(status, reason, request.correlationId()));
  }

  @Override
  public String toString() {
    return "EventEndpoint" + events.keySet();
  }
}
