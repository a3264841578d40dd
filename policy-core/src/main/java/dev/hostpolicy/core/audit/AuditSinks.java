package dev.hostpolicy.core.audit;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.AuditSink;
import java.io.IOException;
import java.nio.file.Path;
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
 * Finds {@link AuditSink}s by id. The JSONL file sink ({@value JsonlAuditSink#ID}) is built in;
 * a host's own sink (syslog, a database) registers in {@code META-INF/services} and
 * {@code module-info} and is chosen by its id — discovery never picks a sink on its own, because a jar
 * on the class path must not be able to redirect or silence the audit trail.
 *
 * <p>{@link #open} binds the JSONL sink to the data directory; any other sink is returned as
 * discovered (it configures itself). Like every HostPolicy discovery: order by id, two providers with
 * one id are an error, and a provider that fails to load is an error, never silently skipped.
 *
 * <pre>{@code
 * AuditSink audit = AuditSinks.open("jsonl", dataDir, policy.auditOptions());
 * AuditSink custom = AuditSinks.open("com.acme.syslog", dataDir, policy.auditOptions());
 * }</pre>
 */
public final class AuditSinks {
  private static final String KEY = "audit.sink";
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

  private AuditSinks() {}

  /** The ids of the sinks visible to {@code loader}, sorted. */
  public static List<String> ids(ClassLoader loader) {
    return List.copyOf(discover(loader).keySet());
  }

  /** {@link #open(String, Path, AuditOptions, ClassLoader)} with the thread context class loader. */
  public static AuditSink open(String id, Path dataDir, AuditOptions options) throws IOException {
    return open(id, dataDir, options, Thread.currentThread().getContextClassLoader());
  }

  /**
   * The sink with this id: the JSONL sink opened in {@code dataDir/audit} with {@code options}, or a
   * host's sink as discovered.
   *
   * @throws PolicyConfigurationException (key {@code audit.sink}) if no sink has the id, two do, or a
   *     provider fails to load; the message lists the ids found
   */
  public static AuditSink open(String id, Path dataDir, AuditOptions options, ClassLoader loader) throws IOException {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(options, "options");
    Map<String, AuditSink> found = discover(loader);
    AuditSink sink = found.get(id);
    if (sink == null) {
      throw new PolicyConfigurationException(KEY,
          "unknown audit sink \"" + SafeText.clean(id, 80) + "\"; available: " + String.join(", ", found.keySet()));
    }
    if (sink instanceof JsonlAuditSinkProvider unbound) {
      return unbound.open(dataDir, options);
    }
    return sink;
  }

  private static Map<String, AuditSink> discover(ClassLoader loader) {
    List<AuditSink> sinks = new ArrayList<>();
    try {
      for (ServiceLoader.Provider<AuditSink> p : ServiceLoader.load(AuditSink.class, loader).stream().toList()) {
        try {
          sinks.add(p.get());
        } catch (Throwable t) {
          throw failed(p.type().getName(), t);
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new PolicyConfigurationException(KEY, "an AuditSink provider failed to load: " + SafeText.clean(String.valueOf(e.getMessage()), 200), e);
    }
    Map<AuditSink, String> ids = new LinkedHashMap<>();
    for (AuditSink s : sinks) {
      String id;
      try {
        id = s.id();
      } catch (Throwable t) {
        throw failed(s.getClass().getName(), t);
      }
      if (id == null || id.length() > 128 || !ID.matcher(id).matches()) {
        throw new PolicyConfigurationException(KEY,
            "AuditSink " + s.getClass().getName() + " has a malformed id \"" + SafeText.clean(String.valueOf(id), 80) + "\"");
      }
      ids.put(s, id);
    }
    sinks.sort(Comparator.comparing(ids::get));
    Map<String, AuditSink> out = new LinkedHashMap<>();
    for (AuditSink s : sinks) {
      AuditSink prev = out.putIfAbsent(ids.get(s), s);
      if (prev != null) {
        throw new PolicyConfigurationException(KEY,
            "two AuditSinks share the id \"" + ids.get(s) + "\": " + prev.getClass().getName() + " and " + s.getClass().getName());
      }
    }
    return out;
  }

  private static PolicyConfigurationException failed(String className, Throwable t) {
    return new PolicyConfigurationException(KEY, "AuditSink " + className + " failed to load: " + SafeText.clean(String.valueOf(t), 200), t);
  }
}
