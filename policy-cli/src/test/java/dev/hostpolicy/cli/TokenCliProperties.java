package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.testkit.SecretLeaks;
import dev.hostpolicy.testkit.TokenArbitraries;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The token commands on generated tokens: exit codes follow the format, and no output leaks a token. */
class TokenCliProperties {

  @Property(tries = 200)
  void checkAcceptsGeneratedTokensAndRejectsEveryCorruption(@ForAll("prefixedTokens") String token,
      @ForAll("positions") int position, @ForAll("replacements") char replacement, @ForAll boolean newline) {
    String prefix = token.substring(0, token.indexOf('_'));
    String in = token + (newline ? "\n" : "");
    assertThat(run(in, "token", "check", "--prefix", prefix).exit()).isZero();
    int i = position % token.length();
    if (token.charAt(i) == replacement) {
      return;
    }
    String corrupted = token.substring(0, i) + replacement + token.substring(i + 1);
    CliRun r = run(corrupted + (newline ? "\n" : ""), "token", "check", "--prefix", prefix);
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.stderr()).containsAnyOf("token.malformed", "token.checksum-mismatch");
    SecretLeaks.assertNoLeak(r.stderr(), token);
    SecretLeaks.assertNoLeak(r.stderr(), corrupted);
  }

  @Property(tries = 200)
  void cookieNeverPrintsTheToken(@ForAll("secrets") String secret) {
    CliRun r = run(secret, "token", "cookie");
    boolean token = secret.length() >= 16 && secret.length() <= 4096 && secret.matches("[A-Za-z0-9._~+/-]+=*");
    assertThat(r.exit()).isEqualTo(token ? 0 : 3);
    if (token) {
      assertThat(r.out()).matches("[A-Za-z0-9_-]{43}");
    }
    SecretLeaks.assertNoLeak(r.out(), secret);
    SecretLeaks.assertNoLeak(r.stderr(), secret);
  }

  private static CliRun run(String stdin, String... args) {
    return CliRun.run(Map.of(), stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  @Provide
  Arbitrary<String> prefixedTokens() {
    return TokenArbitraries.prefixedTokens();
  }

  @Provide
  Arbitrary<String> secrets() {
    return TokenArbitraries.secretLikeValues();
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 80);
  }

  @Provide
  Arbitrary<Character> replacements() {
    return Arbitraries.chars().with("AZaz09_-=+/. \t\u00e9");
  }
}
