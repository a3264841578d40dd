package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.core.HostPolicy;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A module-path host: policy-api, policy-core, Jackson (with its YAML module), SnakeYAML, Guava and
 * Bouncy Castle loaded as named modules in a fresh layer. The built-in profile, the system resolver
 * and the webhook schemes must be found through the {@code provides} clauses alone, and the composer
 * must build the minimal policy inside the layer.
 */
class ModulePathIT {

  private static Path locationOf(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void profilesAreFoundThroughProvidesClauses() throws Exception {
    List<Path> path = new ArrayList<>();
    path.add(locationOf(HostProfile.class));
    path.add(locationOf(HostPolicy.class));
    path.add(locationOf(com.fasterxml.jackson.databind.ObjectMapper.class));
    path.add(locationOf(com.fasterxml.jackson.core.JsonFactory.class));
    path.add(locationOf(com.fasterxml.jackson.annotation.JsonProperty.class));
    path.add(locationOf(com.google.common.net.InternetDomainName.class));
    path.add(locationOf(com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class));
    path.add(locationOf(org.bouncycastle.math.ec.rfc8032.Ed25519.class));
    path.add(locationOf(com.fasterxml.jackson.dataformat.yaml.YAMLMapper.class));
    path.add(locationOf(org.yaml.snakeyaml.Yaml.class));
    ModuleFinder finder = ModuleFinder.of(path.toArray(Path[]::new));
    ModuleLayer boot = ModuleLayer.boot();
    Configuration cf = boot.configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of("dev.hostpolicy.core"));
    ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());

    assertThat(layer.findModule("dev.hostpolicy.core")).isPresent();
    assertThat(layer.findModule("dev.hostpolicy.core").get().getDescriptor().isAutomatic()).isFalse();

    Class<?> service = layer.findLoader("dev.hostpolicy.api").loadClass("dev.hostpolicy.api.spi.HostProfile");
    List<String> ids = new ArrayList<>();
    for (Object p : ServiceLoader.load(layer, service)) {
      ids.add((String) service.getMethod("id").invoke(p));
    }
    assertThat(ids).contains("minimal", "devloop", "infinite-loop", "devbox", "devtools");

    Class<?> resolverService = layer.findLoader("dev.hostpolicy.api").loadClass("dev.hostpolicy.api.spi.AddressResolver");
    List<String> resolverIds = new ArrayList<>();
    for (Object r : ServiceLoader.load(layer, resolverService)) {
      resolverIds.add((String) resolverService.getMethod("id").invoke(r));
    }
    assertThat(resolverIds).containsExactly("system");
    Class<?> schemeService = layer.findLoader("dev.hostpolicy.api").loadClass("dev.hostpolicy.api.spi.WebhookSignatureScheme");
    List<String> schemes = new ArrayList<>();
    for (Object p : ServiceLoader.load(layer, schemeService)) {
      schemes.add((String) schemeService.getMethod("id").invoke(p));
    }
    assertThat(schemes).containsExactlyInAnyOrder("github", "stripe", "slack", "standard-webhooks", "generic");
    // Ed25519 runs inside the layer: dev.hostpolicy.core reads org.bouncycastle.provider as a named module.
    Class<?> sw = layer.findLoader("dev.hostpolicy.core").loadClass("dev.hostpolicy.core.webhook.StandardWebhooksScheme");
    Class<?> secret = layer.findLoader("dev.hostpolicy.api").loadClass("dev.hostpolicy.api.Secret");
    Object publicKey = sw.getMethod("publicKeyOf", secret).invoke(null, sw.getMethod("newSigningKey").invoke(null));
    assertThat(secret.getMethod("revealUtf8").invoke(publicKey)).asString().startsWith("whpk_");
    assertThat(layer.findModule("org.bouncycastle.provider")).isPresent();

    ClassLoader loader = layer.findLoader("dev.hostpolicy.core");
    Class<?> hostPolicy = loader.loadClass("dev.hostpolicy.core.HostPolicy");
    Object builder = hostPolicy.getMethod("builder").invoke(null);
    Class<?> builderClass = builder.getClass();
    builderClass.getMethod("profile", String.class).invoke(builder, "minimal");
    builderClass.getMethod("classLoader", ClassLoader.class).invoke(builder, loader);
    Object policy = builderClass.getMethod("build").invoke(builder);
    String json = (String) hostPolicy.getMethod("describe").invoke(policy);
    assertThat(json).contains("\"minimal\"").contains("ratelimit.login");
    assertThat(policy.getClass().getModule().getName()).isEqualTo("dev.hostpolicy.core");

    // the cloud-config builder writes YAML through the named Jackson YAML and SnakeYAML modules
    Class<?> cloudConfig = loader.loadClass("dev.hostpolicy.core.cloudinit.CloudConfig");
    Object cb = cloudConfig.getMethod("builder").invoke(null);
    cb.getClass().getMethod("runcmd", List.class).invoke(cb, List.of("echo", "no"));
    Object config = cb.getClass().getMethod("build").invoke(cb);
    assertThat((String) cloudConfig.getMethod("toYaml").invoke(config))
        .isEqualTo("#cloud-config\nruncmd:\n- - \"echo\"\n  - \"no\"\n");
  }
}
