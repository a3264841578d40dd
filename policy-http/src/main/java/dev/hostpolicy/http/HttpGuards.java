package dev.hostpolicy.http;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.net.BindDecision;
import dev.hostpolicy.core.net.BindGuard;
import dev.hostpolicy.core.net.HostHeaderGuard;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import dev.hostpolicy.core.text.HtmlEscaper;
import dev.hostpolicy.core.token.BearerAuthenticator;
import dev.hostpolicy.core.token.RequestTransport;
import dev.hostpolicy.core.token.SessionCookie;
import dev.hostpolicy.core.token.TokenFormat;
import dev.hostpolicy.core.token.UrlTokenGuard;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import dev.hostpolicy.http.headers.SecurityHeaders;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The guard chain of a host's own local server, framework-neutral: adapters turn a server's request
 * into a {@link GuardRequest}, call {@link #handle}, and write or forward the {@link Outcome}
 * ({@link dev.hostpolicy.http.jdk.GuardedHttpServer JDK server},
 * {@link dev.hostpolicy.http.servlet.ServletGuardFilter servlet filter}).
 *
 * <p>Every request runs through, in this order: a plain-path check (a raw path with dot or empty
 * segments, encoded {@code /}, {@code \} or NUL, or non-ASCII is {@code 400 http.ambiguous-path});
 * {@link SecurityHeadersGuard} (on every response; {@link #DEFAULT_HEADERS}); {@link HostOriginGuard}; {@link TokenInUrlGuard};
 * {@link WebhookIngress} (when configured); {@link BrowserSessionGuard} (when browser login is on);
 * {@link BearerAuthGuard}; {@link EventEndpoint} (when configured); then the host's own guards, in
 * the order added; then the request is forwarded to the application — authenticated, with the
 * request attributes {@value #CORRELATION_ID_ATTRIBUTE}, {@value #AUTHENTICATED_ATTRIBUTE} and
 * {@value #CSP_NONCE_ATTRIBUTE}. Every response, forwarded or not, carries
 * {@code x-correlation-id}.
 *
 * <p>Fail closed: a guard that throws, or proceeds twice, fails the request with {@code 500}
 * ({@code http.guard-error}); an audit sink that cannot record an allowing event fails it with
 * {@code 503} ({@code audit.unavailable}); nothing is forwarded unauthenticated.
 *
 * <p>Startup checks ({@link Builder#build()}): the {@link BindGuard} refuses a network bind without
 * a token (unless the insecure opt-in), browser login and the event endpoint need a token, and a
 * missing token must be explicit ({@link Builder#withoutToken()}).
 *
 * <pre>{@code
 * HttpGuards guards = HttpGuards.builder(boundAddress)
 *     .policy(policy)                                   // API token, ALLOW_INSECURE, rate limits, bind guard
 *     .audit(auditSink)
 *     .browserLogin()
 *     .webhooks(WebhookRoutes.of(routes), delivery -> runs.start(delivery))
 *     .build();                                         // a network bind without a token throws here
 * Outcome outcome = guards.handle(request);
 * }</pre>
 */
public final class HttpGuards {
  private static final System.Logger LOG = System.getLogger(HttpGuards.class.getName());

  /** Request attribute: the correlation id ({@code cid_…}). */
  public static final String CORRELATION_ID_ATTRIBUTE = "dev.hostpolicy.http.correlation-id";

  /** Request attribute: who authenticated the request ({@code api-token}, {@code browser-session}, {@code open}). */
  public static final String AUTHENTICATED_ATTRIBUTE = "dev.hostpolicy.http.authenticated";

  /** Request attribute: the CSP nonce of this response, for the application's {@code <script nonce>} tags. */
  public static final String CSP_NONCE_ATTRIBUTE = "dev.hostpolicy.http.csp-nonce";

  /**
   * The default security headers: the strict set with {@code Referrer-Policy: same-origin} — under
   * {@code no-referrer} a browser sends {@code Origin: null} on a page's POST to its own origin,
   * which the Origin check must refuse.
   */
  public static final SecurityHeaders DEFAULT_HEADERS = SecurityHeaders.builder().referrerPolicy("same-origin").build();

  private final List<HttpGuard> guards;
  private final SecurityHeadersGuard headers;
  private final GuardAudit audit;
  private final BindDecision bindDecision;
  private final Set<InetAddress> trustedProxies;
  private final InetSocketAddress boundAddress;

  private HttpGuards(List<HttpGuard> guards, SecurityHeadersGuard headers, GuardAudit audit, BindDecision bindDecision,
      Set<InetAddress> trustedProxies, InetSocketAddress boundAddress) {
    this.guards = List.copyOf(guards);
    this.headers = headers;
    this.audit = audit;
    this.bindDecision = bindDecision;
    this.trustedProxies = Set.copyOf(trustedProxies);
    this.boundAddress = boundAddress;
  }

  /** Starts the configuration of the chain for a server bound to {@code boundAddress}. */
  public static Builder builder(InetSocketAddress boundAddress) {
    return new Builder(boundAddress);
  }

  /** The stages, in order (the built-ins, then the host's). */
  public List<HttpGuard> guards() {
    return guards;
  }

  /** What the bind guard decided at startup; print {@link BindDecision#banner()} when present. */
  public BindDecision bindDecision() {
    return bindDecision;
  }

  /** The address the chain was built for. */
  public InetSocketAddress boundAddress() {
    return boundAddress;
  }

  /**
   * How a request travelled, for adapters: {@code X-Forwarded-Proto} counts only from a peer the host
   * declared a trusted proxy ({@link Builder#trustProxy(InetAddress)}).
   */
  public RequestTransport transport(boolean directTls, InetSocketAddress peer, List<String> forwardedProto) {
    boolean trusted = peer.getAddress() != null && trustedProxies.contains(peer.getAddress());
    return RequestTransport.of(directTls, trusted, trusted ? forwardedProto : List.of());
  }

  /** Runs the chain for one request. Never throws for anything the client controls. */
  public Outcome handle(GuardRequest request) {
    Objects.requireNonNull(request, "request");
    Outcome outcome;
    try {
      String ambiguity = Routes.ambiguity(request.rawPath());
      if (ambiguity != null) {
        audit.bestEffort(GuardAudit.event(HostOriginGuard.EVENT, AuditActor.OPEN, "denied", request).field("reason", "http.ambiguous-path"));
        outcome = headers.decorate(request, Outcome.respond(GuardResponse.error(400, "http.ambiguous-path", request.correlationId())));
      } else {
        outcome = new Link(0).proceed(request);
        if (outcome instanceof Outcome.Forward f && f.request().authenticated().isEmpty()) {
          LOG.log(Level.ERROR, "a guard chain forwarded an unauthenticated request; refusing it");
          outcome = failure(request, 500, "http.guard-error");
        }
      }
    } catch (GuardAudit.Unavailable e) {
      outcome = failure(request, 503, "audit.unavailable");
    } catch (IOException e) {
      LOG.log(Level.DEBUG, () -> "reading the request failed (" + request.correlationId() + "): " + e.getClass().getName());
      outcome = failure(request, 400, "http.unreadable-body");
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, () -> "a guard failed (" + request.correlationId() + "); refusing the request: " + e, e);
      outcome = failure(request, 500, "http.guard-error");
    }
    String cid = request.correlationId().value();
    if (outcome instanceof Outcome.Forward f) {
      List<GuardResponse.Header> h = new ArrayList<>(f.responseHeaders().size() + 1);
      h.addAll(f.responseHeaders());
      h.add(new GuardResponse.Header(GuardRequest.CORRELATION_HEADER, cid));
      Map<String, String> attributes = new LinkedHashMap<>(f.attributes());
      attributes.put(CORRELATION_ID_ATTRIBUTE, cid);
      attributes.put(AUTHENTICATED_ATTRIBUTE, f.request().authenticated().orElseThrow().wireName());
      return new Outcome.Forward(f.request(), h, attributes);
    }
    return outcome.withHeader(GuardRequest.CORRELATION_HEADER, cid);
  }

  private Outcome failure(GuardRequest request, int status, String reason) {
    return headers.decorate(request, Outcome.respond(GuardResponse.error(status, reason, request.correlationId())));
  }

  /** One position in the chain; proceeds at most once. */
  private final class Link implements GuardChain {
    private final int index;
    private boolean used;

    Link(int index) {
      this.index = index;
    }

    @Override
    public Outcome proceed(GuardRequest request) throws IOException {
      Objects.requireNonNull(request, "request");
      if (used) {
        throw new IllegalStateException("guard " + guards.get(index - 1) + " called proceed more than once");
      }
      used = true;
      if (index == guards.size()) {
        return Outcome.forward(request);
      }
      return Objects.requireNonNull(guards.get(index).handle(request, new Link(index + 1)),
          "guard " + guards.get(index) + " returned no outcome");
    }
  }

  @Override
  public String toString() {
    return "HttpGuards" + guards;
  }

  /**
   * Configures {@link HttpGuards}.
   *
   * <pre>{@code
   * HttpGuards guards = HttpGuards.builder(new InetSocketAddress("127.0.0.1", 8080))
   *     .apiToken(token)
   *     .audit(sink)
   *     .apiPrefixes("/api/")
   *     .publicPaths("/healthz")
   *     .events(List.of(EventRoute.of("build-done", "build.status", "deploy")), receiver)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final InetSocketAddress bound;
    private Optional<Secret> token = Optional.empty();
    private TokenFormat tokenFormat = TokenFormat.bearer();
    private boolean withoutToken;
    private boolean allowInsecure;
    private BindGuard bindGuard;
    private HostHeaderGuard hostHeaderGuard;
    private AuditSink audit;
    private SecurityHeaders securityHeaders = DEFAULT_HEADERS;
    private final List<String> apiPrefixes = new ArrayList<>(List.of("/api/"));
    private final Set<String> publicPaths = new LinkedHashSet<>();
    private final Set<InetAddress> trustedProxies = new LinkedHashSet<>();
    private HostPolicy policy;
    private boolean browserLogin;
    private RateLimiter loginLimiter;
    private String cookieName = SessionCookie.DEFAULT_NAME;
    private Optional<Duration> sessionMaxAge = Optional.empty();
    private String loginTitle = "HostPolicy";
    private WebhookRoutes webhookRoutes;
    private WebhookReceiver webhookReceiver;
    private RateLimiter webhookLimiter;
    private long webhookMaxBodyBytes = WebhookTrigger.DEFAULT_MAX_BODY_BYTES;
    private final Map<String, EventRoute> events = new LinkedHashMap<>();
    private EventReceiver eventReceiver;
    private int eventMaxBodyBytes = EventEndpoint.DEFAULT_MAX_BODY_BYTES;
    private final List<HttpGuard> hostGuards = new ArrayList<>();

    private Builder(InetSocketAddress bound) {
      this.bound = Objects.requireNonNull(bound, "boundAddress");
      if (bound.isUnresolved() || bound.getPort() < 1) {
        throw new IllegalArgumentException("the bound address is a resolved address with the port the server listens on");
      }
    }

    /**
     * Takes from {@code policy}: the API token ({@code <NS>_API_TOKEN}), the insecure opt-in, the bind
     * guard naming the namespace's settings, and — unless set here — the login and webhook rate
     * limits ({@code <NS>_LOGIN_RATE_LIMIT}, {@code <NS>_WEBHOOK_RATE_LIMIT}).
     */
    public Builder policy(HostPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      this.token = policy.apiToken();
      this.allowInsecure = policy.get(PolicyKeys.ALLOW_INSECURE);
      this.bindGuard = policy.bindGuard();
      return this;
    }

    /** The API token clients present as {@code Authorization: Bearer <token>}. */
    public Builder apiToken(Secret token) {
      this.token = Optional.of(Objects.requireNonNull(token, "token"));
      return this;
    }

    /** The format a presented token must have before it is compared (default: any 16-4096 character b64token). */
    public Builder tokenFormat(TokenFormat format) {
      this.tokenFormat = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Runs without an API token: every request is {@code OPEN}. Only a loopback bind passes the bind
     * guard this way (or a network bind with the insecure opt-in, which prints a banner).
     */
    public Builder withoutToken() {
      this.withoutToken = true;
      return this;
    }

    /** The operator's explicit opt-in to a network bind without a token ({@code <NS>_ALLOW_INSECURE}). */
    public Builder allowInsecure(boolean allow) {
      this.allowInsecure = allow;
      return this;
    }

    /** The bind guard (default {@link BindGuard#create()}; {@link #policy} sets the namespaced one). */
    public Builder bindGuard(BindGuard guard) {
      this.bindGuard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /** The Host / Origin rule (default: the loopback names on the bound port). */
    public Builder hostHeaderGuard(HostHeaderGuard guard) {
      this.hostHeaderGuard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /** Where the stages audit. Required; pass {@link AuditSink#discarding()} to opt out explicitly. */
    public Builder audit(AuditSink sink) {
      this.audit = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * The security headers (default {@link HttpGuards#DEFAULT_HEADERS}).
     *
     * @throws PolicyConfigurationException for {@code Referrer-Policy: no-referrer}, under which the
     *     server's own pages could not POST to it (browsers send {@code Origin: null})
     */
    public Builder securityHeaders(SecurityHeaders headers) {
      Objects.requireNonNull(headers, "headers");
      if (headers.referrerPolicy().equals("no-referrer")) {
        throw new PolicyConfigurationException("headers.referrer-policy", "Referrer-Policy no-referrer makes browsers send "
            + "Origin: null on this server's own POSTs, which the Origin check refuses; use same-origin");
      }
      this.securityHeaders = headers;
      return this;
    }

    /** The path prefixes of the API (default {@code /api/}); {@code /api} itself belongs to it too. */
    public Builder apiPrefixes(String... prefixes) {
      apiPrefixes.clear();
      for (String p : prefixes) {
        if (!p.startsWith("/") || Routes.ambiguity(p) != null) {
          throw new PolicyConfigurationException("http.api-prefixes", "an API prefix is a plain absolute path: " + SafeText.clean(p, 80));
        }
        apiPrefixes.add(p);
      }
      return this;
    }

    /** Exact paths served without authentication (a health check, a favicon). */
    public Builder publicPaths(String... paths) {
      for (String p : paths) {
        if (Routes.ambiguity(p) != null) {
          throw new PolicyConfigurationException("http.public-paths", "a public path is a plain absolute path: " + SafeText.clean(p, 80));
        }
        publicPaths.add(p);
      }
      return this;
    }

    /** A reverse proxy whose {@code X-Forwarded-Proto} is believed (for the cookie's {@code Secure}). */
    public Builder trustProxy(InetAddress proxy) {
      trustedProxies.add(Objects.requireNonNull(proxy, "proxy"));
      return this;
    }

    /** Turns on browser login with the login rate limit of {@link #policy} (or 20/min). */
    public Builder browserLogin() {
      this.browserLogin = true;
      return this;
    }

    /** Turns on browser login, limited by {@code limiter}'s global bucket. */
    public Builder browserLogin(RateLimiter limiter) {
      this.browserLogin = true;
      this.loginLimiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /** The session cookie's name (default {@value SessionCookie#DEFAULT_NAME}). */
    public Builder sessionCookieName(String name) {
      this.cookieName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The session cookie's {@code Max-Age}; by default a browser-session cookie without one. */
    public Builder sessionMaxAge(Duration maxAge) {
      this.sessionMaxAge = Optional.of(Objects.requireNonNull(maxAge, "maxAge"));
      return this;
    }

    /** The name shown on the login page (escaped). */
    public Builder loginTitle(String title) {
      Objects.requireNonNull(title, "title");
      if (title.isEmpty() || title.length() > 200) {
        throw new PolicyConfigurationException("http.login-title", "the login title is 1-200 characters");
      }
      HtmlEscaper.text(title); // refuses NUL and lone surrogates now, not per request
      this.loginTitle = title;
      return this;
    }

    /** Turns on webhook ingress at {@code /hooks/<triggerId>}. */
    public Builder webhooks(WebhookRoutes routes, WebhookReceiver receiver) {
      this.webhookRoutes = Objects.requireNonNull(routes, "routes");
      this.webhookReceiver = Objects.requireNonNull(receiver, "receiver");
      return this;
    }

    /** The per-trigger rate limiter (default: {@link #policy}'s webhook limit, or 120/min). */
    public Builder webhookRateLimiter(RateLimiter limiter) {
      this.webhookLimiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /** The ingress body limit, checked before the trigger is looked up (default 1 MiB). */
    public Builder webhookMaxBodyBytes(long max) {
      if (max < 1 || max > WebhookTrigger.MAX_BODY_LIMIT) {
        throw new PolicyConfigurationException("http.webhook-max-body-bytes", "the limit is 1 to " + WebhookTrigger.MAX_BODY_LIMIT + " bytes");
      }
      this.webhookMaxBodyBytes = max;
      return this;
    }

    /**
     * Turns on the event endpoint at {@code /events/<name>}.
     *
     * @throws PolicyConfigurationException if two routes share a name
     */
    public Builder events(List<EventRoute> routes, EventReceiver receiver) {
      for (EventRoute r : routes) {
        if (events.put(r.name(), r) != null) {
          throw new PolicyConfigurationException("events." + r.name(), "the event is configured twice; an event has exactly one state key and workflow");
        }
      }
      this.eventReceiver = Objects.requireNonNull(receiver, "receiver");
      return this;
    }

    /** The event endpoint's raw body limit (default {@value EventEndpoint#DEFAULT_MAX_BODY_BYTES}). */
    public Builder eventMaxBodyBytes(int max) {
      if (max < 16 || max > 16 << 20) {
        throw new PolicyConfigurationException("http.event-max-body-bytes", "the limit is 16 bytes to 16 MiB");
      }
      this.eventMaxBodyBytes = max;
      return this;
    }

    /** Adds a host guard after the built-in stages (it sees authenticated requests only). */
    public Builder guard(HttpGuard guard) {
      hostGuards.add(Objects.requireNonNull(guard, "guard"));
      return this;
    }

    /**
     * The chain.
     *
     * @throws dev.hostpolicy.api.PolicyViolationException {@code bind.insecure}: a network bind without a
     *     token or the opt-in
     * @throws PolicyConfigurationException for a missing audit sink, a missing token that was not
     *     declared with {@link #withoutToken()}, or browser login / events without a token
     */
    public HttpGuards build() {
      if (audit == null) {
        throw new PolicyConfigurationException("http.audit", "no audit sink: pass one, or AuditSink.discarding() to opt out explicitly");
      }
      if (token.isPresent() && withoutToken) {
        throw new PolicyConfigurationException("api-token", "both an API token and withoutToken() were configured");
      }
      if (token.isEmpty() && !withoutToken) {
        throw new PolicyConfigurationException("api-token",
            "no API token: set " + (bindGuard != null ? bindGuard.tokenSetting() : "one") + ", or call withoutToken() for an open loopback server");
      }
      BindGuard bg = bindGuard != null ? bindGuard : BindGuard.create();
      BindDecision bind = bg.check(bound.getAddress(), bound.getPort(), token.isPresent(), allowInsecure);
      if (token.isEmpty() && browserLogin) {
        throw new PolicyConfigurationException("api-token", "browser login needs an API token");
      }
      if (token.isEmpty() && eventReceiver != null) {
        throw new PolicyConfigurationException("api-token", "the event endpoint needs an API token");
      }
      Optional<Credentials> credentials = Optional.empty();
      if (token.isPresent()) {
        Optional<SessionCookie> session = browserLogin ? Optional.of(SessionCookie.forToken(token.get(), cookieName)) : Optional.empty();
        credentials = Optional.of(new Credentials(BearerAuthenticator.of(token.get(), tokenFormat), session));
      }
      GuardAudit guardAudit = new GuardAudit(audit);
      Routes routes = new Routes(apiPrefixes, publicPaths, webhookReceiver != null ? "/hooks/" : null,
          eventReceiver != null ? "/events/" : null, browserLogin);
      SecurityHeadersGuard headersGuard = SecurityHeadersGuard.of(securityHeaders);
      HostHeaderGuard hosts = hostHeaderGuard != null ? hostHeaderGuard : HostHeaderGuard.forPort(bound.getPort());

      List<HttpGuard> chain = new ArrayList<>();
      chain.add(headersGuard);
      chain.add(HostOriginGuard.of(hosts, audit));
      chain.add(TokenInUrlGuard.of(token.map(UrlTokenGuard::forSecret).orElseGet(UrlTokenGuard::parametersOnly), audit));
      if (webhookReceiver != null) {
        RateLimiter limiter = webhookLimiter != null ? webhookLimiter : limiter(PolicyKeys.WEBHOOK_RATE_LIMIT);
        chain.add(new WebhookIngress(routes, webhookRoutes, webhookReceiver, limiter, webhookMaxBodyBytes, guardAudit));
      }
      if (browserLogin) {
        RateLimiter limiter = loginLimiter != null ? loginLimiter : limiter(PolicyKeys.LOGIN_RATE_LIMIT);
        chain.add(new BrowserSessionGuard(routes, credentials.orElseThrow(), limiter, sessionMaxAge, loginTitle, headersGuard, guardAudit));
      }
      chain.add(new BearerAuthGuard(routes, credentials, guardAudit));
      if (eventReceiver != null) {
        chain.add(new EventEndpoint(routes, credentials.orElseThrow(), events, eventReceiver, eventMaxBodyBytes, guardAudit));
      }
      chain.addAll(hostGuards);
      return new HttpGuards(chain, headersGuard, guardAudit, bind, trustedProxies, bound);
    }

    private RateLimiter limiter(dev.hostpolicy.api.spi.PolicyKey<Rate> key) {
      return policy != null ? policy.newRateLimiter(key) : RateLimiter.builder(key.defaultValue()).name(key.id()).build();
    }
  }
}
