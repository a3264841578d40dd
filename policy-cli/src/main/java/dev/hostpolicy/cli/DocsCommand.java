package dev.hostpolicy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hostpolicy docs [TOPIC]}: prints a page of the documentation bundled in the jar, byte for
 * byte; without a topic, the index.
 *
 * <pre>{@code
 * $ hostpolicy docs threat-model
 * }</pre>
 */
@Command(name = "docs", description = "Print a documentation page (the index without TOPIC).")
public final class DocsCommand implements java.util.concurrent.Callable<Integer> {
  private static final Pattern TOPIC = Pattern.compile("[a-z0-9-]+(?:/[a-z0-9-]+)*");

  private final CliContext context;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TOPIC", description = "a page name, e.g. threat-model")
  String topic;

  /** Created by the CLI's factory. */
  public DocsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String name = topic == null ? "index" : topic;
    if (name.endsWith(".md")) {
      name = name.substring(0, name.length() - 3);
    }
    InputStream page = TOPIC.matcher(name).matches() ? DocsCommand.class.getResourceAsStream("/docs/" + name + ".md") : null;
    if (page == null) {
      throw new UsageException("unknown docs topic \"" + dev.hostpolicy.api.SafeText.clean(name, 60) + "\"; topics: " + String.join(", ", topics()));
    }
    try (page) {
      page.transferTo(context.out());
    }
    context.out().flush();
    return ExitCodes.OK;
  }

  /** The bundled page names, sorted. */
  static List<String> topics() {
    TreeSet<String> names = new TreeSet<>();
    try {
      CodeSource cs = DocsCommand.class.getProtectionDomain().getCodeSource();
      URL location = cs.getLocation();
      Path path = Path.of(location.toURI());
      if (Files.isDirectory(path)) {
        Path docs = path.resolve("docs");
        if (Files.isDirectory(docs)) {
          try (Stream<Path> files = Files.walk(docs)) {
            files.filter(p -> p.toString().endsWith(".md"))
                .forEach(p -> names.add(strip(docs.relativize(p).toString().replace('\\', '/'))));
          }
        }
      } else {
        try (JarFile jar = new JarFile(path.toFile())) {
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            String n = e.nextElement().getName();
            if (n.startsWith("docs/") && n.endsWith(".md")) {
              names.add(strip(n.substring("docs/".length())));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return new ArrayList<>(names);
  }

  private static String strip(String file) {
    return file.substring(0, file.length() - 3);
  }
}
