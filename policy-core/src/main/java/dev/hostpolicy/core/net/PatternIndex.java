package dev.hostpolicy.core.net;

import dev.hostpolicy.api.Decision;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Host patterns hashed for lookups whose cost depends on the number of labels in the host, not on
 * the number of patterns: one probe for the exact host, then one per proper suffix
 * ({@code a.b.example.com} probes {@code b.example.com}, {@code example.com}, {@code com} for
 * wildcards), and one probe for an IP.
 */
final class PatternIndex {

  /** The ports one host key admits, and the first pattern that put it there (for details). */
  private static final class Ports {
    boolean any;
    final Set<Integer> ports = new LinkedHashSet<>();
    String firstPattern;
    Decision allowing;

    boolean admits(int port) {
      return any || ports.contains(port);
    }
  }

  /**
   * Whether a pattern covered the host, and whether one of those also covered the port; for a full
   * match, the allowing decision naming the pattern (built once, when the index is).
   */
  record Match(boolean hostMatched, boolean portMatched, String pattern, Decision allowing) {
    static final Match NONE = new Match(false, false, "", Decision.allow());

    static Match full(Ports p) {
      return new Match(true, true, p.firstPattern, p.allowing);
    }

    static Match hostOnly(Ports p) {
      return new Match(true, false, p.firstPattern, p.allowing);
    }
  }

  private final Map<String, Ports> exact = new HashMap<>();
  private final Map<String, Ports> wildcard = new HashMap<>();
  private final Map<IpAddress, Ports> ips = new HashMap<>();

  /**
   * @param patterns the entries
   * @param portlessPorts the ports an entry without {@code :port} admits; empty means every port
   */
  PatternIndex(List<HostPattern> patterns, Set<Integer> portlessPorts) {
    for (HostPattern p : patterns) {
      Ports ports;
      switch (p.kind()) {
        case EXACT_HOST:
          ports = exact.computeIfAbsent(p.host(), k -> new Ports());
          break;
        case WILDCARD:
          ports = wildcard.computeIfAbsent(p.host(), k -> new Ports());
          break;
        case IP:
        default:
          ports = ips.computeIfAbsent(p.ip().orElseThrow(), k -> new Ports());
          break;
      }
      if (p.port().isPresent()) {
        ports.ports.add(p.port().getAsInt());
      } else if (portlessPorts.isEmpty()) {
        ports.any = true;
      } else {
        ports.ports.addAll(portlessPorts);
      }
      if (ports.firstPattern == null) {
        ports.firstPattern = p.toString();
        ports.allowing = Decision.allow(Decision.ALLOWED, "allowed by " + ports.firstPattern);
      }
    }
  }

  boolean isEmpty() {
    return exact.isEmpty() && wildcard.isEmpty() && ips.isEmpty();
  }

  /** Looks up a normalised host name. */
  Match matchHost(String host, int port) {
    Match best = Match.NONE;
    Ports e = exact.isEmpty() ? null : exact.get(host);
    if (e != null) {
      if (e.admits(port)) {
        return Match.full(e);
      }
      best = Match.hostOnly(e);
    }
    if (wildcard.isEmpty()) {
      return best;
    }
    for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
      Ports w = wildcard.get(host.substring(dot + 1));
      if (w != null) {
        if (w.admits(port)) {
          return Match.full(w);
        }
        if (!best.hostMatched()) {
          best = Match.hostOnly(w);
        }
      }
    }
    return best;
  }

  /** Looks up an IP (IPv4-mapped addresses must be unmapped by the caller). */
  Match matchIp(IpAddress ip, int port) {
    Ports p = ips.isEmpty() ? null : ips.get(ip.withoutZone());
    if (p == null) {
      return Match.NONE;
    }
    return p.admits(port) ? Match.full(p) : Match.hostOnly(p);
  }
}
