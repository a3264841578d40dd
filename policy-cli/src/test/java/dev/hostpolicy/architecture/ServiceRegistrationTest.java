package dev.hostpolicy.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every provider is registered twice — {@code META-INF/services} for class-path hosts and
 * {@code provides} in {@code module-info} for module-path hosts — and the two lists must agree, per
 * module, class for class.
 */
class ServiceRegistrationTest {

  @Test
  void servicesFilesAndProvidesClausesAgree() throws Exception {
    int modules = 0;
    Enumeration<URL> roots = getClass().getClassLoader().getResources("module-info.class");
    for (URL url : Collections.list(roots)) {
      ModuleDescriptor descriptor;
      try (InputStream in = url.openStream()) {
        descriptor = ModuleDescriptor.read(in);
      }
      if (!descriptor.name().startsWith("dev.hostpolicy")) {
        continue;
      }
      modules++;
      Map<String, Set<String>> provides = new TreeMap<>();
      for (ModuleDescriptor.Provides p : descriptor.provides()) {
        provides.put(p.service(), new TreeSet<>(p.providers()));
      }
      assertThat(servicesFiles(url)).as("META-INF/services of %s vs its provides clauses", descriptor.name())
          .isEqualTo(provides);
    }
    assertThat(modules).as("HostPolicy modules found on the class path").isGreaterThanOrEqualTo(5);
  }

  private static Map<String, Set<String>> servicesFiles(URL moduleInfo) throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    if (moduleInfo.getProtocol().equals("jar")) {
      JarURLConnection c = (JarURLConnection) moduleInfo.openConnection();
      c.setUseCaches(false);
      try (JarFile jar = new JarFile(Path.of(URI.create(c.getJarFileURL().toString())).toFile())) {
        for (JarEntry e : Collections.list(jar.entries())) {
          if (e.getName().startsWith("META-INF/services/") && !e.isDirectory()) {
            try (InputStream in = jar.getInputStream(e)) {
              out.put(e.getName().substring("META-INF/services/".length()), providers(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
          }
        }
      }
    } else {
      Path dir = Path.of(URI.create(moduleInfo.toString())).getParent().resolve("META-INF/services");
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            out.put(f.getFileName().toString(), providers(Files.readString(f)));
          }
        }
      }
    }
    return out;
  }

  private static Set<String> providers(String file) {
    Set<String> out = new TreeSet<>();
    for (String line : file.split("\n")) {
      String l = line.replaceAll("#.*", "").trim();
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    return out;
  }
}
