package dev.hostpolicy.core.net;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.AddressResolver;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds an {@link AddressResolver} registered for {@link ServiceLoader} by its id. Resolvers are used
 * only when a host asks for one by id: a jar on the class path cannot take over DNS by being there.
 * Two providers with one id, or a provider that fails to load, stop the lookup with a
 * {@link PolicyConfigurationException}.
 *
 * <pre>{@code
 * AddressResolver resolver = AddressResolvers.byId("system");
 * EgressPolicy policy = EgressPolicy.builder().allow("api.github.com").resolver(resolver).build();
 * }</pre>
 */
public final class AddressResolvers {
  private AddressResolvers() {}

  /** The resolver with this id, found through the thread context class loader. */
  public static AddressResolver byId(String id) {
    return byId(id, Thread.currentThread().getContextClassLoader());
  }

  /**
   * The resolver with this id, found through {@code loader}.
   *
   * @throws PolicyConfigurationException if no provider or more than one has the id, or one fails to
   *     load
   */
  public static AddressResolver byId(String id, ClassLoader loader) {
    Objects.requireNonNull(id, "id");
    Map<String, AddressResolver> found = available(loader);
    AddressResolver r = found.get(id);
    if (r == null) {
      throw new PolicyConfigurationException("resolver",
          "no AddressResolver with id \"" + SafeText.clean(id, 80) + "\"; available: " + String.join(", ", found.keySet()));
    }
    return r;
  }

  /** Every registered resolver by id, in id order. */
  public static Map<String, AddressResolver> available(ClassLoader loader) {
    Map<String, AddressResolver> out = new TreeMap<>();
    try {
      for (AddressResolver r : ServiceLoader.load(AddressResolver.class, loader)) {
        String id = r.id();
        AddressResolver previous = out.putIfAbsent(id, r);
        if (previous != null) {
          throw new PolicyConfigurationException("resolver",
              "two AddressResolvers share the id \"" + SafeText.clean(id, 80) + "\": " + previous.getClass().getName()
                  + " and " + r.getClass().getName());
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new PolicyConfigurationException("resolver", "an AddressResolver failed to load", e);
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
