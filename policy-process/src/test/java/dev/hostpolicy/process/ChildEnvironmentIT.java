package dev.hostpolicy.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.env.EnvironmentScrubber;
import dev.hostpolicy.core.env.EnvironmentScrubber.Platform;
import dev.hostpolicy.testkit.ChildEnvironmentArbitraries;
import dev.hostpolicy.testkit.ChildEnvironmentArbitraries.ScrubCase;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * What a real child sees ({@code env -0}, so names and values with newlines stay intact) for generated
 * parent environments — hostile names and values, namespaces, exact and wildcard passthrough: exactly
 * the scrubbed environment, nothing of the namespace, no name a wildcard should not select.
 */
class ChildEnvironmentIT {
  /** How the JVM encodes environment strings for a child. */
  private static final Charset JNU = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
  static Path ws;
  static ProcessLauncher launcher;

  @BeforeContainer
  static void setUp() throws Exception {
    ws = Files.createTempDirectory("env-it");
    launcher = ProcessLauncher.builder().auditSink(InMemoryAuditSink.create()).build();
  }

  @AfterContainer
  static void clean() throws Exception {
    Files.deleteIfExists(ws);
  }

  static Map<String, String> childEnvironment(ScrubCase c, Map<String, String> inject, Egress egress) throws Exception {
    CapturedOutput out = CapturedOutput.upTo(1 << 22);
    EnvironmentScrubber scrubber = c.scrubber(Platform.POSIX);
    RunResult r = launcher.run(LaunchSpec.builder().argv("/usr/bin/env", "-0").workspace(ws).parentEnvironment(c.parent())
        .environment(scrubber).inject(inject).egress(egress).stdout(ChildOutput.to(out)).build());
    assertThat(r.exitCode()).isZero();
    Map<String, String> seen = new TreeMap<>();
    String text = new String(out.bytes(), JNU);
    for (String entry : text.split("\0")) {
      if (!entry.isEmpty()) {
        int eq = entry.indexOf('=');
        seen.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return seen;
  }

  private static String roundTrip(String s) {
    return new String(s.getBytes(JNU), JNU);
  }

  @Property(tries = 80)
  void theChildSeesExactlyTheScrubbedEnvironment(@ForAll("cases") ScrubCase c) throws Exception {
    Map<String, String> seen = childEnvironment(c, Map.of(), Egress.unrestricted());
    Map<String, String> expected = new TreeMap<>();
    c.scrubber(Platform.POSIX).scrub(c.parent()).kept().forEach((k, v) -> expected.put(roundTrip(k), roundTrip(v)));
    assertThat(seen).isEqualTo(expected);
    for (Map.Entry<String, String> e : seen.entrySet()) {
      String name = e.getKey();
      c.namespace().ifPresent(ns -> assertThat(name.toUpperCase(Locale.ROOT)).doesNotStartWith(ns + "_"));
      boolean base = ChildEnvironmentArbitraries.BASE_NAMES.contains(name) || name.matches("LC_[A-Za-z0-9_]*");
      boolean exact = c.passthrough().contains(name);
      boolean wildcard = name.matches("[A-Za-z_][A-Za-z0-9_]*")
          && c.passthrough().stream().anyMatch(p -> p.endsWith("*") && name.startsWith(p.substring(0, p.length() - 1)));
      assertThat(base || exact || wildcard).as("%s may pass", name).isTrue();
      assertThat(e.getValue()).isEqualTo(roundTrip(c.parent().get(name)));
    }
  }

  @Property(tries = 30)
  void injectedVariablesAndTheProxyVariablesAreTheOnlyAdditions(@ForAll("cases") ScrubCase c) throws Exception {
    String ns = c.namespace().orElse("DEVLOOP");
    Map<String, String> inject = Map.of(ns + "_EVENT_URL", "http://127.0.0.1:1/e", ns + "_TOKEN", "per-run");
    Map<String, String> seen = childEnvironment(c, inject, Egress.denyAll());
    Map<String, String> expected = new TreeMap<>();
    c.scrubber(Platform.POSIX).scrub(c.parent(), inject).kept().forEach((k, v) -> expected.put(roundTrip(k), roundTrip(v)));
    expected.keySet().removeAll(List.of("NO_PROXY", "no_proxy"));
    Map<String, String> withoutProxy = new LinkedHashMap<>(seen);
    for (String v : List.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")) {
      assertThat(withoutProxy.remove(v)).as(v).startsWith("http://hostpolicy:").contains("@127.0.0.1:");
      expected.remove(v);
    }
    assertThat(withoutProxy).isEqualTo(expected);
    assertThat(seen).containsAllEntriesOf(inject);
  }

  @net.jqwik.api.Example
  void theRealEnvironmentOfTheTestJvmNeverLeaksThroughTheDefaults() throws Exception {
    // a host that forgets parentEnvironment(...) scrubs its own environment: only base names can pass
    CapturedOutput out = CapturedOutput.upTo(1 << 20);
    launcher.run(LaunchSpec.builder().argv("/usr/bin/env", "-0").workspace(ws).egress(Egress.unrestricted())
        .stdout(ChildOutput.to(out)).build());
    for (String entry : new String(out.bytes(), JNU).split("\0")) {
      String name = entry.substring(0, Math.max(0, entry.indexOf('=')));
      assertThat(ChildEnvironmentArbitraries.BASE_NAMES.contains(name) || name.startsWith("LC_")).as(name).isTrue();
    }
  }

  @Provide
  Arbitrary<ScrubCase> cases() {
    return ChildEnvironmentArbitraries.processScrubCases();
  }
}
