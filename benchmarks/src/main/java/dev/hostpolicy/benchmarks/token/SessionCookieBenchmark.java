package dev.hostpolicy.benchmarks.token;

import dev.hostpolicy.api.ConstantTime;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.SessionCookie;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifying a presented session cookie: {@link SessionCookie#verify} (the hash is computed once per
 * token, so a request costs one constant-time comparison) next to the anchor, the bare
 * {@link ConstantTime#equals(CharSequence, CharSequence)} of the two values — and, for scale, a
 * second anchor that recomputes the SHA-256 value per request as a naive implementation would.
 *
 * <pre>{@code
 * benchmarks/run 'SessionCookie'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionCookieBenchmark {

  /** Where the presented value first differs from the right one. */
  @Param({"first", "last", "none"})
  public String mismatch;

  private SessionCookie session;
  private Secret token;
  private String expected;
  private String presented;

  /** Builds the cookie and the presented value. */
  @Setup
  public void setUp() {
    token = Secret.fromUtf8("hp_q3Wd-5mQ0bX_wq1Lz9AcEJx0q3W-dZk1pQbfAe8Lw2m0aZ9bX");
    session = SessionCookie.forToken(token);
    expected = new String(session.value().toCharArray());
    char[] c = session.value().toCharArray();
    if (mismatch.equals("first")) {
      c[0] = c[0] == 'Z' ? 'Y' : 'Z';
    } else if (mismatch.equals("last")) {
      c[42] = c[42] == 'Z' ? 'Y' : 'Z';
    }
    presented = new String(c);
  }

  /** Ours: {@code session.verify(presented)}. */
  @Benchmark
  public boolean verify() {
    return session.verify(presented);
  }

  /** Anchor: the constant-time comparison alone. */
  @Benchmark
  public boolean anchorConstantTimeEquals() {
    return ConstantTime.equals(expected, presented);
  }

  /** Anchor for scale: hashing the token on every request, then comparing. */
  @Benchmark
  public boolean anchorHashPerRequest() {
    return ConstantTime.equals(SessionCookie.valueFor(token), presented);
  }
}
