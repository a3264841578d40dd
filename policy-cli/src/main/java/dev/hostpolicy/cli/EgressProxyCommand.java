package dev.hostpolicy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.http.proxy.EgressProxy;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hostpolicy egress-proxy [--allow P]… [--deny P]… [--port N] [--proxy-token-file F]}: runs the
 * egress filtering proxy on 127.0.0.1. The first stdout line is {@code listening 127.0.0.1:PORT};
 * every decision is one JSON line on stderr ({@code {"allowed":…,"reason":…,"detail":…,"target":…}},
 * never a header, path or secret). SIGINT or SIGTERM closes it gracefully and it exits 0. Exit 2 for a
 * bad pattern, port or token file, or a port that cannot be bound.
 *
 * <pre>{@code
 * $ hostpolicy egress-proxy --allow api.github.com --proxy-token-file run.token
 * listening 127.0.0.1:41123
 * $ HTTPS_PROXY=http://x:$(cat run.token)@127.0.0.1:41123 curl https://api.github.com/
 * }</pre>
 */
@Command(
    name = "egress-proxy",
    description = {
      "Run the egress filtering proxy on 127.0.0.1 until SIGINT/SIGTERM.",
      "First stdout line: listening 127.0.0.1:PORT. One JSON line per decision on stderr.",
      "No --allow: every destination is denied."})
public final class EgressProxyCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--allow", paramLabel = "P", description = "allow pattern: host, *.domain, IP, optional :port (repeatable)")
  List<String> allow = new ArrayList<>();

  @Option(names = "--deny", paramLabel = "P", description = "deny pattern; wins over allow (repeatable)")
  List<String> deny = new ArrayList<>();

  @Option(names = "--port", paramLabel = "N", description = "port on 127.0.0.1 (default 0: an ephemeral port)")
  int port;

  @Option(names = "--proxy-token-file", paramLabel = "F",
      description = "require Proxy-Authorization with the token in F (Basic password or Bearer)")
  Path tokenFile;

  /** Created by the CLI's factory. */
  public EgressProxyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port " + port + " is outside 0-65535");
    }
    EgressPolicy.Builder policy = EgressPolicy.builder().allowAll(allow).denyAll(deny);
    EgressProxy.Builder builder = EgressProxy.builder().policy(policy).port(port).auditSink(new DecisionLines(context.err()));
    if (tokenFile != null) {
      builder.proxyToken(readToken(tokenFile));
    }
    EgressProxy proxy = builder.build();
    InetSocketAddress where;
    try {
      where = proxy.start();
    } catch (BindException e) {
      throw new UsageException("--port " + port + ": " + SafeText.clean(e.getMessage(), 200));
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Thread hook = new Thread(() -> {
      stopping.set(true);
      proxy.close();
      context.err().flush();
      context.out().flush();
      Runtime.getRuntime().halt(ExitCodes.OK); // a signal is the normal way to stop: exit 0, not 128+N
    }, "hostpolicy-egress-proxy-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    context.out().println("listening 127.0.0.1:" + where.getPort());
    context.out().flush();
    proxy.awaitClosed();
    if (stopping.get()) {
      hook.join(); // the hook ends the process
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      hook.join();
    }
    context.err().println("hostpolicy: the egress proxy stopped unexpectedly");
    return ExitCodes.UNEXPECTED;
  }

  private static Secret readToken(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UsageException("--proxy-token-file " + SafeText.clean(file.toString(), 200) + ": cannot read it ("
          + e.getClass().getSimpleName() + ")");
    }
    int end = bytes.length;
    if (end > 0 && bytes[end - 1] == '\n') {
      end--;
      if (end > 0 && bytes[end - 1] == '\r') {
        end--;
      }
    }
    byte[] token = Arrays.copyOf(bytes, end);
    Arrays.fill(bytes, (byte) 0);
    try {
      if (token.length == 0) {
        throw new UsageException("--proxy-token-file " + SafeText.clean(file.toString(), 200) + " is empty");
      }
      return Secret.of(token);
    } finally {
      Arrays.fill(token, (byte) 0);
    }
  }

  /** The audit sink of the command: one JSON line per egress decision on stderr. */
  static final class DecisionLines implements AuditSink {
    private final PrintStream err;

    DecisionLines(PrintStream err) {
      this.err = err;
    }

    @Override
    public String id() {
      return "cli-stderr";
    }

    @Override
    public void append(AuditEvent event) {
      if (!event.event().startsWith("egress.")) {
        return;
      }
      ObjectNode n = DecisionJson.MAPPER.createObjectNode();
      n.put("allowed", event.event().equals("egress.allowed"));
      n.put("reason", String.valueOf(event.fields().getOrDefault("reason", "")));
      n.put("detail", String.valueOf(event.fields().getOrDefault("detail", "")));
      Object target = event.fields().get("target");
      if (target == null) {
        n.putNull("target");
      } else {
        n.put("target", target.toString());
      }
      String line = DecisionJson.write(n);
      synchronized (err) {
        err.println(line);
        err.flush();
      }
    }
  }
}
