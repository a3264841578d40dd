package dev.hostpolicy.core.net;

import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.AddressResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A fixed host → addresses table, like curl's {@code --resolve}: names not in the table do not
 * resolve, and nothing ever reaches DNS. Host names are normalised as targets are, so
 * {@code Bücher.example} and {@code xn--bcher-kva.example} are one entry. Immutable.
 *
 * <pre>{@code
 * AddressResolver pinned = StaticAddressResolver.builder()
 *     .add("registry.acme.example", "203.0.113.7")
 *     .add("registry.acme.example", "2001:db8::7")
 *     .build();
 * }</pre>
 */
public final class StaticAddressResolver implements AddressResolver {
  private final Map<String, List<IpAddress>> table;

  private StaticAddressResolver(Map<String, List<IpAddress>> table) {
    this.table = table;
  }

  /** An empty table to fill. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return "static";
  }

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    List<IpAddress> ips = table.get(host);
    if (ips == null) {
      throw new UnknownHostException(SafeText.clean(host, 253) + " is not in the static table");
    }
    List<InetAddress> out = new ArrayList<>(ips.size());
    for (IpAddress ip : ips) {
      out.add(ip.toInetAddress(host));
    }
    return List.copyOf(out);
  }

  /** Answers come from the table, without blocking. */
  @Override
  public boolean answersFromMemory() {
    return true;
  }

  /** The normalised host names in the table. */
  public Set<String> hosts() {
    return table.keySet();
  }

  @Override
  public String toString() {
    return "StaticAddressResolver" + table;
  }

  /**
   * Collects entries; several addresses per host keep their order.
   *
   * <pre>{@code
   * StaticAddressResolver.builder().add("a.example", "192.0.2.1").build();
   * }</pre>
   */
  public static final class Builder {
    private final Map<String, Set<IpAddress>> table = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds an address for a host.
     *
     * @throws IllegalArgumentException if the host is not a valid host name or the address not a
     *     strict IP literal
     */
    public Builder add(String host, String address) {
      Objects.requireNonNull(address, "address");
      IpAddress ip = IpAddress.tryParse(address).orElseThrow(
          () -> new IllegalArgumentException("\"" + SafeText.clean(address, 60) + "\" is not a strict IP literal"));
      return add(host, ip);
    }

    /**
     * Adds an address for a host.
     *
     * @throws IllegalArgumentException if the host is not a valid host name
     */
    public Builder add(String host, IpAddress address) {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(address, "address");
      HostSyntax.Result r = HostSyntax.classify(host);
      if (r.kind() != HostSyntax.Kind.NAME) {
        throw new IllegalArgumentException("\"" + SafeText.clean(host, 80) + "\" is not a host name"
            + (r.why().isEmpty() ? "" : ": " + r.why()));
      }
      table.computeIfAbsent(r.name(), k -> new LinkedHashSet<>()).add(address.withoutZone());
      return this;
    }

    /** The immutable resolver. */
    public StaticAddressResolver build() {
      Map<String, List<IpAddress>> copy = new LinkedHashMap<>();
      table.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return new StaticAddressResolver(java.util.Collections.unmodifiableMap(copy));
    }
  }
}
