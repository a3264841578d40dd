package dev.hostpolicy.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;

/**
 * Draws many values from an arbitrary at once, reproducibly from a seed, so a test can batch
 * them into one call of a slow oracle (one shell script, one {@code node} process) instead of one
 * process per try. Report the seed when the batch fails; {@code -Dhostpolicy.seed=…} replays it.
 * Call it inside a jqwik {@code @Example} or {@code @Property}: jqwik's generators need its
 * lifecycle.
 *
 * <pre>{@code
 * @Example
 * void shellsAgree() {
 *   long seed = Samples.seed();
 *   List<String> inputs = Samples.draw(TextArbitraries.hostileTextWithoutNul(), 100_000, seed);
 *   // write all of them into one script, run it once, compare; on failure print the seed
 * }
 * }</pre>
 */
public final class Samples {
  private Samples() {}

  /** Generation size passed to jqwik; large enough for full-length strings and lists. */
  private static final int GEN_SIZE = 1000;

  /**
   * A seed for {@link #draw}: the {@code hostpolicy.seed} system property when set (to replay a
   * failure), otherwise a fresh one.
   */
  public static long seed() {
    String fixed = System.getProperty("hostpolicy.seed");
    return fixed != null ? Long.parseLong(fixed) : new java.security.SecureRandom().nextLong();
  }

  /** {@code count} values of {@code arbitrary}, the same ones for the same seed. */
  public static <T> List<T> draw(Arbitrary<T> arbitrary, int count, long seed) {
    Objects.requireNonNull(arbitrary, "arbitrary");
    RandomGenerator<T> generator = arbitrary.generator(GEN_SIZE);
    Random random = new Random(seed);
    List<T> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(generator.next(random).value());
    }
    return out;
  }
}
