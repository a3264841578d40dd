package dev.hostpolicy.testkit.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.core.env.ProductionGate;
import dev.hostpolicy.core.fs.SecureFiles;
import dev.hostpolicy.core.token.BearerAuthenticator;
import dev.hostpolicy.core.token.RequestTransport;
import dev.hostpolicy.core.token.SecretRedactionModule;
import dev.hostpolicy.core.token.SessionCookie;
import dev.hostpolicy.core.token.TokenFormat;
import dev.hostpolicy.core.token.UrlTokenGuard;
import dev.hostpolicy.testkit.SecretLeaks;
import dev.hostpolicy.testkit.TokenArbitraries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The leak property: a generated secret never appears — raw or in a common encoding — in any
 * {@code toString}, JSON, exception message, decision or {@code describe()} output of the token
 * controls, however it is fed to them.
 */
class SecretsNeverAppearProperties {
  private static final ObjectMapper WITH_MODULE = new ObjectMapper().registerModule(new SecretRedactionModule());
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @Property(tries = 300)
  void noOutputOfTheTokenControlsHoldsTheSecret(@ForAll("secrets") String value) throws Exception {
    Secret secret = Secret.fromUtf8(value);
    List<String> outputs = new ArrayList<>();
    outputs.add(secret.toString());
    outputs.add(String.valueOf(secret));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("token", secret);
    doc.put("list", List.of(secret));
    outputs.add(WITH_MODULE.writeValueAsString(doc));
    outputs.add(PLAIN.writeValueAsString(doc));

    // decisions of every check that sees the secret, with the secret (and near misses) as input
    boolean bearerToken = TokenFormat.bearer().isValid(value);
    if (bearerToken) {
      BearerAuthenticator auth = BearerAuthenticator.of(secret);
      outputs.add(auth.toString());
      for (String header : List.of("Bearer " + value, "Bearer  " + value, "Basic " + value, value, "Bearer " + value + "x",
          "Bearer " + value + ", Bearer " + value)) {
        outputs.add(auth.check(List.of(header)).toString());
        outputs.add(auth.check(List.of(header), "/x?access_token=" + value).toString());
        outputs.add(auth.check(List.of(header), "/x/" + value).toString());
      }
    } else {
      Throwable t = catchThrowable(() -> BearerAuthenticator.of(secret));
      outputs.addAll(messages(t));
    }
    UrlTokenGuard guard = UrlTokenGuard.forSecret(secret);
    outputs.add(guard.toString());
    outputs.add(guard.check("/x?q=" + value).toString());
    SessionCookie cookie = SessionCookie.forToken(secret);
    outputs.add(cookie.toString());
    outputs.add(cookie.value());
    outputs.add(cookie.setCookieHeader(RequestTransport.direct(true)));
    outputs.add(cookie.check(List.of("hostpolicy_session=" + value)).toString());
    for (TokenFormat f : List.of(TokenFormat.plain(), TokenFormat.prefixed("hp"), TokenFormat.bearer())) {
      outputs.add(f.check(value).toString());
      outputs.add(f.check(value + "x").toString());
      outputs.addAll(messages(catchThrowable(() -> BearerAuthenticator.of(secret, f))));
    }

    // the production gate with the secret in the environment, and the composer with it as the API token
    ProductionGate gate = ProductionGate.builder()
        .context(EnvironmentSnapshot.of(Map.of("INFLOOP_API_TOKEN", value, "NODE_ENV", "production"), Map.of("x", value)))
        .build();
    outputs.add(gate.check().toString());
    outputs.add(gate.toString());
    outputs.addAll(messages(catchThrowable(() -> gate.requireDevelopment(false))));
    outputs.add(EnvironmentSnapshot.of(Map.of("T", value), Map.of()).toString());
    if (bearerToken && value.length() <= 4096) {
      HostPolicy policy = HostPolicy.builder().profile("minimal").namespace("INFLOOP")
          .settings(Settings.fromEnvironment(Map.of("INFLOOP_API_TOKEN", value))).build();
      outputs.add(policy.describe());
      outputs.add(policy.toString());
    }

    for (String out : outputs) {
      SecretLeaks.assertNoLeak(out, value);
    }
  }

  /** A secure-file failure names the path, never the bytes it was writing. */
  @Property(tries = 30)
  void secureFileErrorsHoldNoSecret(@ForAll("secrets") String value) throws Exception {
    Path dir = Files.createTempDirectory("leak");
    try {
      Path asDirectory = Files.createDirectory(dir.resolve("target"));
      Files.writeString(asDirectory.resolve("x"), "x");
      Throwable t = catchThrowable(() -> SecureFiles.writeAtomically(asDirectory, Secret.fromUtf8(value)));
      assertThat(t).isNotNull();
      for (String m : messages(t)) {
        SecretLeaks.assertNoLeak(m, value);
      }
      Decision d = SecureFiles.checkPrivate(asDirectory);
      SecretLeaks.assertNoLeak(d.toString(), value);
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static List<String> messages(Throwable t) {
    List<String> out = new ArrayList<>();
    for (Throwable c = t; c != null; c = c.getCause()) {
      out.add(String.valueOf(c.getMessage()));
      out.add(c.toString());
    }
    return out;
  }

  @Provide
  Arbitrary<String> secrets() {
    return TokenArbitraries.secretLikeValues();
  }
}
