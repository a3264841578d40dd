package dev.hostpolicy.cli;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.SafeText;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hostpolicy} command. Exit codes: {@value ExitCodes#OK} ok/allowed,
 * {@value ExitCodes#DENIED} denied by policy, {@value ExitCodes#USAGE} usage or configuration error,
 * {@value ExitCodes#UNEXPECTED} unexpected error.
 *
 * <pre>{@code
 * $ hostpolicy profiles
 * $ hostpolicy profile describe minimal --namespace INFLOOP
 * }</pre>
 */
@Command(
    name = "hostpolicy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Security controls for local developer tools that execute code.",
    subcommands = {
      DocsCommand.class,
      ProfilesCommand.class,
      ProfileCommand.class,
      BindCommand.class,
      IpCommand.class,
      EgressCommand.class,
      PathCommand.class,
      WebhookCommand.class,
      EscapeCommand.class,
      ValidateCommand.class,
      EgressProxyCommand.class,
      TokenCommand.class,
      AuditCommand.class,
      EnvCommand.class,
      RunCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class HostPolicyCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Entry point of the runnable jar. */
  public static void main(String[] args) {
    CommandText.captureProcessArguments(args); // the exact bytes of TEXT arguments, whatever the locale
    CliLogging.configure(args);
    System.exit(run(CliContext.system(), args));
  }

  /** Runs the command line with the given streams and environment; returns the exit code. */
  public static int run(CliContext context, String... args) {
    CommandLine cli = new CommandLine(new HostPolicyCli(), new Factory(context));
    // an argument "@path" is data (a text to escape, a URL), never a file for picocli to read in
    cli.setExpandAtFiles(false);
    // `run CMD ARGS…`: everything from CMD on belongs to CMD, even without `--` (e.g. `run ls -la`)
    cli.getSubcommands().get("run").setStopAtPositional(true);
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(context.err(), StandardCharsets.UTF_8), true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(HostPolicyCli::exitCodeOf);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("hostpolicy: " + messageOf(ex));
          commandLine.getErr().flush();
          return exitCodeOf(ex);
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    context.out().flush();
    context.err().flush();
    return code;
  }

  static int exitCodeOf(Throwable ex) {
    if (ex instanceof PolicyViolationException) {
      return ExitCodes.DENIED;
    }
    if (ex instanceof PolicyConfigurationException
        || ex instanceof UsageException
        || ex instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.UNEXPECTED;
  }

  private static String messageOf(Throwable ex) {
    if (ex instanceof PolicyConfigurationException) {
      return "configuration error: " + ex.getMessage();
    }
    if (ex instanceof PolicyViolationException) {
      return "denied: " + ex.getMessage();
    }
    if (ex instanceof UsageException) {
      return ex.getMessage();
    }
    return "unexpected error: " + ex.getClass().getName()
        + (ex.getMessage() == null ? "" : ": " + SafeText.clean(ex.getMessage(), 300));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Gives every command that wants one the {@link CliContext}. */
  private static final class Factory implements CommandLine.IFactory {
    private final CliContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(CliContext context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
        return c.newInstance(context);
      } catch (NoSuchMethodException e) {
        return fallback.create(cls);
      }
    }
  }
}
