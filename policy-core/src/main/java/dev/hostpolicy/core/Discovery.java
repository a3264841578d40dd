package dev.hostpolicy.core;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Loads the providers of one SPI deterministically: every provider is instantiated and asked for its
 * id and priority; anything that throws fails the build naming the provider; duplicate ids fail;
 * the result is sorted by priority, then id — never ServiceLoader order.
 */
final class Discovery {
  private Discovery() {}

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

  /** A loaded provider with the facts the composer needs. */
  record Found<S>(S provider, String id, int priority, String className, String location) {}

  static <S> List<Found<S>> load(
      Class<S> service,
      Optional<ClassLoader> loader,
      Function<S, String> idOf,
      ToIntFunction<S> priorityOf) {
    String what = service.getSimpleName();
    ServiceLoader<S> serviceLoader =
        loader.map(l -> ServiceLoader.load(service, l)).orElseGet(() -> ServiceLoader.load(service));
    List<Found<S>> found = new ArrayList<>();
    Iterator<ServiceLoader.Provider<S>> it = serviceLoader.stream().iterator();
    while (true) {
      ServiceLoader.Provider<S> p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        throw new PolicyConfigurationException(
            what, "a provider could not be loaded: " + SafeText.clean(e.getMessage(), 300), e);
      }
      String className = p.type().getName();
      S instance;
      String id;
      int priority;
      try {
        instance = p.get();
      } catch (Throwable t) {
        throw failed(what, className, "could not be instantiated", t);
      }
      try {
        id = idOf.apply(instance);
        priority = priorityOf.applyAsInt(instance);
      } catch (Throwable t) {
        throw failed(what, className, "threw while reporting its id or priority", t);
      }
      if (id == null || id.length() > 128 || !ID.matcher(id).matches()) {
        throw new PolicyConfigurationException(
            className,
            what + " provider has a malformed id " + (id == null ? "null" : "\"" + SafeText.clean(id, 80) + "\"")
                + "; ids are lowercase [a-z0-9] segments joined by '.' or '-'");
      }
      found.add(new Found<>(instance, id, priority, className, locationOf(p.type())));
    }
    Map<String, Found<S>> byId = new HashMap<>();
    for (Found<S> f : found) {
      Found<S> other = byId.putIfAbsent(f.id(), f);
      if (other != null) {
        throw new PolicyConfigurationException(
            f.id(),
            "two " + what + " providers share the id " + f.id() + ": " + other.className() + " ("
                + other.location() + ") and " + f.className() + " (" + f.location()
                + "); remove one from the class path");
      }
    }
    found.sort(Comparator.<Found<S>>comparingInt(Found::priority).thenComparing(Found::id));
    return List.copyOf(found);
  }

  static PolicyConfigurationException failed(String what, String className, String doing, Throwable t) {
    if (t instanceof VirtualMachineError) {
      throw (VirtualMachineError) t;
    }
    return new PolicyConfigurationException(
        className, what + " provider " + className + " " + doing + " (" + t.getClass().getName() + ")", t);
  }

  static String locationOf(Class<?> type) {
    try {
      CodeSource cs = type.getProtectionDomain().getCodeSource();
      URL url = cs == null ? null : cs.getLocation();
      return url == null ? "unknown" : url.toString();
    } catch (RuntimeException e) {
      return "unknown";
    }
  }
}
