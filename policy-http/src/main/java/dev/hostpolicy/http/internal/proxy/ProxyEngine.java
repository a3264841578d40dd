package dev.hostpolicy.http.internal.proxy;

import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.core.net.EgressDecision;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.core.net.EgressTarget;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The egress proxy's machinery behind {@code dev.hostpolicy.http.proxy.EgressProxy}: one acceptor
 * thread; a bounded pool of worker threads that read and check request heads, decide, connect and
 * forward plain HTTP with blocking channels; and a few selector threads ({@link TunnelLoop}) that move
 * the bytes of established CONNECT tunnels. A {@link Watchdog} bounds every blocked worker.
 *
 * <p>Order of checks for each request: head syntax (400), proxy authentication (407), target syntax
 * and Host agreement (403 / 400), the egress decision (403), audit (an allowed decision that cannot be
 * recorded is refused), connect to the pinned addresses only (502 / 504), then the tunnel or the
 * forwarded exchange.
 *
 * <pre>{@code
 * ProxyEngine engine = new ProxyEngine(settings, policy, serverChannel);
 * engine.start();
 * ...
 * engine.close();
 * }</pre>
 */
public final class ProxyEngine implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ProxyEngine.class.getName());
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** Workers beyond maxConnections, for the moment between a slot's release and the worker's return. */
  static final int WORKER_SLACK = 64;

  /** Longest response head accepted from an origin. */
  static final int RESPONSE_HEAD_LIMIT = 64 * 1024;
  /** How long a refused client may keep sending before the proxy closes anyway. */
  static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** How much a refused client may send while the proxy lingers. */
  static final long LINGER_BYTES = 256 * 1024;

  private final ProxySettings s;
  private final EgressPolicy policy;
  private final ServerSocketChannel server;
  private final InetSocketAddress self;
  private final ProxyAudit audit;
  private final Semaphore slots;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger tunnels = new AtomicInteger();
  private final Object idle = new Object();
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor rejecter;
  private final TunnelLoop[] loops;
  private final Thread[] loopThreads;
  private final AtomicInteger nextLoop = new AtomicInteger();
  private final Watchdog watchdog;
  private final Thread acceptor;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final int clientBufferBytes;
  private volatile boolean closing;

  /**
   * An engine serving {@code server} (bound, blocking) under {@code policy}; nothing runs until
   * {@link #start()}.
   */
  public ProxyEngine(ProxySettings settings, EgressPolicy policy, ServerSocketChannel server) throws IOException {
    this.s = settings;
    this.policy = policy;
    this.server = server;
    this.self = (InetSocketAddress) server.getLocalAddress();
    this.audit = new ProxyAudit(settings.audit(), settings.runId());
    this.slots = new Semaphore(settings.maxConnections());
    this.clientBufferBytes = Math.max(settings.maxHeaderBytes() + 1024, 16 * 1024);
    String name = "hostpolicy-egress-proxy-" + INSTANCES.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    // An idle worker is reused before a new one is made (a hand-off queue), and idle workers end after
    // 30 s: an established tunnel holds no thread, and neither does a burst that has passed. At most
    // maxConnections tasks run (the slots); the slack covers workers between releasing a slot and
    // polling for the next task.
    this.workers = new ThreadPoolExecutor(0, settings.maxConnections() + WORKER_SLACK, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> daemon(r, name + "-worker-" + n.incrementAndGet()));
    this.rejecter = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64),
        r -> daemon(r, name + "-reject-" + n.incrementAndGet()));
    this.rejecter.allowCoreThreadTimeOut(true);
    long idle = settings.idleTimeout().toNanos();
    this.watchdog = new Watchdog(settings.time(), idle, settings.headerTimeout().toNanos(), settings.tickMillis(),
        name + "-watchdog");
    this.loops = new TunnelLoop[settings.ioThreads()];
    this.loopThreads = new Thread[settings.ioThreads()];
    try {
      for (int i = 0; i < loops.length; i++) {
        loops[i] = new TunnelLoop(settings.bufferBytes(), 64, settings.time(), idle, settings.tickMillis(),
            () -> daemon(this::close, name + "-failstop").start());
        loopThreads[i] = daemon(loops[i], name + "-tunnels-" + (i + 1));
      }
    } catch (IOException e) {
      watchdog.close();
      throw e;
    }
    this.acceptor = daemon(this::acceptLoop, name + "-accept");
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Starts the threads. */
  public void start() {
    for (Thread t : loopThreads) {
      t.start();
    }
    acceptor.start();
  }

  /** The address the engine listens on. */
  public InetSocketAddress address() {
    return self;
  }

  /** Client connections open now (tunnels included). */
  public int openConnections() {
    return open.get();
  }

  /** CONNECT tunnels open now (counted from just before the {@code 200} is sent). */
  public int openTunnels() {
    return tunnels.get();
  }

  /** Whether the engine has stopped (closed, or failed and closed itself). */
  public boolean isClosed() {
    return closed.getCount() == 0;
  }

  /** Waits until the engine has stopped. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  // ------------------------------------------------------------------ accepting

  private void acceptLoop() {
    try {
      while (!closing) {
        SocketChannel c;
        try {
          c = server.accept();
        } catch (ClosedChannelException e) {
          break;
        } catch (IOException e) {
          if (closing) {
            break;
          }
          // out of file descriptors or a transient error: back off briefly, never spin
          LOG.log(Level.WARNING, "egress proxy: accept failed: " + e.getMessage());
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
          continue;
        }
        admit(c);
      }
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "egress proxy: the acceptor failed; the proxy closes (fail closed)", e);
    } finally {
      if (!closing) {
        close();
      }
    }
  }

  private void admit(SocketChannel c) {
    try {
      c.setOption(StandardSocketOptions.TCP_NODELAY, true);
    } catch (IOException e) {
      Exchange.closeQuietly(c);
      return;
    }
    if (!slots.tryAcquire()) {
      try {
        rejecter.execute(() -> rejectForCapacity(c));
      } catch (RejectedExecutionException e) {
        Exchange.closeQuietly(c);
      }
      return;
    }
    long acceptedAt = s.time().nanoTime();
    open.incrementAndGet();
    try {
      workers.execute(() -> serve(c, acceptedAt));
    } catch (RejectedExecutionException e) {
      release();
      try {
        rejecter.execute(() -> rejectForCapacity(c));
      } catch (RejectedExecutionException again) {
        Exchange.closeQuietly(c);
      }
    }
  }

  private void release() {
    int now = open.decrementAndGet();
    slots.release();
    if (now == 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  /**
   * Waits until no client connection is open (their descriptors closed), at most {@code millis}.
   * Returns whether it got there.
   */
  public boolean awaitIdle(long millis) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (idle) {
      while (open.get() > 0) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
    }
    return true;
  }

  private void rejectForCapacity(SocketChannel c) {
    Exchange ex = watchdog.open();
    ex.add(c);
    try {
      audit.denied(AuditActor.SYSTEM, Optional.empty(), Optional.empty(), Reasons.CAPACITY,
          "all " + s.maxConnections() + " connection slots are in use");
      Conn conn = new Conn(c, ex, 4096);
      ex.active();
      conn.write(Responses.unavailable());
      linger(ex, conn);
    } catch (IOException | RuntimeException e) {
      // the client went away; nothing to tell
    } finally {
      ex.expire();
      ex.done();
    }
  }

  // ------------------------------------------------------------------ one client connection

  private void serve(SocketChannel c, long acceptedAt) {
    Exchange ex = watchdog.open();
    ex.add(c);
    if (closing) {
      ex.expire();
    }
    boolean handedOff = false;
    try {
      Conn client = new Conn(c, ex, clientBufferBytes);
      boolean first = true;
      while (true) {
        if (first) {
          ex.awaitFirstHead(acceptedAt);
          first = false;
        } else {
          ex.awaitHead();
        }
        byte[] headBytes;
        ProxyRequest r;
        try {
          headBytes = client.readHead(s.maxHeaderBytes());
          if (headBytes == null) {
            return;
          }
          ex.active();
          r = ProxyRequest.of(HeadParser.parse(headBytes, headBytes.length));
        } catch (BadMessage e) {
          refuse(ex, client, AuditActor.OPEN, Optional.empty(), Optional.empty(), e.reason(), e.detail(),
              Responses.badRequest(e.reason(), e.detail()));
          return;
        }
        Optional<String> authFailure = ProxyAuth.check(s.token(), r.proxyAuthorization());
        if (authFailure.isPresent()) {
          String reason = authFailure.get();
          refuse(ex, client, AuditActor.OPEN, Optional.of(r.method()), Optional.empty(), reason,
              reason.equals(Reasons.AUTH_REQUIRED) ? "no Proxy-Authorization" : "the proxy credentials do not match",
              Responses.authRequired(reason));
          return;
        }
        if (r.isConnect()) {
          handedOff = tunnel(ex, client, r);
          return;
        }
        if (!forward(ex, client, r)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "egress proxy: connection ended: " + e);
    } finally {
      if (!handedOff) {
        ex.expire();
        release();
      }
      ex.done();
    }
  }

  /** A request the proxy will not serve: audit, answer, stop reading, close. */
  private void refuse(Exchange ex, Conn client, AuditActor actor, Optional<String> method, Optional<String> target,
      String reason, String detail, byte[] response) throws IOException {
    audit.denied(actor, method, target, reason, detail);
    client.write(response);
    linger(ex, client);
  }

  /**
   * Half-closes, then reads and discards what the client still sends (bounded in bytes and time)
   * before the caller closes: closing with unread bytes would reset the connection and could destroy
   * the response before the client reads it.
   */
  private void linger(Exchange ex, Conn client) {
    try {
      ((SocketChannel) client.channel()).shutdownOutput();
      ex.lingerFor(LINGER_NANOS);
      client.discard(LINGER_BYTES);
    } catch (IOException e) {
      // the client is gone
    }
  }

  // ------------------------------------------------------------------ deciding

  /** An allowed target with its pinned addresses. */
  private record Allowed(EgressTarget target, List<InetSocketAddress> addresses) {}

  /**
   * Parses the target, decides, audits. Empty when refused (the response was sent); otherwise the
   * validated addresses.
   */
  private Optional<Allowed> decide(Exchange ex, Conn client, ProxyRequest r) throws IOException {
    String authority = r.authority();
    if (authority.indexOf('@') >= 0) {
      refuse(ex, client, AuditActor.SYSTEM, Optional.of(r.method()), Optional.empty(), Reasons.USERINFO,
          "userinfo in the request target is refused (it is not echoed: it may hold a password)",
          Responses.forbidden(Reasons.USERINFO, "userinfo in the request target is refused"));
      return Optional.empty();
    }
    EgressTarget t;
    try {
      t = EgressTarget.parse(r.isConnect() ? authority : "http://" + authority);
    } catch (PolicyViolationException e) {
      String detail = e.decision().detail();
      refuse(ex, client, AuditActor.SYSTEM, Optional.of(r.method()), Optional.empty(), e.reason(), detail,
          Responses.forbidden(e.reason(), detail));
      return Optional.empty();
    } catch (RuntimeException e) {
      String detail = "the target could not be read (" + e.getClass().getSimpleName() + ")";
      refuse(ex, client, AuditActor.SYSTEM, Optional.of(r.method()), Optional.empty(), Reasons.CHECK_FAILED, detail,
          Responses.forbidden(Reasons.CHECK_FAILED, detail));
      return Optional.empty();
    }
    if (!r.isConnect() && r.host().isPresent() && !hostMatches(r.host().get(), t)) {
      String detail = "the Host header does not name the request target " + t.authority();
      refuse(ex, client, AuditActor.SYSTEM, Optional.of(r.method()), Optional.of(t.authority()), Reasons.HOST_MISMATCH,
          detail, Responses.badRequest(Reasons.HOST_MISMATCH, detail));
      return Optional.empty();
    }
    boolean ok;
    String reason;
    String detail;
    List<InetSocketAddress> addresses = List.of();
    try {
      EgressDecision d = policy.check(t);
      ok = d.allowed();
      reason = d.reason();
      detail = d.detail();
      if (ok) {
        addresses = d.socketAddresses();
        for (InetSocketAddress a : addresses) {
          if (a.getPort() == self.getPort() && a.getAddress().equals(self.getAddress())) {
            ok = false;
            reason = Reasons.SELF_CONNECTION;
            detail = t.authority() + " is this proxy's own listen address";
          }
        }
      }
    } catch (RuntimeException e) {
      ok = false;
      reason = Reasons.CHECK_FAILED;
      detail = "the egress check failed (" + e.getClass().getSimpleName() + "); denied";
    }
    if (!ok || addresses.isEmpty()) {
      refuse(ex, client, AuditActor.SYSTEM, Optional.of(r.method()), Optional.of(t.authority()), reason, detail,
          Responses.forbidden(reason, detail));
      return Optional.empty();
    }
    try {
      audit.allowed(r.method(), t.authority(), reason, detail, addresses);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "egress proxy: the audit sink failed to record an allowed decision; refusing "
          + t.authority() + " (fail closed): " + e.getClass().getName());
      String why = "the decision could not be audited";
      client.write(Responses.forbidden(Reasons.AUDIT_FAILED, why));
      linger(ex, client);
      return Optional.empty();
    }
    return Optional.of(new Allowed(t, addresses));
  }

  /** Whether a Host header value names the same authority as the target (default port 80). */
  static boolean hostMatches(String host, EgressTarget target) {
    if (host.isEmpty()) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "/?#@\\".indexOf(c) >= 0) {
        return false;
      }
    }
    try {
      return EgressTarget.parse("http://" + host).authority().equals(target.authority());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Connects to the validated addresses in order, all within the connect timeout. Empty when none
   * answered (the 502 or 504 was sent).
   */
  private Optional<SocketChannel> connect(Exchange ex, Conn client, Allowed allowed) throws IOException {
    long deadline = s.time().nanoTime() + s.connectTimeout().toNanos();
    boolean timedOut = false;
    for (InetSocketAddress pinned : allowed.addresses()) {
      long left = deadline - s.time().nanoTime();
      if (left <= 0) {
        timedOut = true;
        break;
      }
      SocketChannel up = SocketChannel.open();
      ex.add(up);
      try {
        up.socket().connect(s.connector().route(pinned), (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
        up.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return Optional.of(up);
      } catch (SocketTimeoutException e) {
        timedOut = true;
      } catch (IOException e) {
        if (ex.expired()) {
          throw e;
        }
      }
      ex.remove(up);
      Exchange.closeQuietly(up);
    }
    String target = allowed.target().authority();
    if (timedOut) {
      LOG.log(Level.DEBUG, "egress proxy: connect to " + target + " timed out");
      client.write(Responses.gatewayTimeout("no validated address of " + target + " answered within "
          + s.connectTimeout().toMillis() + " ms"));
    } else {
      LOG.log(Level.DEBUG, "egress proxy: connect to " + target + " failed");
      client.write(Responses.badGateway(Reasons.UPSTREAM_UNREACHABLE, "no validated address of " + target
          + " accepted the connection"));
    }
    linger(ex, client);
    return Optional.empty();
  }

  // ------------------------------------------------------------------ CONNECT

  /** Returns whether the connection now belongs to a tunnel loop. */
  private boolean tunnel(Exchange ex, Conn client, ProxyRequest r) throws IOException {
    Optional<Allowed> allowed = decide(ex, client, r);
    if (allowed.isEmpty()) {
      return false;
    }
    Optional<SocketChannel> connected = connect(ex, client, allowed.get());
    if (connected.isEmpty()) {
      return false;
    }
    SocketChannel up = connected.get();
    tunnels.incrementAndGet();
    try {
      client.write(Responses.CONNECT_OK);
      client.drainTo(up); // bytes the client sent after the CONNECT head belong to the tunnel
      ex.remove(client.channel());
      ex.remove(up);
      if (ex.expired() || closing) {
        throw new ClosedChannelException();
      }
    } catch (IOException | RuntimeException e) {
      tunnels.decrementAndGet();
      Exchange.closeQuietly(up);
      Exchange.closeQuietly(client.channel());
      throw e;
    }
    TunnelLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    loop.add(new TunnelLoop.Tunnel((SocketChannel) client.channel(), up, () -> {
      tunnels.decrementAndGet();
      release();
    }));
    return true;
  }

  // ------------------------------------------------------------------ plain HTTP

  /** Forwards one absolute-form request; returns whether the client connection stays open. */
  private boolean forward(Exchange ex, Conn client, ProxyRequest r) throws IOException {
    Optional<Allowed> allowed = decide(ex, client, r);
    if (allowed.isEmpty()) {
      return false;
    }
    Optional<SocketChannel> connected = connect(ex, client, allowed.get());
    if (connected.isEmpty()) {
      return false;
    }
    SocketChannel up = connected.get();
    boolean responded = false;
    try {
      Conn upstream = new Conn(up, ex, RESPONSE_HEAD_LIMIT + 1024);
      upstream.write(requestHead(r, allowed.get().target()));
      try {
        if (r.expectContinue() && r.framing() != Framing.NONE) {
          client.write(Responses.CONTINUE);
        }
        copyBody(client, upstream, r.framing(), r.contentLength(), s.maxHeaderBytes());
      } catch (BadMessage e) {
        refuse(ex, client, AuditActor.SYSTEM, Optional.of(r.method()), Optional.of(allowed.get().target().authority()),
            e.reason(), e.detail(), Responses.badRequest(e.reason(), e.detail()));
        return false;
      }
      ResponseHead resp;
      try {
        while (true) {
          byte[] head = upstream.readHead(RESPONSE_HEAD_LIMIT);
          if (head == null) {
            throw new BadMessage(Reasons.BAD_UPSTREAM_RESPONSE, "the origin closed the connection without a response");
          }
          resp = ResponseHead.of(HeadParser.parse(head, head.length), r.method());
          if (resp.status() == 101) {
            throw new BadMessage(Reasons.BAD_UPSTREAM_RESPONSE, "the origin switched protocols unasked");
          }
          if (resp.status() >= 200) {
            break;
          }
          if (r.http11()) {
            client.write(resp.encode(true));
          }
        }
      } catch (BadMessage e) {
        client.write(Responses.badGateway(Reasons.BAD_UPSTREAM_RESPONSE, e.detail()));
        linger(ex, client);
        return false;
      }
      boolean keepAlive = !r.close() && resp.framing() != Framing.UNTIL_CLOSE;
      responded = true;
      client.write(resp.encode(keepAlive));
      try {
        copyBody(upstream, client, resp.framing(), resp.contentLength(), RESPONSE_HEAD_LIMIT);
      } catch (BadMessage e) {
        LOG.log(Level.DEBUG, "egress proxy: the origin's response body was malformed (" + e.reason() + "); closing");
        return false;
      }
      return keepAlive;
    } catch (IOException e) {
      if (!responded && !ex.expired()) {
        try {
          client.write(Responses.badGateway(Reasons.UPSTREAM_UNREACHABLE, "the connection to the origin failed"));
          linger(ex, client);
        } catch (IOException ignored) {
          // the client is gone too
        }
        return false;
      }
      throw e;
    } finally {
      ex.remove(up);
      Exchange.closeQuietly(up);
    }
  }

  private static void copyBody(Conn from, Conn to, Framing framing, long length, int trailerLimit)
      throws IOException, BadMessage {
    switch (framing) {
      case LENGTH:
        from.copyTo(to, length);
        break;
      case CHUNKED:
        ChunkedBody.copy(from, to, trailerLimit);
        break;
      case UNTIL_CLOSE:
        from.copyUntilEof(to);
        break;
      case NONE:
      default:
        break;
    }
  }

  /** The origin-form head: request line, Host from the decided target, the end-to-end fields, close. */
  static byte[] requestHead(ProxyRequest r, EgressTarget t) {
    StringBuilder sb = new StringBuilder(512);
    sb.append(r.method()).append(' ').append(r.originForm()).append(' ').append(r.http11() ? "HTTP/1.1" : "HTTP/1.0")
        .append("\r\n");
    String host = t.ipLiteral().map(ip -> ip.toUriHost()).orElse(t.host());
    sb.append("Host: ").append(host);
    if (t.port() != 80) {
      sb.append(':').append(t.port());
    }
    sb.append("\r\n");
    for (HeaderField f : r.forwardFields()) {
      sb.append(f.line());
    }
    sb.append("Connection: close\r\n\r\n");
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  // ------------------------------------------------------------------ stopping

  /** Stops accepting, closes every connection and tunnel, and waits (bounded) for the threads. */
  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    try {
      Exchange.closeQuietly(server);
      watchdog.close();
      for (TunnelLoop l : loops) {
        l.close();
      }
      workers.shutdownNow();
      rejecter.shutdownNow();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      for (TunnelLoop l : loops) {
        l.awaitStopped(Math.max(1, (until - System.nanoTime()) / 1_000_000));
      }
      workers.awaitTermination(Math.max(1, (until - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
      rejecter.awaitTermination(Math.max(1, (until - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
      if (Thread.currentThread() != acceptor) {
        acceptor.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closed.countDown();
    }
  }

  @Override
  public String toString() {
    return "ProxyEngine[" + self + ", " + s + "]";
  }
}
