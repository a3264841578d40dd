package dev.hostpolicy.testkit.fake;

import dev.hostpolicy.api.spi.AddressResolver;
import dev.hostpolicy.core.net.IpAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link AddressResolver} whose answers are scripted per host and per call, for DNS-rebinding and
 * failure tests: the first call may answer a public address and the second a private one; answers
 * may mix public and private addresses; a call may fail, throw, answer nothing, wait on a latch, or
 * move a {@link FakeTimeSource} forward to simulate a slow server. The last step of a host repeats.
 * Unknown hosts throw {@link UnknownHostException}. Every call is recorded. Thread-safe.
 *
 * <pre>{@code
 * ScriptedResolver dns = ScriptedResolver.builder()
 *     .answer("rebind.example", "203.0.113.7")      // first lookup: public
 *     .answer("rebind.example", "127.0.0.1")        // every later lookup: loopback
 *     .answer("mixed.example", "203.0.113.8", "10.0.0.8")
 *     .fail("gone.example")
 *     .build();
 * EgressPolicy policy = EgressPolicy.builder().allow("*.example").resolver(dns).build();
 * policy.check("rebind.example:443");   // allowed, pinned to 203.0.113.7
 * dns.calls("rebind.example");          // 1: the decision resolved exactly once
 * }</pre>
 */
public final class ScriptedResolver implements AddressResolver {

  private enum Kind {
    ANSWER,
    UNKNOWN,
    THROW,
    EMPTY,
    NULL_ELEMENT
  }

  private record Step(Kind kind, List<IpAddress> ips, RuntimeException error, CountDownLatch latch,
      FakeTimeSource clock, Duration delay) {}

  private final Map<String, List<Step>> script;
  private final boolean inMemory;
  private final String id;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<String> lookups = Collections.synchronizedList(new ArrayList<>());

  private ScriptedResolver(Builder b) {
    Map<String, List<Step>> copy = new LinkedHashMap<>();
    b.script.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.script = Collections.unmodifiableMap(copy);
    this.inMemory = b.inMemory;
    this.id = b.id;
  }

  /** An empty script: every host is unknown until scripted. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean answersFromMemory() {
    return inMemory;
  }

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    Objects.requireNonNull(host, "host");
    lookups.add(host);
    int n = calls.computeIfAbsent(host, k -> new AtomicInteger()).incrementAndGet();
    List<Step> steps = script.get(host.toLowerCase(Locale.ROOT));
    if (steps == null) {
      throw new UnknownHostException(host + " is not scripted");
    }
    Step step = steps.get(Math.min(n, steps.size()) - 1);
    if (step.latch() != null) {
      try {
        if (!step.latch().await(2, TimeUnit.MINUTES)) {
          throw new IllegalStateException("the scripted latch for " + host + " was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while blocked on the scripted latch", e);
      }
    }
    if (step.clock() != null) {
      step.clock().advance(step.delay());
    }
    switch (step.kind()) {
      case UNKNOWN:
        throw new UnknownHostException(host + " (scripted failure)");
      case THROW:
        throw step.error();
      case EMPTY:
        return List.of();
      case NULL_ELEMENT:
        List<InetAddress> withNull = new ArrayList<>();
        withNull.add(null);
        return withNull;
      case ANSWER:
      default:
        List<InetAddress> out = new ArrayList<>();
        for (IpAddress ip : step.ips()) {
          out.add(ip.toInetAddress(host));
        }
        return List.copyOf(out);
    }
  }

  /** How many times {@code host} was looked up. */
  public int calls(String host) {
    AtomicInteger c = calls.get(host);
    return c == null ? 0 : c.get();
  }

  /** How many lookups there were, for all hosts. */
  public int totalCalls() {
    return lookups.size();
  }

  /** Every lookup's host, in call order. */
  public List<String> lookups() {
    synchronized (lookups) {
      return List.copyOf(lookups);
    }
  }

  @Override
  public String toString() {
    return "ScriptedResolver" + script.keySet();
  }

  /**
   * Scripts the answers. Each call for a host appends its next step; the last step repeats.
   *
   * <pre>{@code
   * CountDownLatch release = new CountDownLatch(1);
   * ScriptedResolver dns = ScriptedResolver.builder()
   *     .blocked("slow.example", release, "203.0.113.9")
   *     .delayed("late.example", clock, Duration.ofSeconds(10), "203.0.113.10")
   *     .inMemory(true)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final Map<String, List<Step>> script = new LinkedHashMap<>();
    private boolean inMemory;
    private String id = "scripted";

    private Builder() {}

    private Builder add(String host, Step step) {
      Objects.requireNonNull(host, "host");
      script.computeIfAbsent(host.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(step);
      return this;
    }

    private static List<IpAddress> ips(String... addresses) {
      List<IpAddress> out = new ArrayList<>();
      for (String a : addresses) {
        out.add(IpAddress.parse(a));
      }
      return List.copyOf(out);
    }

    /** The next lookup of {@code host} answers these addresses (strict literals, in order). */
    public Builder answer(String host, String... addresses) {
      return add(host, new Step(Kind.ANSWER, ips(addresses), null, null, null, null));
    }

    /** The next lookup of {@code host} answers these addresses. */
    public Builder answer(String host, List<IpAddress> addresses) {
      return add(host, new Step(Kind.ANSWER, List.copyOf(addresses), null, null, null, null));
    }

    /** The next lookup of {@code host} throws {@link UnknownHostException}. */
    public Builder fail(String host) {
      return add(host, new Step(Kind.UNKNOWN, List.of(), null, null, null, null));
    }

    /** The next lookup of {@code host} throws {@code error} (a broken resolver). */
    public Builder throwing(String host, RuntimeException error) {
      return add(host, new Step(Kind.THROW, List.of(), Objects.requireNonNull(error, "error"), null, null, null));
    }

    /** The next lookup of {@code host} answers an empty list (a misbehaving resolver). */
    public Builder empty(String host) {
      return add(host, new Step(Kind.EMPTY, List.of(), null, null, null, null));
    }

    /** The next lookup of {@code host} answers a list holding {@code null} (a misbehaving resolver). */
    public Builder nullElement(String host) {
      return add(host, new Step(Kind.NULL_ELEMENT, List.of(), null, null, null, null));
    }

    /** The next lookup of {@code host} waits until {@code latch} is released (at most two minutes), then answers. */
    public Builder blocked(String host, CountDownLatch latch, String... addresses) {
      return add(host, new Step(Kind.ANSWER, ips(addresses), null, Objects.requireNonNull(latch, "latch"), null, null));
    }

    /** The next lookup of {@code host} moves {@code clock} forward by {@code delay}, then answers. */
    public Builder delayed(String host, FakeTimeSource clock, Duration delay, String... addresses) {
      return add(host, new Step(Kind.ANSWER, ips(addresses), null, null, Objects.requireNonNull(clock, "clock"),
          Objects.requireNonNull(delay, "delay")));
    }

    /** Whether to declare the answers in-memory (called inline by the policy); {@code false} by default. */
    public Builder inMemory(boolean inMemory) {
      this.inMemory = inMemory;
      return this;
    }

    /** The resolver id ({@code scripted} by default). */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** The resolver; the script is copied. */
    public ScriptedResolver build() {
      return new ScriptedResolver(this);
    }
  }
}
