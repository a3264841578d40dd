package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The webhook signature schemes a host can name, found with {@link ServiceLoader} under the same
 * rules as profiles and contributors: every provider is instantiated and asked for its id; one that
 * throws fails discovery naming its class; two with one id fail naming both classes and jars (so a
 * jar on the class path cannot replace {@code github}); the list is ordered by priority, then id —
 * never ServiceLoader order.
 *
 * <pre>{@code
 * WebhookSchemes schemes = WebhookSchemes.discover();
 * WebhookSignatureScheme github = schemes.require("github");
 * List<String> ids = schemes.ids(); // [github, stripe, slack, standard-webhooks, generic, ...]
 * }</pre>
 */
public final class WebhookSchemes {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

  private final Map<String, WebhookSignatureScheme> byId;

  private WebhookSchemes(Map<String, WebhookSignatureScheme> byId) {
    this.byId = byId;
  }

  /**
   * The schemes visible to the thread context class loader (or this class's loader when there is
   * none).
   *
   * @throws PolicyConfigurationException if a provider fails to load, has a malformed id, or shares
   *     its id with another
   */
  public static WebhookSchemes discover() {
    ClassLoader tccl = Thread.currentThread().getContextClassLoader();
    return discover(tccl != null ? tccl : WebhookSchemes.class.getClassLoader());
  }

  /** Like {@link #discover()}, through {@code loader}. */
  public static WebhookSchemes discover(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    List<WebhookSignatureScheme> found = new ArrayList<>();
    Iterator<ServiceLoader.Provider<WebhookSignatureScheme>> it =
        ServiceLoader.load(WebhookSignatureScheme.class, loader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<WebhookSignatureScheme> p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        throw new PolicyConfigurationException("WebhookSignatureScheme",
            "a provider could not be loaded: " + SafeText.clean(e.getMessage(), 300), e);
      }
      try {
        found.add(p.get());
      } catch (Throwable t) {
        throw failed(p.type().getName(), "could not be instantiated", t);
      }
    }
    return of(found);
  }

  /** The five built-in schemes, without discovery. */
  public static WebhookSchemes builtIns() {
    return of(List.of(new GithubScheme(), new StripeScheme(), new SlackScheme(),
        new StandardWebhooksScheme(), new GenericHmacScheme()));
  }

  /**
   * A registry of exactly {@code schemes}, checked like discovered ones.
   *
   * @throws PolicyConfigurationException on a malformed or duplicate id
   */
  public static WebhookSchemes of(List<? extends WebhookSignatureScheme> schemes) {
    record Entry(WebhookSignatureScheme scheme, String id, int priority) {}
    List<Entry> entries = new ArrayList<>();
    Map<String, WebhookSignatureScheme> seen = new LinkedHashMap<>();
    for (WebhookSignatureScheme s : schemes) {
      String className = s.getClass().getName();
      String id;
      int priority;
      try {
        id = s.id();
        priority = s.priority();
      } catch (Throwable t) {
        throw failed(className, "threw while reporting its id or priority", t);
      }
      if (id == null || id.length() > 128 || !ID.matcher(id).matches()) {
        throw new PolicyConfigurationException(className,
            "WebhookSignatureScheme provider has a malformed id "
                + (id == null ? "null" : "\"" + SafeText.clean(id, 80) + "\"")
                + "; ids are lowercase [a-z0-9] segments joined by '.' or '-'");
      }
      WebhookSignatureScheme other = seen.putIfAbsent(id, s);
      if (other != null) {
        throw new PolicyConfigurationException(id,
            "two WebhookSignatureScheme providers share the id " + id + ": " + other.getClass().getName()
                + " (" + locationOf(other.getClass()) + ") and " + className + " (" + locationOf(s.getClass())
                + "); remove one from the class path");
      }
      entries.add(new Entry(s, id, priority));
    }
    entries.sort(Comparator.comparingInt(Entry::priority).thenComparing(Entry::id));
    Map<String, WebhookSignatureScheme> byId = new LinkedHashMap<>();
    for (Entry e : entries) {
      byId.put(e.id(), e.scheme());
    }
    return new WebhookSchemes(Collections.unmodifiableMap(byId));
  }

  private static PolicyConfigurationException failed(String className, String doing, Throwable t) {
    if (t instanceof VirtualMachineError) {
      throw (VirtualMachineError) t;
    }
    return new PolicyConfigurationException(className,
        "WebhookSignatureScheme provider " + className + " " + doing + " (" + t.getClass().getName() + ")", t);
  }

  private static String locationOf(Class<?> type) {
    try {
      CodeSource cs = type.getProtectionDomain().getCodeSource();
      URL url = cs == null ? null : cs.getLocation();
      return url == null ? "unknown" : url.toString();
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  /** The scheme with {@code id}, if one was found. */
  public Optional<WebhookSignatureScheme> find(String id) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
  }

  /**
   * The scheme with {@code id}.
   *
   * @throws PolicyConfigurationException naming the id and listing the ids found, when there is none
   */
  public WebhookSignatureScheme require(String id) {
    return find(id).orElseThrow(() -> new PolicyConfigurationException("webhook.scheme",
        "unknown webhook signature scheme \"" + SafeText.clean(id, 60) + "\"; available: " + String.join(", ", ids())));
  }

  /** The ids, in listing order (priority, then id). */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  /** The schemes, in listing order. */
  public List<WebhookSignatureScheme> all() {
    return List.copyOf(byId.values());
  }

  @Override
  public String toString() {
    return "WebhookSchemes" + ids();
  }
}
