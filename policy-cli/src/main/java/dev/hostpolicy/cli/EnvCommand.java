package dev.hostpolicy.cli;

import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.env.ScrubResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hostpolicy env scrub [--namespace NS] [--passthrough P]…}: applies the child-environment
 * scrub rules to this command's own environment and prints the names a child would keep on stdout and
 * the names it would lose on stderr, one per line, sorted — never a value. With {@code --namespace},
 * {@code <NS>_*} never passes and the operator setting {@code <NS>_CHILD_ENV_PASSTHROUGH} applies.
 * A malformed passthrough entry or namespace exits 2.
 *
 * <pre>{@code
 * $ GITHUB_TOKEN=x INFLOOP_API_TOKEN=y hostpolicy env scrub --namespace INFLOOP --passthrough GITHUB_TOKEN
 * GITHUB_TOKEN
 * HOME
 * PATH
 * }</pre>
 */
@Command(
    name = "env",
    description = "The child-environment scrub rules.",
    subcommands = {EnvCommand.Scrub.class})
public final class EnvCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: scrub");
  }

  /** Builds the policy the CLI's child-process commands use: minimal profile, operator settings, extra passthrough. */
  static HostPolicy policy(CliContext context, String namespace, List<String> passthrough, List<String> allow) {
    HostPolicy.Builder b = HostPolicy.builder().profile("minimal");
    if (namespace != null) {
      b.namespace(namespace).settings(Settings.fromEnvironment(context.env()));
    }
    if (!passthrough.isEmpty()) {
      b.add(PolicyKeys.CHILD_ENV_PASSTHROUGH, passthrough.toArray(String[]::new));
    }
    if (!allow.isEmpty()) {
      b.add(PolicyKeys.EGRESS_ALLOW, allow.toArray(String[]::new));
    }
    return b.build();
  }

  /** {@code env scrub}. */
  @Command(
      name = "scrub",
      description = {
        "Scrub this command's own environment as a child's would be:",
        "kept names on stdout, removed names on stderr, one per line (never values)."})
  public static final class Scrub implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--namespace", paramLabel = "NS",
        description = "the host namespace: <NS>_* never passes; <NS>_CHILD_ENV_PASSTHROUGH applies")
    String namespace;

    @Option(names = "--passthrough", paramLabel = "P", description = "also pass NAME or PREFIX* (repeatable)")
    List<String> passthrough = new ArrayList<>();

    /** Created by the CLI's factory. */
    public Scrub(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ScrubResult r = policy(context, namespace, passthrough, List.of()).environmentScrubber().scrub(context.env());
      for (String name : r.keptNames()) {
        context.out().println(name);
      }
      for (String name : r.removed()) {
        context.err().println(SafeText.clean(name, 4096)); // a hostile name cannot forge lines
      }
      context.out().flush();
      context.err().flush();
      return ExitCodes.OK;
    }
  }
}
