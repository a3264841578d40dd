package dev.hostpolicy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.WebhookSchemes;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hostpolicy webhook sign|verify --scheme S (--secret-file F | --secret-env VAR)
 * [--header 'K: V']… [--now EPOCH]}: the body is read from stdin, byte for byte.
 *
 * <ul>
 *   <li>{@code verify} prints the decision's reason code ({@code allowed}, or for example
 *       {@code webhook.signature-mismatch}) and exits 0 when allowed, 3 when denied; with
 *       {@code --json} it prints {@code {"allowed":…,"reason":…,"detail":…}} instead.
 *   <li>{@code sign} prints the header lines a sender adds ({@code Name: value}, one per line) and
 *       nothing else. The timestamp is {@code --now} (Unix seconds; the system clock by default) and
 *       the Standard Webhooks delivery id is {@code --id}, or a {@code webhook-id} given with
 *       {@code --header}, or a fresh random {@code msg_…} id.
 * </ul>
 *
 * <p>The secret comes from a file (one trailing line break is removed) or a named environment
 * variable, never from an argument, and is never printed. {@code --option K=V} passes scheme
 * options ({@code legacy-sha1=true}, {@code tolerance-seconds=60}, {@code header=X-Sig}, …);
 * {@code --max-body-bytes} changes the 1 MiB body limit.
 *
 * <pre>{@code
 * $ printf 'Hello, World!' | GH_SECRET="It's a Secret to Everybody" hostpolicy webhook sign --scheme github --secret-env GH_SECRET
 * X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17
 * $ hostpolicy webhook verify --scheme github --secret-file secret.txt \
 *     --header 'X-Hub-Signature-256: sha256=7571…' < body.json
 * allowed
 * }</pre>
 */
@Command(
    name = "webhook",
    description = "Sign or verify a webhook delivery; the body is read from stdin.",
    subcommands = {WebhookCommand.Sign.class, WebhookCommand.Verify.class})
public final class WebhookCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: sign or verify");
  }

  /** Where the secret comes from: exactly one of a file or an environment variable. */
  static final class SecretSource {
    @Option(names = "--secret-file", paramLabel = "F", required = true,
        description = "file holding the secret (one trailing line break is removed)")
    Path file;

    @Option(names = "--secret-env", paramLabel = "VAR", required = true,
        description = "environment variable holding the secret")
    String env;
  }

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern EPOCH = Pattern.compile("[0-9]{1,12}");
  private static final Pattern OPTION = Pattern.compile("([a-z0-9-]+)=(.*)", Pattern.DOTALL);

  /** The options {@code sign} and {@code verify} share. */
  abstract static class Common {
    final CliContext context;

    @Option(names = "--scheme", paramLabel = "S", required = true,
        description = "github, stripe, slack, standard-webhooks, generic, or a plugin's id")
    String scheme;

    @ArgGroup(exclusive = true, multiplicity = "1")
    SecretSource secret;

    @Option(names = "--header", paramLabel = "'K: V'", description = "a request header (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(names = "--now", paramLabel = "EPOCH", description = "the time, in Unix seconds (default: the system clock)")
    String now;

    @Option(names = "--option", paramLabel = "K=V", description = "a scheme option (repeatable), e.g. tolerance-seconds=60")
    List<String> options = new ArrayList<>();

    @Option(names = "--max-body-bytes", paramLabel = "N", description = "body limit in bytes (default: 1048576)")
    long maxBodyBytes = WebhookTrigger.DEFAULT_MAX_BODY_BYTES;

    Common(CliContext context) {
      this.context = context;
    }

    WebhookSignatureScheme scheme() {
      Map<String, String> parsed = new LinkedHashMap<>();
      for (String o : options) {
        var m = OPTION.matcher(o);
        if (!m.matches()) {
          throw new UsageException("--option must be KEY=VALUE with a lowercase key: " + SafeText.clean(o, 60));
        }
        parsed.put(m.group(1), m.group(2));
      }
      return WebhookSchemes.discover().require(scheme).withOptions(parsed);
    }

    Secret readSecret() {
      if (secret.file != null) {
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(secret.file);
        } catch (IOException e) {
          throw new UsageException("cannot read --secret-file " + SafeText.clean(secret.file.toString(), 200)
              + " (" + e.getClass().getSimpleName() + ")");
        }
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\n') {
          n--;
          if (n > 0 && bytes[n - 1] == '\r') {
            n--;
          }
        }
        try {
          if (n == 0) {
            throw new UsageException("--secret-file " + SafeText.clean(secret.file.toString(), 200) + " is empty");
          }
          return Secret.of(Arrays.copyOf(bytes, n));
        } finally {
          Arrays.fill(bytes, (byte) 0);
        }
      }
      String value = context.env().get(secret.env);
      if (value == null) {
        throw new UsageException("environment variable " + SafeText.clean(secret.env, 80) + " is not set");
      }
      if (value.isEmpty()) {
        throw new UsageException("environment variable " + SafeText.clean(secret.env, 80) + " is empty");
      }
      try {
        return Secret.fromUtf8(value);
      } catch (IllegalArgumentException e) {
        throw new UsageException("environment variable " + SafeText.clean(secret.env, 80) + " is not valid text");
      }
    }

    WebhookHeaders parseHeaders() {
      WebhookHeaders.Builder b = WebhookHeaders.builder();
      for (String h : headers) {
        int colon = h.indexOf(':');
        String name = colon < 0 ? "" : h.substring(0, colon);
        if (!HEADER_NAME.matcher(name).matches()) {
          throw new UsageException("--header must be 'Name: value' with an HTTP header name: " + SafeText.clean(h, 80));
        }
        b.add(name, h.substring(colon + 1).replaceAll("^[ \\t]+|[ \\t]+$", ""));
      }
      return b.build();
    }

    Optional<Instant> parseNow() {
      if (now == null) {
        return Optional.empty();
      }
      if (!EPOCH.matcher(now).matches()) {
        throw new UsageException("--now must be Unix seconds (1 to 12 digits): " + SafeText.clean(now, 40));
      }
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(now)));
    }

    void checkLimit() {
      if (maxBodyBytes < 1 || maxBodyBytes > WebhookTrigger.MAX_BODY_LIMIT) {
        throw new UsageException("--max-body-bytes must be 1 to " + WebhookTrigger.MAX_BODY_LIMIT);
      }
    }
  }

  /** {@code webhook verify}: 0 when allowed, 3 when denied, the reason code printed. */
  @Command(name = "verify", description = "Verify the delivery on stdin; prints the reason code (exit 0 allowed, 3 denied).")
  public static final class Verify extends Common implements Callable<Integer> {

    @Option(names = "--json", description = "print {\"allowed\":…,\"reason\":…,\"detail\":…}")
    boolean json;

    /** Created by the CLI's factory. */
    public Verify(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() throws IOException {
      checkLimit();
      WebhookHeaders requestHeaders = parseHeaders();
      Optional<Instant> at = parseNow();
      WebhookSignatureScheme s = scheme();
      Secret key = readSecret();
      TimeSource time = at.<TimeSource>map(FixedTime::new).orElseGet(TimeSource::system);
      WebhookTrigger trigger = WebhookTrigger.builder("cli").scheme(s).secret(key).timeSource(time)
          .maxBodyBytes(maxBodyBytes).build();
      Decision d = trigger.receive(context.in(), requestHeaders).decision();
      if (json) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("allowed", d.allowed());
        node.put("reason", d.reason());
        node.put("detail", d.detail());
        context.out().println(new ObjectMapper().writeValueAsString(node));
      } else {
        context.out().println(d.reason());
        if (d.denied()) {
          context.err().println("hostpolicy: denied: " + d.reason() + (d.detail().isEmpty() ? "" : ": " + d.detail()));
        }
      }
      context.out().flush();
      context.err().flush();
      return d.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
    }
  }

  /** {@code webhook sign}: the header lines to add, one per line, nothing else. */
  @Command(name = "sign", description = "Sign the body on stdin; prints the header lines to add.")
  public static final class Sign extends Common implements Callable<Integer> {

    @Option(names = "--id", paramLabel = "ID", description = "the delivery id (standard-webhooks; default: a webhook-id --header, else random)")
    String id;

    /** Created by the CLI's factory. */
    public Sign(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() throws IOException {
      checkLimit();
      WebhookHeaders given = parseHeaders();
      Instant at = parseNow().orElseGet(Instant::now);
      WebhookSignatureScheme s = scheme();
      Secret key = readSecret();
      byte[] body = context.in().readNBytes((int) Math.min(maxBodyBytes + 1, WebhookTrigger.MAX_BODY_LIMIT));
      if (body.length > maxBodyBytes) {
        throw new UsageException("the body is larger than --max-body-bytes " + maxBodyBytes);
      }
      Optional<String> deliveryId = Optional.ofNullable(id).or(() -> given.first("webhook-id"));
      WebhookHeaders signed;
      try {
        signed = s.signer(List.of(key)).sign(body, at, deliveryId);
      } catch (IllegalArgumentException e) {
        throw new UsageException(s.id() + ": " + SafeText.clean(e.getMessage(), 200));
      }
      context.out().write(signed.toHeaderLines().getBytes(StandardCharsets.UTF_8));
      context.out().flush();
      return ExitCodes.OK;
    }
  }

  /** The clock {@code --now} sets. */
  private static final class FixedTime implements TimeSource {
    private final Instant now;

    FixedTime(Instant now) {
      this.now = now;
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public long nanoTime() {
      return 0L;
    }
  }
}
