package dev.hostpolicy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.core.net.EgressDecision;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.core.net.IpAddress;
import dev.hostpolicy.core.net.StaticAddressResolver;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostpolicy egress check [--allow P]… [--deny P]… [--resolve HOST=IP]… [--json] TARGET}: the
 * egress decision for one target. With any {@code --resolve}, those answers (several per host
 * allowed) replace DNS entirely — a host without one does not resolve. Exit 0 allowed, 3 denied
 * (the reason code is printed), 2 for a bad pattern or {@code --resolve}.
 *
 * <pre>{@code
 * $ hostpolicy egress check --allow api.github.com --resolve api.github.com=140.82.112.6 https://api.github.com/
 * allowed api.github.com:443 -> 140.82.112.6
 * $ hostpolicy egress check --allow '*.example.com' --resolve a.example.com=10.0.0.7 a.example.com
 * denied egress.private-address: a.example.com resolves to a non-public address: 10.0.0.7 is private-use ...
 * }</pre>
 */
@Command(
    name = "egress",
    description = "Egress allowlist decisions.",
    subcommands = {EgressCommand.Check.class})
public final class EgressCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: check");
  }

  /** {@code egress check}. */
  @Command(name = "check", description = {
      "Decide whether TARGET (host, host:port, [v6]:port or an http(s) URL) may be reached.",
      "Exit 0 allowed, 3 denied (reason code printed), 2 bad input."})
  public static final class Check implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--allow", paramLabel = "P", description = "allow pattern: host, *.domain, IP, optional :port (repeatable)")
    List<String> allow = new ArrayList<>();

    @Option(names = "--deny", paramLabel = "P", description = "deny pattern; wins over allow (repeatable)")
    List<String> deny = new ArrayList<>();

    @Option(names = "--resolve", paramLabel = "HOST=IP",
        description = "answer for HOST instead of DNS (repeatable, several per host); with any --resolve no DNS is used")
    List<String> resolve = new ArrayList<>();

    @Option(names = "--json", description = "print one JSON object {allowed, reason, detail, target, addresses}")
    boolean json;

    @Parameters(index = "0", paramLabel = "TARGET", description = "host, host:port, [v6]:port or http(s) URL")
    String target;

    /** Created by the CLI's factory. */
    public Check(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      EgressPolicy.Builder b = EgressPolicy.builder().allowAll(allow).denyAll(deny);
      if (!resolve.isEmpty()) {
        b.resolver(staticResolver(resolve));
      }
      EgressDecision d = b.build().check(target);
      if (json) {
        ObjectNode n = DecisionJson.of(d.decision());
        if (d.target().isPresent()) {
          n.put("target", d.target().get().authority());
        } else {
          n.putNull("target");
        }
        ArrayNode addresses = n.putArray("addresses");
        for (InetAddress a : d.addresses()) {
          addresses.add(IpAddress.of(a).toString());
        }
        d.offendingAddress().ifPresent(c -> {
          n.put("address", c.address().toString());
          n.put("category", c.category().slug());
        });
        context.out().println(DecisionJson.write(n));
      } else if (d.allowed()) {
        List<String> ips = d.addresses().stream().map(a -> IpAddress.of(a).toString()).toList();
        context.out().println("allowed " + d.target().orElseThrow().authority() + " -> " + String.join(", ", ips));
      } else {
        context.out().println(DecisionJson.text(d.decision()));
      }
      context.out().flush();
      return d.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
    }

    static StaticAddressResolver staticResolver(List<String> entries) {
      StaticAddressResolver.Builder r = StaticAddressResolver.builder();
      for (String entry : entries) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
          throw new UsageException("--resolve expects HOST=IP, got \"" + SafeText.clean(entry, 120) + "\"");
        }
        String host = entry.substring(0, eq);
        String ip = entry.substring(eq + 1);
        if (ip.startsWith("[") && ip.endsWith("]")) {
          ip = ip.substring(1, ip.length() - 1);
        }
        try {
          r.add(host, ip);
        } catch (IllegalArgumentException e) {
          throw new UsageException("--resolve " + SafeText.clean(entry, 120) + ": " + e.getMessage());
        }
      }
      return r.build();
    }
  }
}
