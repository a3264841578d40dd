package dev.hostpolicy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.core.net.BindDecision;
import dev.hostpolicy.core.net.BindGuard;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostpolicy bind check ADDR:PORT [--token-set] [--allow-insecure]}: may a host listen there?
 * Loopback passes; a network bind needs {@code --token-set}, or {@code --allow-insecure}, which prints
 * the loud banner to stderr. Exit 0 allowed, 3 denied ({@code bind.insecure}, naming the settings
 * that fix it), 2 for a malformed, ambiguous or unresolvable address.
 *
 * <pre>{@code
 * $ hostpolicy bind check 0.0.0.0:8080 --namespace INFLOOP
 * denied bind.insecure: refusing to listen on every network interface (0.0.0.0:8080) ... Set INFLOOP_API_TOKEN ...
 * }</pre>
 */
@Command(
    name = "bind",
    description = "Bind guard decisions.",
    subcommands = {BindCommand.Check.class})
public final class BindCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: check");
  }

  /** {@code bind check}. */
  @Command(name = "check", description = {
      "Decide whether a host may listen on ADDR:PORT (host, host:port, [v6]:port).",
      "Exit 0 allowed (banner on stderr when insecure is allowed), 3 denied, 2 bad address."})
  public static final class Check implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ADDR:PORT", description = "the bind address, e.g. 127.0.0.1:8080, [::]:8080, localhost:3000")
    String address;

    @Option(names = "--token-set", description = "an API token guards the host's API")
    boolean tokenSet;

    @Option(names = "--allow-insecure", description = "the operator opted in to a network bind without a token")
    boolean allowInsecure;

    @Option(names = "--namespace", paramLabel = "NS", description = "name the settings as <NS>_API_TOKEN / <NS>_ALLOW_INSECURE")
    String namespace;

    @Option(names = "--json", description = "print one JSON object {allowed, reason, detail, loopback}")
    boolean json;

    /** Created by the CLI's factory. */
    public Check(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      BindGuard guard;
      try {
        guard = namespace == null ? BindGuard.create() : BindGuard.forNamespace(namespace);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--namespace: " + e.getMessage());
      }
      Decision decision;
      Boolean loopback = null;
      try {
        BindDecision d = guard.check(address, tokenSet, allowInsecure);
        decision = d.decision();
        loopback = d.loopbackOnly();
        d.banner().ifPresent(banner -> {
          context.err().println(banner);
          context.err().flush();
        });
      } catch (PolicyViolationException e) {
        decision = e.decision();
      }
      if (json) {
        ObjectNode n = DecisionJson.of(decision);
        if (loopback == null) {
          n.putNull("loopback");
        } else {
          n.put("loopback", loopback);
        }
        context.out().println(DecisionJson.write(n));
      } else {
        context.out().println(DecisionJson.text(decision));
      }
      context.out().flush();
      return decision.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
    }
  }
}
