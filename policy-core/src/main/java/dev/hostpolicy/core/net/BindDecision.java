package dev.hostpolicy.core.net;

import dev.hostpolicy.api.Decision;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BindGuard#check} allowed: the decision, the address, whether it is loopback-only, and —
 * when an insecure network bind was allowed by explicit opt-in — the banner the host must print.
 *
 * <pre>{@code
 * BindDecision d = guard.check("0.0.0.0:8080", false, true);
 * d.banner().ifPresent(System.err::println);   // loud, multi-line
 * d.decision().reason();                        // "bind.insecure-allowed"
 * }</pre>
 *
 * @param decision allowed (plain, or {@code bind.insecure-allowed})
 * @param address the bind address as given, normalised ({@code 0.0.0.0:8080}, {@code [::1]:3000})
 * @param loopbackOnly whether only this machine can connect
 * @param banner the warning to print when an insecure bind was allowed
 */
public record BindDecision(Decision decision, String address, boolean loopbackOnly, Optional<String> banner) {
  /** Checks the parts. */
  public BindDecision {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(banner, "banner");
  }
}
