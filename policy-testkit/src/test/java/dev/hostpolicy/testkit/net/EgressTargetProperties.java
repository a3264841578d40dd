package dev.hostpolicy.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.core.net.EgressTarget;
import dev.hostpolicy.testkit.NetArbitraries;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Targets built to make parsers disagree are refused, and whatever is accepted means what a strict
 * RFC 3986 parser (java.net.URI) says it means: same host, same port. Nothing that reaches a
 * decision carries userinfo, a backslash or percent-encoding in its host.
 */
class EgressTargetProperties {

  @Property(tries = 2000)
  void trickyAuthoritiesAreRefusedOrMeanWhatUriSays(@ForAll("tricky") String text) throws Exception {
    EgressTarget t;
    try {
      t = EgressTarget.parse(text);
    } catch (PolicyViolationException refused) {
      assertThat(refused.reason()).isIn("egress.userinfo", "egress.malformed-target", "egress.ambiguous-ip-literal");
      return;
    }
    assertThat(text).doesNotContain("\\");
    String afterScheme = text.contains("://") ? text.substring(text.indexOf("://") + 3) : text;
    int slash = afterScheme.indexOf('/');
    assertThat(slash < 0 ? afterScheme : afterScheme.substring(0, slash)).as("no '@' before the path").doesNotContain("@");
    assertThat(t.host()).doesNotContain("@", "\\", "%", "/", "?", "#", " ");
    URI uri;
    try {
      uri = new URI(text.contains("://") ? text : "https://" + text);
    } catch (URISyntaxException e) {
      throw new AssertionError("accepted " + text + " but java.net.URI refuses it", e);
    }
    String uriHost = uri.getHost().toLowerCase(Locale.ROOT);
    if (uriHost.startsWith("[")) {
      uriHost = uriHost.substring(1, uriHost.length() - 1);
    }
    if (uriHost.endsWith(".")) {
      uriHost = uriHost.substring(0, uriHost.length() - 1);
    }
    assertThat(dev.hostpolicy.core.net.IpAddress.tryParse(uriHost).map(Object::toString).orElse(uriHost)).isEqualTo(t.host());
    int expectedPort = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("http") ? 80 : 443;
    assertThat(t.port()).isEqualTo(expectedPort);
  }

  @Property(tries = 1000)
  void wellFormedUrlsKeepTheirHostAndPort(@ForAll("urls") String[] parts) {
    String scheme = parts[0];
    String host = parts[1];
    String port = parts[2];
    String url = scheme + "://" + host + (port.isEmpty() ? "" : ":" + port) + parts[3];
    EgressTarget t = EgressTarget.parse(url);
    assertThat(t.host()).isEqualTo(host);
    assertThat(t.port()).isEqualTo(port.isEmpty() ? (scheme.equals("http") ? 80 : 443) : Integer.parseInt(port));
    assertThat(t.scheme()).contains(scheme);
  }

  @Provide
  Arbitrary<String> tricky() {
    return NetArbitraries.trickyAuthorities();
  }

  @Provide
  Arbitrary<String[]> urls() {
    return Combinators.combine(Arbitraries.of("http", "https"), NetArbitraries.hostNames(),
            Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.integers().between(1, 65535).map(String::valueOf)),
            Arbitraries.of("", "/", "/a/b", "/?q=1", "/#frag", "?x=1", "#y", "/p@q", "/a?b=@c"))
        .as((s, h, p, rest) -> new String[] {s, h, p, rest});
  }
}
