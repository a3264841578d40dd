package dev.hostpolicy.testkit.internal;

import dev.hostpolicy.testkit.AdversarialSetting;
import dev.hostpolicy.testkit.PolicyArbitraries;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Feeds {@code @ForAll @AdversarialSetting String} parameters. Registered with jqwik through
 * {@code META-INF/services} and {@code module-info}.
 *
 * <pre>{@code
 * void p(@ForAll @AdversarialSetting String raw) {}
 * }</pre>
 */
public final class AdversarialSettingValueProvider implements ArbitraryProvider {

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return targetType.isOfType(String.class) && targetType.isAnnotated(AdversarialSetting.class);
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    return Set.of(PolicyArbitraries.adversarialSettingValues());
  }

  /** Wins over jqwik's default {@code String} provider for annotated parameters. */
  @Override
  public int priority() {
    return 10;
  }
}
