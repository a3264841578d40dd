package dev.hostpolicy.core.env;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The dev-only runtime gate of devtools-style hosts: a tool that lets a browser page drive an agent
 * must refuse to start in production unless the operator forces it.
 *
 * <p>Every {@link EnvironmentProbe} (found with {@link java.util.ServiceLoader}, ordered by priority
 * then id; built in: {@code <NS>_ENV}, {@code -Dhostpolicy.env}, {@code APP_ENV}, {@code NODE_ENV},
 * Spring's active profiles) reports labels, which {@link DeploymentStage#classify} reads. Then:
 *
 * <ul>
 *   <li>any probe reporting production — or throwing — means production;
 *   <li>probes that disagree (for example {@code NODE_ENV=development} and {@code APP_ENV=staging})
 *       mean production;
 *   <li>{@link Mode#DEFAULT default mode}: otherwise not production — also when no probe has an
 *       opinion;
 *   <li>{@link Mode#STRICT strict mode}: production unless at least one probe reports development
 *       ({@code dev}, {@code development}, {@code local}, {@code test}) and none reports anything else.
 * </ul>
 *
 * <p>{@link #requireDevelopment(boolean)} throws a {@link PolicyViolationException} with the reason
 * {@value #PRODUCTION} in production, unless {@code force} is true; forcing logs a
 * {@link System.Logger.Level#WARNING WARNING} naming the probes. Probes read only the
 * {@link ProbeContext} they are given, so a test hands the gate an {@link EnvironmentSnapshot} built
 * from maps.
 *
 * <pre>{@code
 * ProductionGate gate = ProductionGate.builder()
 *     .context(EnvironmentSnapshot.system()
 *         .withDeclaredEnvironment(policy.get(PolicyKeys.DECLARED_ENVIRONMENT)))
 *     .build();
 * gate.requireDevelopment(Boolean.getBoolean("devtools.force"));  // throws env.production in production
 * }</pre>
 */
public final class ProductionGate {

  /** Reason code of a denial: the environment is (or counts as) production. */
  public static final String PRODUCTION = "env.production";

  /** Reason code of an allowing decision: every probe with an opinion reports development. */
  public static final String DEVELOPMENT = "env.development";

  /** Reason code of an allowing decision in default mode when no probe confirms development. */
  public static final String UNDETERMINED = "env.undetermined";

  /** Reason code of an allowing decision in production because the caller forced it. */
  public static final String FORCED = "env.production-forced";

  /** How the gate treats an environment no probe identifies. */
  public enum Mode {
    /** Deny only on a production (or disagreeing, or failing) signal. */
    DEFAULT,
    /** Deny unless the probes agree on development. */
    STRICT
  }

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

  private final List<EnvironmentProbe> probes;
  private final ProbeContext context;
  private final Mode mode;
  private final System.Logger logger;

  private ProductionGate(List<EnvironmentProbe> probes, ProbeContext context, Mode mode, System.Logger logger) {
    this.probes = probes;
    this.context = context;
    this.mode = mode;
    this.logger = logger;
  }

  /** Starts a builder: real environment, default mode, probes discovered with ServiceLoader. */
  public static Builder builder() {
    return new Builder();
  }

  /** The mode. */
  public Mode mode() {
    return mode;
  }

  /** The ids of the probes consulted, in order. */
  public List<String> probeIds() {
    return probes.stream().map(EnvironmentProbe::id).collect(Collectors.toUnmodifiableList());
  }

  /** What every probe reports now, in probe order; probes with no opinion are included with no labels. */
  public List<ProbeReading> readings() {
    List<ProbeReading> out = new ArrayList<>();
    for (EnvironmentProbe probe : probes) {
      out.add(read(probe));
    }
    return List.copyOf(out);
  }

  private ProbeReading read(EnvironmentProbe probe) {
    String id = probe.id();
    try {
      List<String> raw = probe.observe(context);
      if (raw == null) {
        return new ProbeReading(id, List.of(), DeploymentStage.PRODUCTION, true);
      }
      List<String> labels = new ArrayList<>();
      List<String> stripped = new ArrayList<>();
      for (String label : raw) {
        if (label == null) {
          return new ProbeReading(id, List.of(), DeploymentStage.PRODUCTION, true);
        }
        if (!label.isBlank()) {
          stripped.add(label.strip());
          labels.add(SafeText.clean(label.strip(), 64));
        }
      }
      return new ProbeReading(id, labels, ProbeReading.stageOf(stripped), false);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      return new ProbeReading(id, List.of(), DeploymentStage.PRODUCTION, true);
    }
  }

  /**
   * Decides now: denied with {@value #PRODUCTION}, or allowed with {@value #DEVELOPMENT} or (default
   * mode) {@value #UNDETERMINED}. The detail lists the probes that had an opinion.
   */
  public Decision check() {
    List<ProbeReading> opinions = new ArrayList<>();
    for (ProbeReading r : readings()) {
      if (r.failed() || !r.labels().isEmpty()) {
        opinions.add(r);
      }
    }
    String seen = opinions.isEmpty() ? "no probe has an opinion" : opinions.stream().map(ProbeReading::toString).collect(Collectors.joining(", "));
    Set<DeploymentStage> stages = EnumSet.noneOf(DeploymentStage.class);
    opinions.forEach(r -> stages.add(r.stage()));
    if (stages.contains(DeploymentStage.PRODUCTION)) {
      List<ProbeReading> failed = opinions.stream().filter(ProbeReading::failed).collect(Collectors.toList());
      return Decision.deny(PRODUCTION, (failed.isEmpty() ? "production environment detected: " : "a probe failed, which counts as production: ") + seen);
    }
    if (stages.size() > 1) {
      return Decision.deny(PRODUCTION, "the probes disagree, which counts as production: " + seen);
    }
    if (stages.contains(DeploymentStage.DEVELOPMENT)) {
      return Decision.allow(DEVELOPMENT, seen);
    }
    if (mode == Mode.STRICT) {
      return Decision.deny(PRODUCTION, "strict mode: no probe reports development (dev, development, local or test): " + seen);
    }
    return Decision.allow(UNDETERMINED, "no probe reports production: " + seen);
  }

  /**
   * Returns the allowing decision in development; in production throws, or — when {@code force} is
   * true — logs a WARNING and returns an allowing decision with the reason {@value #FORCED}.
   *
   * @throws PolicyViolationException with the reason {@value #PRODUCTION} in production unless forced
   */
  public Decision requireDevelopment(boolean force) {
    Decision d = check();
    if (d.allowed()) {
      return d;
    }
    if (!force) {
      throw new PolicyViolationException(d);
    }
    logger.log(System.Logger.Level.WARNING,
        "dev-only tool running in production because it was forced (" + d.reason() + "): " + d.detail());
    return Decision.allow(FORCED, d.detail());
  }

  @Override
  public String toString() {
    return "ProductionGate[mode=" + mode + ", probes=" + probeIds() + "]";
  }

  /**
   * Configures a {@link ProductionGate}.
   *
   * <pre>{@code
   * ProductionGate gate = ProductionGate.builder()
   *     .context(EnvironmentSnapshot.of(Map.of("NODE_ENV", "development"), Map.of()))
   *     .mode(ProductionGate.Mode.STRICT)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private ProbeContext context;
    private Mode mode = Mode.DEFAULT;
    private List<EnvironmentProbe> probes;
    private ClassLoader classLoader;
    private System.Logger logger = System.getLogger(ProductionGate.class.getName());

    private Builder() {}

    /** Where probes read; {@link EnvironmentSnapshot#system()} (nothing declared) by default. */
    public Builder context(ProbeContext context) {
      this.context = Objects.requireNonNull(context, "context");
      return this;
    }

    /** {@link Mode#DEFAULT} or {@link Mode#STRICT}. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Uses exactly these probes instead of discovering them (ordered by priority, then id). */
    public Builder probes(List<? extends EnvironmentProbe> probes) {
      this.probes = List.copyOf(Objects.requireNonNull(probes, "probes"));
      return this;
    }

    /** Discovers probes through {@code loader} instead of the default ServiceLoader lookup. */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /** Where the WARNING of a forced gate goes; {@code System.getLogger(ProductionGate.class.getName())} by default. */
    public Builder logger(System.Logger logger) {
      this.logger = Objects.requireNonNull(logger, "logger");
      return this;
    }

    /**
     * Builds the gate.
     *
     * @throws PolicyConfigurationException if a probe fails to load, reports a malformed id, or two
     *     probes share an id
     */
    public ProductionGate build() {
      List<EnvironmentProbe> found = probes != null ? new ArrayList<>(probes) : discover();
      Set<String> ids = new HashSet<>();
      List<Keyed> keyed = new ArrayList<>();
      for (EnvironmentProbe p : found) {
        String id;
        int priority;
        try {
          id = p.id();
          priority = p.priority();
        } catch (RuntimeException e) {
          throw new PolicyConfigurationException(p.getClass().getName(),
              "EnvironmentProbe threw while reporting its id or priority (" + e.getClass().getName() + ")", e);
        }
        if (id == null || id.length() > 128 || !ID.matcher(id).matches()) {
          throw new PolicyConfigurationException(p.getClass().getName(),
              "EnvironmentProbe has a malformed id " + (id == null ? "null" : "\"" + SafeText.clean(id, 80) + "\""));
        }
        if (!ids.add(id)) {
          throw new PolicyConfigurationException(id, "two EnvironmentProbe providers share the id " + id);
        }
        keyed.add(new Keyed(p, id, priority));
      }
      keyed.sort(Comparator.comparingInt(Keyed::priority).thenComparing(Keyed::id));
      List<EnvironmentProbe> ordered = keyed.stream().map(Keyed::probe).collect(Collectors.toUnmodifiableList());
      return new ProductionGate(ordered, context == null ? EnvironmentSnapshot.system() : context, mode, logger);
    }

    private List<EnvironmentProbe> discover() {
      ServiceLoader<EnvironmentProbe> loader =
          classLoader == null ? ServiceLoader.load(EnvironmentProbe.class) : ServiceLoader.load(EnvironmentProbe.class, classLoader);
      List<EnvironmentProbe> out = new ArrayList<>();
      Iterator<ServiceLoader.Provider<EnvironmentProbe>> it = loader.stream().iterator();
      while (true) {
        ServiceLoader.Provider<EnvironmentProbe> provider;
        try {
          if (!it.hasNext()) {
            break;
          }
          provider = it.next();
        } catch (ServiceConfigurationError e) {
          throw new PolicyConfigurationException("EnvironmentProbe", "a provider could not be loaded: " + SafeText.clean(e.getMessage(), 300), e);
        }
        try {
          out.add(provider.get());
        } catch (VirtualMachineError e) {
          throw e;
        } catch (Throwable t) {
          throw new PolicyConfigurationException(provider.type().getName(),
              "EnvironmentProbe provider could not be instantiated (" + t.getClass().getName() + ")", t);
        }
      }
      return out;
    }

    private record Keyed(EnvironmentProbe probe, String id, int priority) {}
  }
}
