package dev.hostpolicy.testkit.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A class loader that registers extra {@link java.util.ServiceLoader} providers for one test, without
 * touching the test class path's {@code META-INF/services}. Hand it to
 * {@code HostPolicy.builder().classLoader(...)} to test discovery: duplicate ids, a throwing
 * provider, an untrusted loosening contributor.
 *
 * <pre>{@code
 * ClassLoader loader = ScopedProviders.builder()
 *     .register(PolicyContributor.class, LooseningContributor.class)
 *     .build();
 * assertThatThrownBy(() -> HostPolicy.builder().profile("minimal").classLoader(loader).build())
 *     .isInstanceOf(PolicyConfigurationException.class);
 * }</pre>
 */
public final class ScopedProviders {
  private ScopedProviders() {}

  /** Starts a registration. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects registrations; {@link #build()} writes them to a temporary directory. */
  public static final class Builder {
    private final Map<String, List<String>> registrations = new LinkedHashMap<>();
    private ClassLoader parent = Thread.currentThread().getContextClassLoader();

    private Builder() {}

    /** Registers {@code providers} (public classes with a public no-argument constructor) for {@code service}. */
    public Builder register(Class<?> service, Class<?>... providers) {
      List<String> list = registrations.computeIfAbsent(service.getName(), k -> new ArrayList<>());
      for (Class<?> p : providers) {
        list.add(p.getName());
      }
      return this;
    }

    /** Registers a provider by class name, which need not exist (to test a provider that fails to load). */
    public Builder registerName(Class<?> service, String providerClassName) {
      registrations.computeIfAbsent(service.getName(), k -> new ArrayList<>()).add(providerClassName);
      return this;
    }

    /** The loader whose parent supplies the provider classes; the context class loader by default. */
    public Builder parent(ClassLoader parent) {
      this.parent = parent;
      return this;
    }

    /** A loader that sees the parent's providers plus the registered ones. */
    public ClassLoader build() {
      try {
        Path dir = Files.createTempDirectory("hostpolicy-providers");
        dir.toFile().deleteOnExit();
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        for (Map.Entry<String, List<String>> e : registrations.entrySet()) {
          Path file = services.resolve(e.getKey());
          Files.write(file, String.join("\n", e.getValue()).concat("\n").getBytes(StandardCharsets.UTF_8));
          file.toFile().deleteOnExit();
        }
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, parent);
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
