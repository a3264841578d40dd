package dev.hostpolicy.http;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.core.ratelimit.RateLimitResult;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import dev.hostpolicy.core.token.BearerAuthenticator;
import dev.hostpolicy.core.token.SessionCookie;
import dev.hostpolicy.http.headers.SecurityHeaders;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The browser session of an Infinite-Loop-style host: a login page, a login that turns the API token
 * into a {@link SessionCookie}, logout, and a redirect to the login page for pages requested without
 * a session.
 *
 * <ul>
 *   <li>{@code GET /login}: the login page (200) — no script, a strict CSP whose nonce only its
 *       {@code <style>} carries, every value escaped. {@code ?next=/path} is kept in a hidden field
 *       when it is a plain local path.
 *   <li>{@code POST /login} ({@code application/x-www-form-urlencoded}, {@code token=…&next=…}, at
 *       most {@value #MAX_FORM_BYTES} bytes): first a permit from the global login bucket — none left
 *       is {@code 429} with {@code Retry-After}; then the token, checked like a bearer token
 *       (format, constant time). Right: {@code 303} to {@code next} (or {@code /}) with
 *       {@code Set-Cookie: hostpolicy_session=…; Path=/; HttpOnly; SameSite=Strict} ({@code Secure}
 *       behind HTTPS). Wrong: {@code 403} and the page again with an error. Both are audited
 *       ({@value #LOGIN_SUCCESS} / {@value #LOGIN_FAILURE} with the reason code), never with the
 *       submitted value. Other content types are {@code 415}, a larger form {@code 413}.
 *   <li>{@code POST /logout}: clears the cookie ({@code Max-Age=0}), {@code 303} to {@code /login},
 *       audited as {@value #LOGOUT}.
 *   <li>Any other page (not the API prefixes, public paths, webhooks or events): a valid session
 *       cookie or bearer token passes; otherwise {@code GET}/{@code HEAD} get {@code 303} to
 *       {@code /login?next=…} and other methods {@code 401}.
 * </ul>
 *
 * <p>Cross-site login and logout posts never get here: the {@link HostOriginGuard} refuses a foreign
 * {@code Origin} first.
 *
 * <pre>{@code
 * HttpGuards guards = HttpGuards.builder(bound).apiToken(token).audit(sink)
 *     .browserLogin(RateLimiter.create(Rate.perMinute(20)))
 *     .build();
 * }</pre>
 */
public final class BrowserSessionGuard implements HttpGuard {

  /** Audit event of a successful login. */
  public static final String LOGIN_SUCCESS = "auth.login.success";

  /** Audit event of a refused login (field {@code reason}). */
  public static final String LOGIN_FAILURE = "auth.login.failure";

  /** Audit event of a logout. */
  public static final String LOGOUT = "auth.logout";

  /** The largest login form read. */
  public static final int MAX_FORM_BYTES = 8192;

  /** The message shown after a refused login, whatever the reason. */
  static final String WRONG_TOKEN = "That token is not right. Paste the API token of this server.";

  static final String TOO_MANY = "Too many sign-in attempts. Wait a moment and try again.";

  private final Routes routes;
  private final Credentials credentials;
  private final SessionCookie session;
  private final RateLimiter loginLimiter;
  private final Optional<Duration> maxAge;
  private final String title;
  private final SecurityHeadersGuard headers;
  private final GuardAudit audit;

  BrowserSessionGuard(Routes routes, Credentials credentials, RateLimiter loginLimiter, Optional<Duration> maxAge, String title,
      SecurityHeadersGuard headers, GuardAudit audit) {
    this.routes = routes;
    this.credentials = credentials;
    this.session = credentials.session().orElseThrow();
    this.loginLimiter = loginLimiter;
    this.maxAge = maxAge;
    this.title = title;
    this.headers = headers;
    this.audit = audit;
  }

  @Override
  public Outcome handle(GuardRequest request, GuardChain chain) throws IOException {
    Routes.Kind kind = routes.classify(request.rawPath());
    switch (kind) {
      case LOGIN:
        if (request.method().equals("GET") || request.method().equals("HEAD")) {
          return Outcome.respond(page(request, 200, queryNext(request), Optional.empty()));
        }
        if (request.method().equals("POST")) {
          return login(request);
        }
        return Outcome.respond(GuardResponse.error(405, "http.method-not-allowed", request.correlationId())
            .withHeader("Allow", "GET, HEAD, POST"));
      case LOGOUT:
        if (request.method().equals("POST")) {
          return logout(request);
        }
        return Outcome.respond(GuardResponse.error(405, "http.method-not-allowed", request.correlationId())
            .withHeader("Allow", "POST"));
      case PAGE:
        return page(request, chain);
      default:
        return chain.proceed(request);
    }
  }

  private Outcome page(GuardRequest request, GuardChain chain) throws IOException {
    if (request.authenticated().isPresent()) {
      return chain.proceed(request);
    }
    Credentials.Result r = credentials.check(request, true);
    if (r.decision().allowed()) {
      return chain.proceed(request.authenticatedAs(r.actor()));
    }
    audit.bestEffort(GuardAudit.event(HostOriginGuard.EVENT, r.actor(), "denied", request).field("reason", r.decision().reason()));
    boolean read = request.method().equals("GET") || request.method().equals("HEAD");
    if (read && !request.headers().contains("Authorization")) {
      String target = request.target();
      String location = target.length() <= 2048 && safeNext(target).isPresent()
          ? Routes.LOGIN + "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8)
          : Routes.LOGIN;
      return Outcome.respond(GuardResponse.seeOther(location));
    }
    return Outcome.respond(Credentials.unauthorized(r.decision().reason(), request));
  }

  private Outcome login(GuardRequest request) throws IOException {
    RateLimitResult permit;
    try {
      permit = loginLimiter.tryAcquire();
    } catch (RuntimeException e) {
      permit = new RateLimitResult(false, 0, 1_000_000_000L, false); // fail closed: a broken store refuses
    }
    if (permit.denied()) {
      audit.bestEffort(loginEvent(LOGIN_FAILURE, request).field("reason", RateLimitResult.REASON));
      GuardResponse page = page(request, 429, "/", Optional.of(TOO_MANY));
      return Outcome.respond(page.withHeader("Retry-After", Long.toString(permit.retryAfterSeconds())));
    }
    String type = request.headers().single("Content-Type").orElse("");
    int semi = type.indexOf(';');
    String mediaType = (semi < 0 ? type : type.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/x-www-form-urlencoded")) {
      audit.bestEffort(loginEvent(LOGIN_FAILURE, request).field("reason", "http.unsupported-media-type"));
      return Outcome.respond(GuardResponse.error(415, "http.unsupported-media-type", request.correlationId()));
    }
    Optional<byte[]> body = request.body().readAtMost(MAX_FORM_BYTES);
    if (body.isEmpty()) {
      audit.bestEffort(loginEvent(LOGIN_FAILURE, request).field("reason", "http.body-too-large"));
      return Outcome.respond(GuardResponse.error(413, "http.body-too-large", request.correlationId()));
    }
    Form form = Form.parse(new String(body.get(), StandardCharsets.UTF_8));
    String next = form.single("next").flatMap(BrowserSessionGuard::safeNext).orElse("/");
    Decision d = checkToken(form);
    if (d.denied()) {
      audit.bestEffort(loginEvent(LOGIN_FAILURE, request).field("reason", d.reason()));
      return Outcome.respond(page(request, 403, next, Optional.of(WRONG_TOKEN)));
    }
    audit.required(loginEvent(LOGIN_SUCCESS, request).actor(AuditActor.BROWSER_SESSION).outcome("ok"));
    String cookie = maxAge.isPresent()
        ? session.setCookieHeader(request.transport(), maxAge.get())
        : session.setCookieHeader(request.transport());
    return Outcome.respond(GuardResponse.seeOther(next).withHeader("Set-Cookie", cookie));
  }

  private Decision checkToken(Form form) {
    if (form.malformed()) {
      return Decision.deny(BearerAuthenticator.MALFORMED, "the login form is not valid form-urlencoded text");
    }
    List<String> tokens = form.all("token");
    if (tokens.isEmpty() || tokens.get(0).isEmpty()) {
      return Decision.deny(BearerAuthenticator.MISSING, "no token in the login form");
    }
    if (tokens.size() > 1) {
      return Decision.deny(BearerAuthenticator.MULTIPLE_HEADERS, "more than one token in the login form");
    }
    String token = tokens.get(0);
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      boolean b64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~+/=".indexOf(c) >= 0;
      if (!b64) {
        return Decision.deny(BearerAuthenticator.MALFORMED, "the submitted token has characters outside [A-Za-z0-9-._~+/=]");
      }
    }
    return credentials.bearer().check(List.of("Bearer " + token));
  }

  private Outcome logout(GuardRequest request) {
    Decision had = session.check(request.headers().all("Cookie"));
    audit.bestEffort(loginEvent(LOGOUT, request)
        .actor(had.allowed() ? AuditActor.BROWSER_SESSION : AuditActor.OPEN)
        .outcome("ok"));
    return Outcome.respond(GuardResponse.seeOther(Routes.LOGIN).withHeader("Set-Cookie", session.clearCookieHeader(request.transport())));
  }

  private static dev.hostpolicy.api.spi.AuditEvent.Builder loginEvent(String name, GuardRequest request) {
    return GuardAudit.event(name, AuditActor.OPEN, "denied", request);
  }

  private GuardResponse page(GuardRequest request, int status, String next, Optional<String> error) {
    SecurityHeaders.Response h = headers.forPage(request);
    GuardResponse.Builder b = GuardResponse.builder(status);
    h.headers().forEach(b::header);
    return b.html(LoginPage.render(title, next, error, h.nonce())).build();
  }

  private static String queryNext(GuardRequest request) {
    if (request.rawQuery().isEmpty()) {
      return "/";
    }
    Form q = Form.parse(request.rawQuery().get());
    return q.malformed() ? "/" : q.single("next").flatMap(BrowserSessionGuard::safeNext).orElse("/");
  }

  /**
   * {@code next} when it is a plain path on this server: starts with one {@code /} (not {@code //},
   * which a browser reads as another host), only RFC 3986 path, query and fragment characters (no
   * space, quote, angle bracket or backslash), at most 2048 characters, no dot or empty segments, and
   * not the login or logout page.
   */
  static Optional<String> safeNext(String next) {
    if (next.isEmpty() || next.length() > 2048 || next.charAt(0) != '/' || next.startsWith("//")) {
      return Optional.empty();
    }
    int q = next.indexOf('?');
    String path = q < 0 ? next : next.substring(0, q);
    int hash = path.indexOf('#');
    if (hash >= 0) {
      path = path.substring(0, hash);
    }
    if (Routes.ambiguity(path) != null || path.equals(Routes.LOGIN) || path.equals(Routes.LOGOUT)) {
      return Optional.empty();
    }
    for (int i = 0; i < next.length(); i++) {
      char c = next.charAt(i);
      boolean uriChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@/?%#".indexOf(c) >= 0;
      if (!uriChar) {
        return Optional.empty();
      }
    }
    return Optional.of(next);
  }

  @Override
  public String toString() {
    return "BrowserSessionGuard[" + session + ", login limit " + loginLimiter.rate() + "]";
  }

  /** {@code application/x-www-form-urlencoded} pairs, decoded as UTF-8. */
  record Form(List<String[]> pairs, boolean malformed) {
    static Form parse(String text) {
      List<String[]> out = new ArrayList<>();
      if (text.isEmpty()) {
        return new Form(out, false);
      }
      try {
        for (String pair : text.split("&", -1)) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          out.add(new String[] {name, value});
        }
      } catch (IllegalArgumentException e) {
        return new Form(List.of(), true);
      }
      return new Form(out, false);
    }

    List<String> all(String name) {
      List<String> values = new ArrayList<>();
      for (String[] p : pairs) {
        if (p[0].equals(name)) {
          values.add(p[1]);
        }
      }
      return values;
    }

    Optional<String> single(String name) {
      List<String> v = all(name);
      return v.size() == 1 ? Optional.of(v.get(0)) : Optional.empty();
    }
  }
}
