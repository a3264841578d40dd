package dev.hostpolicy.testkit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.core.validate.GitRemoteValidator;
import dev.hostpolicy.testkit.TextArbitraries;
import dev.hostpolicy.testkit.ValidatorArbitraries;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GitRemoteValidatorProperties {
  private static final Set<String> REASONS = Set.of("allowed", "validate.git-url.empty", "validate.git-url.too-long",
      "validate.git-url.option-injection", "validate.git-url.whitespace", "validate.git-url.control-character",
      "validate.git-url.non-ascii", "validate.git-url.transport", "validate.git-url.local-path", "validate.git-url.scheme",
      "validate.git-url.insecure-http", "validate.git-url.credentials", "validate.git-url.malformed");

  private final GitRemoteValidator strict = GitRemoteValidator.strict();
  private final GitRemoteValidator loose = GitRemoteValidator.builder().allowHttp(true).allowCredentials(true).build();

  @Provide
  Arbitrary<String> valid() {
    return ValidatorArbitraries.validGitUrls();
  }

  @Provide
  Arbitrary<String> hostile() {
    return ValidatorArbitraries.hostileGitUrls();
  }

  @Provide
  Arbitrary<String> anything() {
    return net.jqwik.api.Arbitraries.oneOf(TextArbitraries.hostileText(), ValidatorArbitraries.hostileGitUrls(),
        ValidatorArbitraries.validGitUrls());
  }

  @Property(tries = 2000)
  void validUrlsAreAllowed(@ForAll("valid") String url) {
    assertThat(strict.check(url)).isEqualTo(Decision.allow());
  }

  @Property(tries = 3000)
  void hostileUrlsAreDenied(@ForAll("hostile") String url) {
    assertThat(strict.check(url).denied()).as(url).isTrue();
  }

  @Property(tries = 3000)
  void totalWithDocumentedReasons(@ForAll("anything") String url) {
    Decision d = strict.check(url);
    assertThat(REASONS).contains(d.reason());
    assertThat(REASONS).contains(loose.check(url).reason());
  }

  /** What no option can loosen: options, transports, local paths, controls, whitespace, non-ASCII. */
  @Property(tries = 3000)
  void anAllowedUrlIsPrintableAsciiAndNoOption(@ForAll("anything") String url) {
    for (GitRemoteValidator v : new GitRemoteValidator[] {strict, loose}) {
      if (v.check(url).allowed()) {
        assertThat(url).doesNotStartWith("-").doesNotContain("::").doesNotStartWith("file:");
        assertThat(url.chars().allMatch(c -> c > 0x20 && c < 0x7f)).isTrue();
        assertThat(url.startsWith("https://") || url.startsWith("ssh://") || url.startsWith("http://")
            || (url.indexOf(':') > 0 && !url.contains("://"))).isTrue();
      }
    }
  }

  @Property(tries = 1000)
  void aLeadingDashIsAlwaysOptionInjection(@ForAll("anything") String url) {
    assertThat(strict.check("-" + url).reason()).isEqualTo("validate.git-url.option-injection");
    assertThat(loose.check("-" + url).reason()).isEqualTo("validate.git-url.option-injection");
  }
}
