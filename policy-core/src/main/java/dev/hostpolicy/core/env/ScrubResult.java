package dev.hostpolicy.core.env;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link EnvironmentScrubber} decided: the environment a child gets (kept parent variables
 * plus injected ones, sorted by name) and, for diagnostics, the <em>names</em> of the parent variables
 * it removed and of those the host injected. The kept map holds values — some may be secrets the host
 * passed on purpose — so never log it; {@link #toString()} shows counts only.
 *
 * <pre>{@code
 * ScrubResult result = scrubber.scrub(System.getenv());
 * ProcessBuilder child = new ProcessBuilder("make");
 * result.applyTo(child.environment());                  // replaces the inherited environment
 * log.log(DEBUG, "removed from the child environment: " + result.removed());   // names only
 * }</pre>
 */
public final class ScrubResult {
  private final Map<String, String> kept;
  private final List<String> removed;
  private final List<String> injected;

  ScrubResult(Map<String, String> kept, List<String> removed, List<String> injected) {
    this.kept = Collections.unmodifiableMap(kept); // the scrubber hands over a fresh sorted map
    this.removed = removed;
    this.injected = injected;
  }

  /** The child's environment: name to value, sorted by name. Values may be secret: never log them. */
  public Map<String, String> kept() {
    return kept;
  }

  /** The names of {@link #kept()}, sorted. */
  public List<String> keptNames() {
    return List.copyOf(kept.keySet());
  }

  /** The names of the parent variables that were removed, sorted (never values). */
  public List<String> removed() {
    return removed;
  }

  /** The names the host injected after scrubbing, sorted. */
  public List<String> injected() {
    return injected;
  }

  /**
   * Makes {@code target} (for example {@code ProcessBuilder.environment()}) exactly {@link #kept()}:
   * everything else in it is removed first.
   */
  public void applyTo(Map<String, String> target) {
    Objects.requireNonNull(target, "target");
    target.clear();
    target.putAll(kept);
  }

  /** Counts only: values may be secrets and names may be hostile text. */
  @Override
  public String toString() {
    return "ScrubResult[" + kept.size() + " kept, " + removed.size() + " removed, " + injected.size() + " injected]";
  }
}
