package dev.hostpolicy.testkit.mutants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.spi.AddressResolver;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.ProbeContext;
import dev.hostpolicy.api.spi.RateLimitStore;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.env.AppEnvProbe;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.core.profile.MinimalProfile;
import dev.hostpolicy.core.ratelimit.InMemoryRateLimitStore;
import dev.hostpolicy.testkit.WebhookKey;
import dev.hostpolicy.testkit.contract.AddressResolverContract;
import dev.hostpolicy.testkit.contract.AuditSinkContract;
import dev.hostpolicy.testkit.contract.EnvironmentProbeContract;
import dev.hostpolicy.testkit.contract.HostProfileContract;
import dev.hostpolicy.testkit.contract.PolicyContributorContract;
import dev.hostpolicy.testkit.contract.RateLimitStoreContract;
import dev.hostpolicy.testkit.contract.WebhookSignatureSchemeContract;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import dev.hostpolicy.testkit.fake.ScopedProviders;
import dev.hostpolicy.testkit.samples.AcmeHooksScheme;
import dev.hostpolicy.testkit.samples.SneakyContributor;
import dev.hostpolicy.api.Secret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A contract that passes everything proves nothing. Each SPI contract of the test kit is run here,
 * through the JUnit Platform launcher, against an implementation with one deliberate, realistic bug;
 * the test asserts that the run fails and names the property that catches the bug. (The same
 * contracts pass against our own implementations in the {@code *ContractTest} classes.)
 *
 * <p>The broken cases are nested classes: surefire does not run them on their own.
 */
class ContractsCatchBrokenImplementationsTest {

  /** Runs {@code contractCase} with jqwik and returns the names of its failed test methods. */
  static Set<String> failures(Class<?> contractCase) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(contractCase))
            .configurationParameter("jqwik.database", "target/jqwik-database-mutants")
            .configurationParameter("jqwik.reporting.onlyfailures", "true")
            .configurationParameter("jqwik.failures.after.default", "SAMPLE_FIRST")
            .build();
    Set<String> failed = new TreeSet<>();
    List<String> succeeded = new ArrayList<>();
    LauncherFactory.create()
        .execute(
            request,
            new TestExecutionListener() {
              @Override
              public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.getSource().orElse(null) instanceof MethodSource m) {
                  if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    succeeded.add(m.getMethodName());
                  } else {
                    failed.add(m.getMethodName());
                  }
                }
              }
            });
    assertThat(succeeded).as("the rest of the contract still runs and passes").isNotEmpty();
    return failed;
  }

  // ---------------------------------------------------------------------------------- HostProfile

  @Test
  void hostProfileContractCatchesAProfileWhoseConfigureThrows() {
    assertThat(failures(ThrowingProfileCase.class))
        .contains("configuresAFreshDraftWithoutThrowing", "configureIsDeterministic", "isDiscoverableById");
  }

  /** Bug: {@code configure} throws (a forgotten default), and the profile is not registered. */
  public static final class ThrowingProfile implements HostProfile {
    @Override
    public String id() {
      return "acme-broken";
    }

    @Override
    public int priority() {
      return 0;
    }

    @Override
    public String description() {
      return "a profile with a bug";
    }

    @Override
    public void configure(PolicyDraft draft) {
      new MinimalProfile().configure(draft);
      throw new IllegalStateException("acme.timeout has no default");
    }
  }

  static final class ThrowingProfileCase implements HostProfileContract {
    @Override
    public HostProfile profile() {
      return new ThrowingProfile();
    }
  }

  // ---------------------------------------------------------------------------- PolicyContributor

  @Test
  void contributorContractCatchesAnUndeclaredLoosening() {
    assertThat(failures(SneakyContributorCase.class)).contains("loosensExactlyWhenDeclared");
  }

  /** Bug: the sample contributor turns egress enforcement off while claiming only to tighten. */
  static final class SneakyContributorCase implements PolicyContributorContract {
    @Override
    public PolicyContributor contributor() {
      return new SneakyContributor();
    }

    @Override
    public ClassLoader classLoader() {
      return ScopedProviders.builder().register(PolicyContributor.class, SneakyContributor.class).build();
    }
  }

  // ------------------------------------------------------------------------ WebhookSignatureScheme

  @Test
  void schemeContractCatchesAVerifierWithoutReplayProtection() {
    assertThat(failures(ForgetfulSchemeCase.class)).containsExactly("aReplayedDeliveryIsRefused");
  }

  /** Bug: verifies signatures correctly but never consults the replay guard. */
  public static final class ForgetfulScheme implements WebhookSignatureScheme {
    private final AcmeHooksScheme inner = new AcmeHooksScheme();

    @Override
    public String id() {
      return "com.acme.forgetful";
    }

    @Override
    public int priority() {
      return 1000;
    }

    @Override
    public boolean signs() {
      return true;
    }

    @Override
    public Optional<Duration> tolerance() {
      return inner.tolerance();
    }

    @Override
    public Verifier verifier(List<Secret> secrets) {
      Verifier v = inner.verifier(secrets);
      return (body, headers, context) -> v.verify(body, headers, new Context(context.time(), (key, until) -> Decision.allow()));
    }

    @Override
    public Signer signer(List<Secret> secrets) {
      return inner.signer(secrets);
    }
  }

  static final class ForgetfulSchemeCase implements WebhookSignatureSchemeContract {
    @Override
    public WebhookSignatureScheme scheme() {
      return new ForgetfulScheme();
    }

    @Override
    public Arbitrary<WebhookKey> keys() {
      return Arbitraries.strings().alpha().ofMinLength(16).ofMaxLength(40).map(s -> WebhookKey.symmetric(Secret.fromUtf8(s)));
    }

    @Override
    public ClassLoader classLoader() {
      return ScopedProviders.builder().register(WebhookSignatureScheme.class, ForgetfulScheme.class).build();
    }
  }

  // ------------------------------------------------------------------------------------ AuditSink

  @Test
  void auditSinkContractCatchesASinkThatDropsEventsAndOutlivesClose() {
    assertThat(failures(RingBufferSinkCase.class))
        .contains("everyAcknowledgedEventIsRecordedInOrderUnchanged", "aClosedSinkRefusesAppends");
  }

  /** Bug: keeps only the last four events (a ring buffer sized for a demo) and ignores {@code close}. */
  static final class RingBufferSink implements AuditSink {
    final InMemoryAuditSink inner = InMemoryAuditSink.create();
    final List<AuditEvent> kept = new ArrayList<>();

    @Override
    public String id() {
      return "ring";
    }

    @Override
    public synchronized void append(AuditEvent event) {
      kept.add(event);
      if (kept.size() > 4) {
        kept.remove(0);
      }
    }
  }

  static final class RingBufferSinkCase implements AuditSinkContract {
    @Override
    public AuditSink newSink() {
      return new RingBufferSink();
    }

    @Override
    public List<AuditEvent> recorded(AuditSink sink) {
      synchronized (sink) {
        return List.copyOf(((RingBufferSink) sink).kept);
      }
    }
  }

  // ------------------------------------------------------------------------------ AddressResolver

  @Test
  void resolverContractCatchesEmptyAnswersAndASharedMutableList() {
    assertThat(failures(LeakyTableResolverCase.class))
        .contains("anUnknownHostThrowsUnknownHostException", "answersCannotBeChangedThroughTheReturnedList");
  }

  /** Bug: answers an unknown host with an empty list, and hands out its own table entry. */
  static final class LeakyTableResolver implements AddressResolver {
    private final Map<String, List<InetAddress>> table;

    LeakyTableResolver() {
      try {
        table = Map.of("known.example", new ArrayList<>(List.of(InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 216, 34}))));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String id() {
      return "leaky-table";
    }

    @Override
    public List<InetAddress> resolve(String host) {
      return table.getOrDefault(host, new ArrayList<>());
    }
  }

  static final class LeakyTableResolverCase implements AddressResolverContract {
    private final LeakyTableResolver shared = new LeakyTableResolver();

    @Override
    public AddressResolver resolver() {
      return shared;
    }

    @Override
    public String resolvableHost() {
      return "known.example";
    }

    @Override
    public Optional<String> unresolvableHost() {
      return Optional.of("unknown.invalid");
    }
  }

  // ---------------------------------------------------------------------------- RateLimitStore

  @Test
  void storeContractCatchesACompareAndSetThatIgnoresTheExpectedValue() {
    assertThat(failures(BlindStoreCase.class))
        .contains("aFreshKeyIsAbsentAndCompareAndSetWorks", "behavesLikeAnAtomicRegisterPerKey");
  }

  /** Bug: {@code compareAndSet} writes whenever the slot is not absent, whatever it holds. */
  static final class BlindStore implements RateLimitStore {
    private final InMemoryRateLimitStore inner = new InMemoryRateLimitStore();

    @Override
    public String id() {
      return "blind";
    }

    @Override
    public int priority() {
      return 0;
    }

    @Override
    public Table open(TableSpec spec) {
      Table t = inner.open(spec);
      return new Table() {
        @Override
        public Slot slot(String key) {
          Slot s = t.slot(key);
          return new Slot() {
            @Override
            public long get() {
              return s.get();
            }

            @Override
            public boolean compareAndSet(long expected, long update) {
              return s.compareAndSet(s.get(), update);
            }

            @Override
            public boolean isOverflow() {
              return s.isOverflow();
            }
          };
        }

        @Override
        public long liveKeys() {
          return t.liveKeys();
        }

        @Override
        public long maxKeys() {
          return t.maxKeys();
        }

        @Override
        public long evictIdle() {
          return t.evictIdle();
        }
      };
    }
  }

  static final class BlindStoreCase implements RateLimitStoreContract {
    @Override
    public RateLimitStore store() {
      return new BlindStore();
    }
  }

  // ---------------------------------------------------------------------------- EnvironmentProbe

  @Test
  void probeContractCatchesAProbeThatThrowsOnAMissingVariable() {
    assertThat(failures(PartialProbeCase.class)).contains("silentOnAnEmptyContext", "observeIsTotalAndClean");
  }

  /** Bug: assumes {@code APP_ENV} is always set. */
  public static final class PartialProbe implements EnvironmentProbe {
    @Override
    public String id() {
      return "acme.partial";
    }

    @Override
    public int priority() {
      return 20;
    }

    @Override
    public List<String> observe(ProbeContext context) {
      String value = context.environmentVariable(AppEnvProbe.VARIABLE).orElseThrow();
      return new AppEnvProbe().observe(EnvironmentSnapshot.of(Map.of(AppEnvProbe.VARIABLE, value), Map.of()));
    }
  }

  static final class PartialProbeCase implements EnvironmentProbeContract {
    @Override
    public EnvironmentProbe probe() {
      return new PartialProbe();
    }

    @Override
    public ProbeContext productionContext() {
      return EnvironmentSnapshot.of(Map.of("APP_ENV", "production"), Map.of());
    }

    @Override
    public ProbeContext developmentContext() {
      return EnvironmentSnapshot.of(Map.of("APP_ENV", "local"), Map.of());
    }

    @Override
    public ClassLoader classLoader() {
      return ScopedProviders.builder().register(EnvironmentProbe.class, PartialProbe.class).build();
    }
  }
}
