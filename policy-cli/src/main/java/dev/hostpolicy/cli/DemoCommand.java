package dev.hostpolicy.cli;

import com.example.hosts.infiniteloop.InfiniteLoopHost;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.core.text.ShellEscaper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hostpolicy demo [--data-dir D] [--port P]}: runs the Infinite-Loop-style example host on
 * loopback and prints its URL, API token, login page, a webhook URL and one ready {@code curl} line
 * per guarded endpoint, each after a {@code # STATUS: what it shows} comment. Serves until SIGINT or
 * SIGTERM, then stops cleanly (exit 0). Without {@code --data-dir} the data (generated token, webhook
 * secret, audit log) lives in a temporary directory that is removed on exit.
 *
 * <pre>{@code
 * $ hostpolicy demo
 * url:      http://127.0.0.1:41234/
 * # 200: the API with the token
 * curl -s -H 'Authorization: Bearer ...' http://127.0.0.1:41234/api/runs
 * }</pre>
 */
@Command(name = "demo", description = "Run an Infinite-Loop-style guarded host on loopback; print its URL, token and ready curl lines.")
public final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "keep the token, webhook secret and audit log here (default: a temporary directory, removed on exit)")
  Path dataDir;

  @Option(names = "--port", paramLabel = "PORT", description = "loopback port (default: an ephemeral one)")
  int port;

  /** Created by the CLI's factory. */
  public DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be 0-65535");
    }
    boolean temporary = dataDir == null;
    Path data = temporary ? Files.createTempDirectory("hostpolicy-demo").resolve("data") : dataDir;
    CountDownLatch stop = new CountDownLatch(1);
    SignalForwarding.install("INT", stop::countDown);
    SignalForwarding.install("TERM", stop::countDown);
    // embedded defaults: the operator's INFLOOP_* settings (a real API token among them) stay out of the
    // demo, which prints its token; children still get PATH and the rest of the usual allowlist
    Map<String, String> env = new java.util.HashMap<>(context.env());
    env.keySet().removeIf(k -> k.toUpperCase(java.util.Locale.ROOT).startsWith(InfiniteLoopHost.NAMESPACE + "_"));
    try (InfiniteLoopHost host = InfiniteLoopHost.builder(data).port(port).environment(env).start()) {
      print(context.out(), host, data);
      stop.await();
      context.err().println("demo: stopping");
    } finally {
      if (temporary) {
        deleteTree(data.getParent());
      }
    }
    return ExitCodes.OK;
  }

  private static void print(PrintStream out, InfiniteLoopHost host, Path data) {
    URI base = host.uri();
    String url = base.toString();
    String token = host.token().revealUtf8();
    String api = base.resolve("api/runs").toString();
    String login = base.resolve("login").toString();
    String hook = host.githubWebhookUri().toString();
    byte[] push = InfiniteLoopHost.SAMPLE_PUSH.getBytes(StandardCharsets.UTF_8);
    WebhookHeaders signed = host.signGithub(push);

    StringBuilder sb = new StringBuilder();
    sb.append("HostPolicy demo: an Infinite-Loop-style host (profile infinite-loop, namespace ")
        .append(InfiniteLoopHost.NAMESPACE).append(") on loopback\n");
    sb.append("url:      ").append(url).append('\n');
    sb.append("token:    ").append(token).append(host.tokenConfigured() ? "   (INFLOOP_API_TOKEN)" : "   (generated, stored 0600 in the data dir)").append('\n');
    sb.append("login:    ").append(login).append('\n');
    sb.append("webhook:  ").append(hook).append("   (GitHub-signed, trigger ").append(InfiniteLoopHost.GITHUB_TRIGGER).append(")\n");
    sb.append("data dir: ").append(data).append("   (audit log: hostpolicy audit tail --dir ").append(ShellEscaper.word(data.toString())).append(")\n");
    host.insecureBanner().ifPresent(b -> sb.append(b).append('\n'));
    sb.append('\n');

    curl(sb, "200: the API with the bearer token", List.of("-H", "Authorization: Bearer " + token, api));
    curl(sb, "401: the API without a token", List.of(api));
    curl(sb, "400: a token in the URL is refused, even the right one", List.of(api + "?token=" + token));
    curl(sb, "403: a cross-site request (foreign Origin)", List.of("-X", "POST", "-H", "Origin: https://evil.example", "-H", "Authorization: Bearer " + token, api));
    curl(sb, "200: the login page (no script, strict CSP)", List.of(login));
    curl(sb, "303: log in; the cookie is HttpOnly, SameSite=Strict and holds a hash, not the token (20 tries/min, then 429)",
        List.of("-i", "-d", "token=" + token, login));
    List<String> signedArgs = new ArrayList<>(List.of("-X", "POST", "-H", "Content-Type: application/json"));
    for (Map.Entry<String, String> h : signed.entries()) {
      signedArgs.add("-H");
      signedArgs.add(h.getKey() + ": " + h.getValue());
    }
    signedArgs.addAll(List.of("--data-binary", InfiniteLoopHost.SAMPLE_PUSH, hook));
    curl(sb, "202: a GitHub-signed push", signedArgs);
    curl(sb, "401: the same push unsigned", List.of("-X", "POST", "-H", "Content-Type: application/json", "-H", "X-GitHub-Event: push",
        "--data-binary", InfiniteLoopHost.SAMPLE_PUSH, hook));
    curl(sb, "401: the same signature over another body", replaceBody(signedArgs, "{\"ref\":\"refs/heads/evil\"}"));
    sb.append("Ctrl-C stops the demo.\n");
    out.print(sb);
    out.flush();
  }

  private static List<String> replaceBody(List<String> args, String body) {
    List<String> copy = new ArrayList<>(args);
    copy.set(copy.indexOf("--data-binary") + 1, body);
    return copy;
  }

  private static void curl(StringBuilder sb, String comment, List<String> args) {
    sb.append("# ").append(comment).append('\n');
    sb.append("curl -s");
    for (String a : args) {
      sb.append(' ').append(ShellEscaper.word(a));
    }
    sb.append("\n");
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
