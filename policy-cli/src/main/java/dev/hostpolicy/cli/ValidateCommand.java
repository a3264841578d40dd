package dev.hostpolicy.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.core.validate.GitRemoteValidator;
import dev.hostpolicy.core.validate.KeyPathGuard;
import dev.hostpolicy.core.validate.ListeningProbe;
import dev.hostpolicy.core.validate.OnDemandTlsGuard;
import dev.hostpolicy.core.validate.Slugs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostpolicy validate git-url|slug|tls-domain|json-keys …}: runs a validator on a value (the
 * argument, or standard input byte for byte) and prints the decision — {@code allowed}, or
 * {@code denied <reason>: <detail>} — or with {@code --json} one object
 * {@code {"allowed":…,"reason":…,"detail":…}}. Exit 0 valid, 3 invalid, 2 usage error (including
 * input that is not UTF-8, and for {@code json-keys} input that is not JSON).
 *
 * <pre>{@code
 * $ hostpolicy validate git-url 'ext::sh -c id'          # denied validate.git-url.transport: …  (exit 3)
 * $ hostpolicy validate slug my-box-2                     # allowed                               (exit 0)
 * $ hostpolicy validate tls-domain --base-domain dev.example.com --exclude-port 22 3000.dev.example.com
 * $ printf '%s' '{"__proto__":{}}' | hostpolicy validate json-keys
 * }</pre>
 */
@Command(
    name = "validate",
    description = "Validate a git URL, a slug, an on-demand-TLS domain or the keys of a JSON document.",
    subcommands = {
      ValidateCommand.GitUrl.class,
      ValidateCommand.Slug.class,
      ValidateCommand.TlsDomain.class,
      ValidateCommand.JsonKeys.class
    })
public final class ValidateCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: git-url, slug, tls-domain or json-keys");
  }

  /** Prints the decision and returns its exit code. */
  static int report(CliContext context, Decision d, boolean json) {
    String line;
    if (json) {
      ObjectNode o = new ObjectMapper().createObjectNode();
      o.put("allowed", d.allowed());
      o.put("reason", d.reason());
      o.put("detail", d.detail());
      line = o.toString();
    } else {
      line = d.allowed() ? "allowed" : "denied " + d.reason() + (d.detail().isEmpty() ? "" : ": " + d.detail());
    }
    context.out().println(line);
    context.out().flush();
    return d.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
  }

  /** Options shared by the subcommands. */
  static class Common {
    @Option(names = "--json", description = "print the decision as one JSON object")
    boolean json;
  }

  /** {@code validate git-url [--allow-http] [--allow-credentials] [--max-length N] [URL]}. */
  @Command(name = "git-url", description = "Validate a git remote URL (https://, ssh://, scp-like).",
      modelTransformer = CommandText.TextArguments.class)
  public static final class GitUrl extends Common implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--allow-http", description = "accept http:// URLs")
    boolean allowHttp;

    @Option(names = "--allow-credentials", description = "accept credentials embedded in the URL")
    boolean allowCredentials;

    @Option(names = "--max-length", paramLabel = "N", description = "longest URL accepted (default 2048)")
    Integer maxLength;

    @Parameters(arity = "0..1", paramLabel = "URL", description = "the URL; standard input when absent")
    String url;

    /** Created by the CLI's factory. */
    public GitUrl(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      GitRemoteValidator.Builder b = GitRemoteValidator.builder().allowHttp(allowHttp).allowCredentials(allowCredentials);
      if (maxLength != null) {
        if (maxLength < 1 || maxLength > 65536) {
          throw new UsageException("--max-length must be 1..65536");
        }
        b.maxLength(maxLength);
      }
      return report(context, b.build().check(CommandText.argumentOrStdin(url, context, "URL")), json);
    }
  }

  /** {@code validate slug [--max-length N] [SLUG]}. */
  @Command(name = "slug", description = "Validate a slug id: [a-z0-9] runs joined by single hyphens.",
      modelTransformer = CommandText.TextArguments.class)
  public static final class Slug extends Common implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--max-length", paramLabel = "N", description = "longest slug accepted (default 63)")
    int maxLength = Slugs.DEFAULT_MAX_LENGTH;

    @Parameters(arity = "0..1", paramLabel = "SLUG", description = "the slug; standard input when absent")
    String slug;

    /** Created by the CLI's factory. */
    public Slug(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (maxLength < 1) {
        throw new UsageException("--max-length must be at least 1");
      }
      return report(context, Slugs.check(CommandText.argumentOrStdin(slug, context, "SLUG"), maxLength), json);
    }
  }

  /**
   * {@code validate tls-domain --base-domain D [--exclude-port P]… [--port-range MIN-MAX]
   * [--assume-listening | --probe-timeout-ms N] [DOMAIN]}.
   */
  @Command(name = "tls-domain", description = "The on-demand-TLS ask check: DOMAIN must be exactly <port>.<base-domain>, "
      + "the port allowed and listening on 127.0.0.1.", modelTransformer = CommandText.TextArguments.class)
  public static final class TlsDomain extends Common implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--base-domain", required = true, paramLabel = "D", description = "the base domain, e.g. dev.example.com")
    String baseDomain;

    @Option(names = "--exclude-port", paramLabel = "P", description = "a port that never gets a certificate (repeatable)")
    List<Integer> excluded = new ArrayList<>();

    @Option(names = "--port-range", paramLabel = "MIN-MAX", description = "the allowed ports (default 1-65535)")
    String portRange;

    @Option(names = "--assume-listening", description = "skip the listening probe (check the name and port only)")
    boolean assumeListening;

    @Option(names = "--probe-timeout-ms", paramLabel = "N", description = "TCP connect timeout of the probe (default 500)")
    int probeTimeoutMs = 500;

    @Parameters(arity = "0..1", paramLabel = "DOMAIN", description = "the domain; standard input when absent")
    String domain;

    /** Created by the CLI's factory. */
    public TlsDomain(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (probeTimeoutMs < 1) {
        throw new UsageException("--probe-timeout-ms must be positive");
      }
      ListeningProbe probe = assumeListening ? port -> true : ListeningProbe.loopbackTcp(Duration.ofMillis(probeTimeoutMs));
      OnDemandTlsGuard.Builder b = OnDemandTlsGuard.builder(baseDomain).listeningProbe(probe);
      excluded.forEach(b::excludePorts);
      if (portRange != null) {
        String[] parts = portRange.split("-", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,5}") || !parts[1].matches("[0-9]{1,5}")) {
          throw new UsageException("--port-range must be MIN-MAX, e.g. 1024-65535");
        }
        b.portRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
      OnDemandTlsGuard guard;
      try {
        guard = b.build();
      } catch (PolicyConfigurationException e) {
        throw new UsageException(e.getMessage());
      }
      return report(context, guard.check(CommandText.argumentOrStdin(domain, context, "DOMAIN")), json);
    }
  }

  /** {@code validate json-keys [--max-depth N] [JSON]}. */
  @Command(name = "json-keys", description = "Reject a JSON document whose keys hold __proto__, constructor or prototype, "
      + "an empty key, or that nests too deep.", modelTransformer = CommandText.TextArguments.class)
  public static final class JsonKeys extends Common implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--max-depth", paramLabel = "N", description = "deepest nesting accepted, 1-1000 (default 32)")
    int maxDepth = 32;

    @Parameters(arity = "0..1", paramLabel = "JSON", description = "the document; standard input when absent")
    String document;

    /** Created by the CLI's factory. */
    public JsonKeys(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (maxDepth < 1 || maxDepth > 1000) {
        throw new UsageException("--max-depth must be 1..1000");
      }
      String text = CommandText.argumentOrStdin(document, context, "JSON");
      JsonNode tree;
      try {
        ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        tree = mapper.readTree(text);
      } catch (JsonProcessingException e) {
        throw new UsageException("the input is not one JSON document (or it repeats a key)");
      }
      if (tree == null || tree.isMissingNode()) {
        throw new UsageException("the input is empty; expected one JSON document");
      }
      return report(context, KeyPathGuard.builder().maxDepth(maxDepth).build().checkTree(tree), json);
    }
  }
}
