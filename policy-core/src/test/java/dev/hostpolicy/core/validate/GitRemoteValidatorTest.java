package dev.hostpolicy.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyViolationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GitRemoteValidatorTest {
  private final GitRemoteValidator strict = GitRemoteValidator.strict();

  @ParameterizedTest
  @ValueSource(strings = {
      "https://github.com/acme/app.git",
      "https://gitlab.example.com:8443/group/sub/app",
      "ssh://git@github.com/acme/app.git",
      "ssh://git@[2001:db8::1]:2222/srv/app.git",
      "ssh://host.example/~user/app",
      "git@github.com:acme/app.git",
      "deploy_user@10.0.0.5:repos/app.git",
      "host.example:app.git"})
  void accepts(String url) {
    assertThat(strict.check(url).allowed()).as(url).isTrue();
    assertThat(strict.require(url)).isEqualTo(url);
  }

  /** Published attacks: CVE-2017-1000117 (ssh host as option), git-remote-ext (ext::), fd::, upload-pack injection. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|empty",
      "-u|option-injection",
      "--upload-pack=touch /tmp/pwned|option-injection",
      "ssh://-oProxyCommand=touch%20pwned/x|option-injection",
      "ssh://-oProxyCommand=x@host/x|option-injection",
      "-oProxyCommand=x@host:path|option-injection",
      "git@-oProxyCommand=x:repo|option-injection",
      "git@host:-repo|option-injection",
      "ext::sh -c touch% /tmp/pwned|transport",
      "ext::sh|transport",
      "fd::3|transport",
      "fd::3,4/x|transport",
      "file:///etc/passwd|transport",
      "https://github.com/acme/app.git x|whitespace",
      "/srv/repos/app.git|local-path",
      "../app|local-path",
      "./app|local-path",
      "~/app|local-path",
      "app|local-path",
      "git://github.com/acme/app.git|scheme",
      "HTTPS://github.com/acme/app.git|scheme",
      "ftp://host/app|scheme",
      "git+ssh://host/app|scheme",
      "http://github.com/acme/app.git|insecure-http",
      "https://user:pass@github.com/acme/app.git|credentials",
      "https://ghp_token@github.com/acme/app.git|credentials",
      "ssh://git:secret@github.com/acme/app.git|credentials",
      "user:secret@github.com:acme/app.git|credentials",
      "https://github.com|malformed",
      "https://github.com/|malformed",
      "https://github.com:99999/x|malformed",
      "https://github.com:0/x|malformed",
      "https://github.com:/x|malformed",
      "https://gith_ub.com/x|malformed",
      "https://-github.com/x|option-injection",
      "https://[zz]/x|malformed",
      "git@:repo|malformed",
      "git@host:|malformed",
      "bad user@host:repo|whitespace"})
  void denies(String url, String reason) {
    assertThat(strict.check(url).reason()).as(url).isEqualTo("validate.git-url." + reason);
  }

  @Test
  void whitespaceControlsAndUnicodeAreDeniedByClass() {
    assertThat(strict.check("https://github.com/a\tb").reason()).isEqualTo("validate.git-url.whitespace");
    assertThat(strict.check("https://github.com/a\u00a0b").reason()).isEqualTo("validate.git-url.whitespace");
    assertThat(strict.check("https://github.com/a\u3000b").reason()).isEqualTo("validate.git-url.whitespace");
    assertThat(strict.check("https://github.com/a\nb").reason()).isEqualTo("validate.git-url.whitespace");
    assertThat(strict.check("https://github.com/a\u0000b").reason()).isEqualTo("validate.git-url.control-character");
    assertThat(strict.check("https://github.com/a\u007fb").reason()).isEqualTo("validate.git-url.control-character");
    assertThat(strict.check("https://github.com/a\u202eb").reason()).isEqualTo("validate.git-url.control-character");
    assertThat(strict.check("https://github.com/a\u200bb").reason()).isEqualTo("validate.git-url.control-character");
    assertThat(strict.check("https://github.com/a\ud800b").reason()).isEqualTo("validate.git-url.control-character");
    assertThat(strict.check("https://g\u0131thub.com/a").reason()).isEqualTo("validate.git-url.non-ascii");
  }

  @Test
  void optionsLoosenOnlyWhatTheyName() {
    GitRemoteValidator loose = GitRemoteValidator.builder().allowHttp(true).allowCredentials(true).build();
    assertThat(loose.check("http://git.local/app.git").allowed()).isTrue();
    assertThat(loose.check("https://user:pass@github.com/a.git").allowed()).isTrue();
    assertThat(loose.check("ext::sh").reason()).isEqualTo("validate.git-url.transport");
    assertThat(loose.check("file:///x").reason()).isEqualTo("validate.git-url.transport");
    assertThat(loose.check("--upload-pack=x").reason()).isEqualTo("validate.git-url.option-injection");
    assertThat(loose.check("https://-x@host/a").reason()).isEqualTo("validate.git-url.option-injection");
  }

  @Test
  void lengthBound() {
    String url = "https://github.com/" + "a".repeat(2048);
    assertThat(strict.check(url).reason()).isEqualTo("validate.git-url.too-long");
    assertThat(GitRemoteValidator.builder().maxLength(4096).build().check(url).allowed()).isTrue();
    assertThatThrownBy(() -> GitRemoteValidator.builder().maxLength(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requireThrowsWithTheReason() {
    assertThatThrownBy(() -> strict.require("ext::sh -c id"))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.reason()).isEqualTo("validate.git-url.transport"));
  }
}
