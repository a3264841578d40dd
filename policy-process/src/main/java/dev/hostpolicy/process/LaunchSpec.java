package dev.hostpolicy.process;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.core.env.EnvironmentScrubber;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.core.token.RunId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One child to start under policy: the command (an argv list, or an explicitly opted-in
 * {@link ShellCommand}), the workspace and the working directory inside it, the environment scrubber
 * and what the host injects, the egress, the streams, and optional opt-in dangerous arguments.
 * Immutable; build one per run.
 *
 * <pre>{@code
 * LaunchSpec spec = LaunchSpec.builder()
 *     .argv("npm", "test")                        // no shell: argv goes to the program as is
 *     .workspace(WorkspacePaths.of(projectDir))   // required
 *     .workingDirectory("packages/app")           // proven inside the workspace at start
 *     .environment(hostPolicy.environmentScrubber())
 *     .inject("DEVLOOP_EVENT_URL", eventUrl)      // added by name after scrubbing
 *     .egress(Egress.allow(List.of("registry.npmjs.org")))
 *     .stdout(ChildOutput.to(CapturedOutput.upTo(1 << 20)))
 *     .build();
 * }</pre>
 */
public final class LaunchSpec {
  private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final List<String> argv;
  private final Optional<ShellCommand> shell;
  private final WorkspacePaths workspace;
  private final String workingDirectory;
  private final EnvironmentScrubber environment;
  private final Optional<Map<String, String>> parentEnvironment;
  private final Map<String, String> injections;
  private final Egress egress;
  private final ChildInput stdin;
  private final ChildOutput stdout;
  private final ChildOutput stderr;
  private final Optional<RunId> runId;
  private final Optional<String> provider;
  private final List<String> dangerousArgs;
  private final List<RunObserver> observers;

  private LaunchSpec(Builder b) {
    this.shell = Optional.ofNullable(b.shell).map(s -> b.dangerousArgs.isEmpty() ? s : s.withWords(b.dangerousArgs));
    List<String> a = new ArrayList<>(b.shell != null ? this.shell.get().argv() : b.argv);
    if (b.shell == null) {
      a.addAll(b.dangerousArgs);
    }
    this.argv = List.copyOf(a);
    this.workspace = b.workspace;
    this.workingDirectory = b.workingDirectory;
    this.environment = b.environment;
    this.parentEnvironment = Optional.ofNullable(b.parentEnvironment);
    this.injections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.injections));
    this.egress = b.egress;
    this.stdin = b.stdin;
    this.stdout = b.stdout;
    this.stderr = b.stderr;
    this.runId = Optional.ofNullable(b.runId);
    this.provider = Optional.ofNullable(b.provider);
    this.dangerousArgs = List.copyOf(b.dangerousArgs);
    this.observers = List.copyOf(b.observers);
  }

  /** A builder: deny-all egress, base-allowlist environment, no input, discarded output. */
  public static Builder builder() {
    return new Builder();
  }

  /** The full argv the child gets (program first; dangerous arguments appended when opted in). */
  public List<String> argv() {
    return argv;
  }

  /** The shell command, when the host opted into a shell. */
  public Optional<ShellCommand> shell() {
    return shell;
  }

  /** The workspace. */
  public WorkspacePaths workspace() {
    return workspace;
  }

  /** The working directory, relative to the workspace root ({@code .} for the root) or absolute inside it. */
  public String workingDirectory() {
    return workingDirectory;
  }

  /** The scrubber applied to the parent environment. */
  public EnvironmentScrubber environment() {
    return environment;
  }

  /** The parent environment to scrub; the launcher's process environment when empty. */
  public Optional<Map<String, String>> parentEnvironment() {
    return parentEnvironment;
  }

  /** The variables injected after scrubbing (values may be secrets). */
  public Map<String, String> injections() {
    return injections;
  }

  /** The egress. */
  public Egress egress() {
    return egress;
  }

  /** Standard input. */
  public ChildInput stdin() {
    return stdin;
  }

  /** Standard output. */
  public ChildOutput stdout() {
    return stdout;
  }

  /** Standard error. */
  public ChildOutput stderr() {
    return stderr;
  }

  /** The run id, when the host chose one (otherwise the launcher generates one). */
  public Optional<RunId> runId() {
    return runId;
  }

  /** The provider (manifest) id, for the audit log. */
  public Optional<String> provider() {
    return provider;
  }

  /** The dangerous arguments appended to the command (empty unless the host opted in). */
  public List<String> dangerousArgs() {
    return dangerousArgs;
  }

  /** Observers of this run only (after the launcher's own). */
  public List<RunObserver> observers() {
    return observers;
  }

  /** Never shows arguments, injected values or the environment. */
  @Override
  public String toString() {
    return "LaunchSpec[program=" + argv.get(0) + ", " + (argv.size() - 1) + " args, " + egress + ", workingDirectory="
        + workingDirectory + "]";
  }

  /**
   * Configures a {@link LaunchSpec}; {@link #build()} checks it.
   *
   * <pre>{@code
   * LaunchSpec.Builder b = LaunchSpec.builder().argv(List.of("claude", "-p", prompt)).workspace(ws);
   * if (node.allowsDangerousArgs()) {
   *   b.dangerousArgs(List.of("--dangerously-skip-permissions"));   // logged and audited
   * }
   * }</pre>
   */
  public static final class Builder {
    private List<String> argv;
    private ShellCommand shell;
    private WorkspacePaths workspace;
    private String workingDirectory = ".";
    private EnvironmentScrubber environment = EnvironmentScrubber.builder().build();
    private Map<String, String> parentEnvironment;
    private final Map<String, String> injections = new LinkedHashMap<>();
    private Egress egress = Egress.denyAll();
    private ChildInput stdin = ChildInput.NONE;
    private ChildOutput stdout = ChildOutput.discard();
    private ChildOutput stderr = ChildOutput.discard();
    private RunId runId;
    private String provider;
    private List<String> dangerousArgs = List.of();
    private final List<RunObserver> observers = new ArrayList<>();

    private Builder() {}

    /** The program and its arguments, passed as they are (no shell). */
    public Builder argv(String... argv) {
      return argv(List.of(argv));
    }

    /** The program and its arguments, passed as they are (no shell). */
    public Builder argv(List<String> argv) {
      this.argv = List.copyOf(argv);
      this.shell = null;
      return this;
    }

    /** The explicit opt-in to {@code /bin/sh -c}, with every untrusted word quoted. */
    public Builder shell(ShellCommand shell) {
      this.shell = Objects.requireNonNull(shell, "shell");
      this.argv = null;
      return this;
    }

    /** The workspace the working directory must be inside (required). */
    public Builder workspace(WorkspacePaths workspace) {
      this.workspace = Objects.requireNonNull(workspace, "workspace");
      return this;
    }

    /**
     * The workspace rooted at {@code root}.
     *
     * @throws PolicyConfigurationException if it does not exist or is not a directory
     */
    public Builder workspace(Path root) {
      return workspace(WorkspacePaths.of(root));
    }

    /** The working directory: relative to the workspace root, or absolute inside it ({@code .} by default). */
    public Builder workingDirectory(String directory) {
      this.workingDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The scrubber (base allowlist only, no namespace, by default: pass the host's). */
    public Builder environment(EnvironmentScrubber scrubber) {
      this.environment = Objects.requireNonNull(scrubber, "scrubber");
      return this;
    }

    /** The parent environment to scrub (the launcher's process environment by default). */
    public Builder parentEnvironment(Map<String, String> parent) {
      this.parentEnvironment = new LinkedHashMap<>(Objects.requireNonNull(parent, "parent"));
      return this;
    }

    /** A variable put into the child's environment after scrubbing, by name (the value may be a secret). */
    public Builder inject(String name, String value) {
      injections.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Several injected variables. */
    public Builder inject(Map<String, String> variables) {
      variables.forEach(this::inject);
      return this;
    }

    /** The egress ({@link Egress#denyAll()} by default). */
    public Builder egress(Egress egress) {
      this.egress = Objects.requireNonNull(egress, "egress");
      return this;
    }

    /** Standard input ({@link ChildInput#NONE} by default). */
    public Builder stdin(ChildInput stdin) {
      this.stdin = Objects.requireNonNull(stdin, "stdin");
      return this;
    }

    /** Standard output ({@link ChildOutput#discard()} by default). */
    public Builder stdout(ChildOutput stdout) {
      this.stdout = Objects.requireNonNull(stdout, "stdout");
      return this;
    }

    /** Standard error ({@link ChildOutput#discard()} by default). */
    public Builder stderr(ChildOutput stderr) {
      this.stderr = Objects.requireNonNull(stderr, "stderr");
      return this;
    }

    /** The run id (a fresh one by default). */
    public Builder runId(RunId runId) {
      this.runId = Objects.requireNonNull(runId, "runId");
      return this;
    }

    /** The provider (manifest) id recorded in the audit log: {@code [a-z0-9][a-z0-9._-]{0,63}}. */
    public Builder provider(String id) {
      Objects.requireNonNull(id, "id");
      if (!PROVIDER.matcher(id).matches()) {
        throw new IllegalArgumentException("a provider id is 1-64 characters of [a-z0-9._-], starting with a letter or digit");
      }
      this.provider = id;
      return this;
    }

    /**
     * Arguments appended to the command only because the host opted in for this run (a provider's
     * {@code dangerousArgs}, such as a flag that skips the provider's own permission prompts). The
     * launcher logs them at WARNING and audits {@code run.dangerous-args} before the child starts.
     */
    public Builder dangerousArgs(Collection<String> args) {
      this.dangerousArgs = List.copyOf(args);
      return this;
    }

    /** Observes this run (after the launcher's observers). */
    public Builder observer(RunObserver observer) {
      observers.add(Objects.requireNonNull(observer, "observer"));
      return this;
    }

    /**
     * The spec.
     *
     * @throws PolicyConfigurationException without a command or a workspace
     * @throws IllegalArgumentException for an empty program name or an argument holding NUL
     */
    public LaunchSpec build() {
      if (argv == null && shell == null) {
        throw new PolicyConfigurationException("run.command", "a launch needs argv(...) or shell(...)");
      }
      if (workspace == null) {
        throw new PolicyConfigurationException("run.workspace", "a launch needs the workspace its working directory must be inside");
      }
      if (argv != null) {
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
          throw new IllegalArgumentException("argv needs a program name first");
        }
        for (String a : argv) {
          if (a.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a process argument cannot hold NUL");
          }
        }
      }
      for (String a : dangerousArgs) {
        if (a.indexOf('\0') >= 0) {
          throw new IllegalArgumentException("a process argument cannot hold NUL");
        }
      }
      return new LaunchSpec(this);
    }
  }
}
