package dev.hostpolicy.cli;

import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostpolicy profile describe ID [--namespace NS]}: builds the profile exactly as a host would
 * (contributors on the class path, operator settings from the environment) and prints
 * {@code describe()}: every rule with its value and where it came from. Never prints a secret.
 *
 * <pre>{@code
 * $ INFLOOP_LOGIN_RATE_LIMIT=5/min hostpolicy profile describe minimal --namespace INFLOOP
 * }</pre>
 */
@Command(
    name = "profile",
    description = "Inspect a profile.",
    subcommands = {ProfileCommand.Describe.class})
public final class ProfileCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: describe");
  }

  /** {@code profile describe}. */
  @Command(name = "describe", description = "Print the effective policy of a profile with the source of every rule (JSON).")
  public static final class Describe implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ID", description = "the profile id")
    String id;

    @Option(names = "--namespace", paramLabel = "NS", description = "read operator settings <NS>_<KEY> from the environment")
    String namespace;

    @Option(names = "--settings-file", paramLabel = "FILE", description = "a JSON settings file, under the environment")
    Path settingsFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the host's data directory")
    Path dataDir;

    @Option(names = "--trust", paramLabel = "ID", description = "trust this contributor id to loosen rules (repeatable)")
    List<String> trust = new ArrayList<>();

    /** Created by the CLI's factory. */
    public Describe(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      HostPolicy.Builder b = HostPolicy.builder().profile(id);
      Settings settings = Settings.empty();
      if (settingsFile != null) {
        settings = Settings.fromJsonFile(settingsFile);
      }
      if (namespace != null) {
        b.namespace(namespace);
        b.settings(settings.overriddenBy(Settings.fromEnvironment(context.env())));
      } else if (settingsFile != null) {
        throw new UsageException("--settings-file needs --namespace");
      }
      if (dataDir != null) {
        b.dataDir(dataDir);
      }
      b.trust(trust.toArray(String[]::new));
      context.out().println(b.build().describe());
      context.out().flush();
      return ExitCodes.OK;
    }
  }
}
