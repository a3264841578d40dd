package dev.hostpolicy.core.net;

import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.AddressResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bounded lookup: the resolver runs on a worker thread (the system resolver cannot be
 * interrupted) and the caller waits at most the timeout. A resolver that answers from memory runs
 * inline. Every failure — unknown host, empty or {@code null}-bearing answer, exception, timeout, a
 * saturated pool — is an outcome with a reason code, never an exception.
 */
final class Resolution {
  private Resolution() {}

  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Sixteen lookups at a time, 1024 waiting; beyond that lookups fail (closed) at once. */
  private static final ThreadPoolExecutor POOL = newPool();

  private static ThreadPoolExecutor newPool() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024), r -> {
      Thread t = new Thread(r, "hostpolicy-resolver-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The addresses, or a denial reason with its detail. */
  record Outcome(List<InetAddress> addresses, String reason, String detail) {
    boolean ok() {
      return reason.isEmpty();
    }

    static Outcome failure(String reason, String detail) {
      return new Outcome(List.of(), reason, detail);
    }
  }

  /**
   * Resolves {@code host}, bounded by {@code timeout}: a worker thread that has not answered in time
   * is abandoned, and an answer that arrives later than {@code timeout} by {@code time} (the clock a
   * test can move) is discarded as a timeout too.
   */
  static Outcome resolve(AddressResolver resolver, String host, Duration timeout, TimeSource time) {
    long start = time.nanoTime();
    Outcome o = resolveUnbounded(resolver, host, timeout);
    if (o.ok() && time.nanoTime() - start > timeout.toNanos()) {
      return timedOut(host, timeout);
    }
    return o;
  }

  private static Outcome timedOut(String host, Duration timeout) {
    return Outcome.failure("egress.dns-timeout", "resolving " + host + " took longer than " + timeout.toMillis() + " ms");
  }

  private static Outcome resolveUnbounded(AddressResolver resolver, String host, Duration timeout) {
    List<InetAddress> raw;
    if (resolver.answersFromMemory()) {
      try {
        raw = resolver.resolve(host);
      } catch (UnknownHostException e) {
        return unknown(host);
      } catch (RuntimeException e) {
        return broken(resolver, host, e);
      }
      return validate(resolver, host, raw);
    }
    Future<List<InetAddress>> f;
    try {
      f = POOL.submit(() -> resolver.resolve(host));
    } catch (RejectedExecutionException e) {
      return Outcome.failure("egress.dns-failure", "too many lookups in flight; " + host + " was not resolved");
    }
    try {
      raw = f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      return timedOut(host, timeout);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      return Outcome.failure("egress.dns-failure", "interrupted while resolving " + host);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UnknownHostException) {
        return unknown(host);
      }
      return broken(resolver, host, cause);
    }
    return validate(resolver, host, raw);
  }

  private static Outcome unknown(String host) {
    return Outcome.failure("egress.dns-failure", host + " does not resolve");
  }

  private static Outcome broken(AddressResolver resolver, String host, Throwable t) {
    return Outcome.failure("egress.dns-failure",
        "resolver " + SafeText.clean(safeId(resolver), 60) + " failed for " + host + " (" + t.getClass().getSimpleName() + ")");
  }

  private static String safeId(AddressResolver resolver) {
    try {
      return resolver.id();
    } catch (RuntimeException e) {
      return resolver.getClass().getName();
    }
  }

  /** Copies the answer into fresh, host-named InetAddresses, dropping duplicates; refuses empty or null answers. */
  private static Outcome validate(AddressResolver resolver, String host, List<InetAddress> raw) {
    if (raw == null || raw.isEmpty()) {
      return Outcome.failure("egress.dns-failure", host + " resolved to no address");
    }
    List<IpAddress> seen = new ArrayList<>(raw.size());
    for (InetAddress a : raw) {
      if (a == null) {
        return Outcome.failure("egress.dns-failure",
            "resolver " + SafeText.clean(safeId(resolver), 60) + " returned a null address for " + host);
      }
      IpAddress ip = IpAddress.of(a).unmapped().withoutZone();
      if (!seen.contains(ip)) {
        seen.add(ip);
      }
    }
    InetAddress[] out = new InetAddress[seen.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = seen.get(i).toInetAddress(host);
    }
    return new Outcome(List.of(out), "", "");
  }
}
