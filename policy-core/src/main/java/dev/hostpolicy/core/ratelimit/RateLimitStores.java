package dev.hostpolicy.core.ratelimit;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.RateLimitStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Finds {@link RateLimitStore}s. The in-memory store is the default and needs no discovery; another
 * store is used only when the host names it by id — discovery alone never changes where buckets live,
 * because a rogue store on the class path could otherwise switch every limit off.
 *
 * <pre>{@code
 * RateLimitStore shared = RateLimitStores.byId("com.acme.redis");   // fails if absent or ambiguous
 * RateLimiter limiter = RateLimiter.builder(Rate.perMinute(120)).store(shared).build();
 * }</pre>
 *
 * <p>Like every HostPolicy discovery: deterministic order (priority, then id), two providers with
 * one id are an error, and a provider that fails to load is an error — never silently skipped.
 */
public final class RateLimitStores {
  private static final String KEY = "ratelimit.store";
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

  private RateLimitStores() {}

  /** A new in-memory store (id {@value InMemoryRateLimitStore#ID}). */
  public static RateLimitStore inMemory() {
    return new InMemoryRateLimitStore();
  }

  /** The store with this id, discovered through the thread context class loader. */
  public static RateLimitStore byId(String id) {
    return byId(id, Thread.currentThread().getContextClassLoader());
  }

  /**
   * The store with this id, discovered through {@code loader}.
   *
   * @throws PolicyConfigurationException (key {@code ratelimit.store}) if no store has the id, two do,
   *     or a provider fails to load; the message lists the ids found
   */
  public static RateLimitStore byId(String id, ClassLoader loader) {
    Objects.requireNonNull(id, "id");
    Map<String, RateLimitStore> found = discover(loader);
    RateLimitStore store = found.get(id);
    if (store == null) {
      throw new PolicyConfigurationException(
          KEY, "unknown rate-limit store \"" + SafeText.clean(id, 80) + "\"; available: " + String.join(", ", found.keySet()));
    }
    return store;
  }

  /** The ids of the stores visible to {@code loader}, in order (priority, then id). */
  public static List<String> ids(ClassLoader loader) {
    return List.copyOf(discover(loader).keySet());
  }

  private static Map<String, RateLimitStore> discover(ClassLoader loader) {
    List<RateLimitStore> stores = new ArrayList<>();
    try {
      for (ServiceLoader.Provider<RateLimitStore> p : ServiceLoader.load(RateLimitStore.class, loader).stream().toList()) {
        RateLimitStore s;
        try {
          s = p.get();
        } catch (Throwable t) {
          throw failed(p.type().getName(), t);
        }
        stores.add(s);
      }
    } catch (ServiceConfigurationError e) {
      throw new PolicyConfigurationException(KEY, "a RateLimitStore provider failed to load: " + SafeText.clean(String.valueOf(e.getMessage()), 200), e);
    }
    Map<RateLimitStore, String> ids = new LinkedHashMap<>();
    Map<RateLimitStore, Integer> priorities = new LinkedHashMap<>();
    for (RateLimitStore s : stores) {
      String id;
      int priority;
      try {
        id = s.id();
        priority = s.priority();
      } catch (Throwable t) {
        throw failed(s.getClass().getName(), t);
      }
      if (id == null || id.length() > 128 || !ID.matcher(id).matches()) {
        throw new PolicyConfigurationException(
            KEY, "RateLimitStore " + s.getClass().getName() + " has a malformed id \"" + SafeText.clean(String.valueOf(id), 80) + "\"");
      }
      ids.put(s, id);
      priorities.put(s, priority);
    }
    stores.sort(Comparator.<RateLimitStore>comparingInt(priorities::get).thenComparing(ids::get));
    Map<String, RateLimitStore> out = new LinkedHashMap<>();
    for (RateLimitStore s : stores) {
      RateLimitStore prev = out.putIfAbsent(ids.get(s), s);
      if (prev != null) {
        throw new PolicyConfigurationException(
            KEY, "two RateLimitStores share the id \"" + ids.get(s) + "\": " + prev.getClass().getName() + " and " + s.getClass().getName());
      }
    }
    return out;
  }

  private static PolicyConfigurationException failed(String className, Throwable t) {
    return new PolicyConfigurationException(
        KEY, "RateLimitStore " + className + " failed to load: " + SafeText.clean(String.valueOf(t), 200), t);
  }
}
