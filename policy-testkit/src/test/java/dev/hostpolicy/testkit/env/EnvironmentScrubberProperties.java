package dev.hostpolicy.testkit.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.core.env.EnvironmentScrubber;
import dev.hostpolicy.core.env.EnvironmentScrubber.Platform;
import dev.hostpolicy.core.env.ScrubResult;
import dev.hostpolicy.testkit.ChildEnvironmentArbitraries;
import dev.hostpolicy.testkit.ChildEnvironmentArbitraries.ScrubCase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scrubber against an independent model written as regular expressions (issue 11, env scrub):
 * the base allowlist, exact and wildcard passthrough, the namespace that never passes, Windows case
 * folding, and the removed-names report.
 */
class EnvironmentScrubberProperties {

  /** The base allowlist of the issue, as alternatives (LC_* as a pattern over portable names). */
  private static final List<String> BASE = List.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "LANG", "LANGUAGE", "TZ",
      "TMPDIR", "TMP", "TEMP", "SSL_CERT_FILE", "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
      "http_proxy", "https_proxy", "all_proxy", "no_proxy");

  private static final List<String> WINDOWS = List.of("SystemRoot", "SystemDrive", "ComSpec", "PATHEXT", "WINDIR", "USERPROFILE",
      "USERNAME", "USERDOMAIN", "APPDATA", "LOCALAPPDATA", "ProgramData", "ProgramFiles", "ProgramFiles(x86)", "ProgramW6432",
      "CommonProgramFiles", "CommonProgramFiles(x86)", "CommonProgramW6432", "HOMEDRIVE", "HOMEPATH", "NUMBER_OF_PROCESSORS",
      "PROCESSOR_ARCHITECTURE", "OS", "COMPUTERNAME");

  /** The model: which parent variables a child may see. */
  static boolean modelKeeps(String name, String value, Optional<String> namespace, List<String> passthrough, Platform platform) {
    if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || value == null || value.indexOf('\0') >= 0) {
      return false;
    }
    if (namespace.isPresent()
        && Pattern.compile(Pattern.quote(namespace.get() + "_") + ".*", Pattern.DOTALL | Pattern.CASE_INSENSITIVE).matcher(name).matches()) {
      return false;
    }
    List<String> alternatives = new ArrayList<>();
    BASE.forEach(b -> alternatives.add(Pattern.quote(b)));
    alternatives.add("LC_[A-Za-z0-9_]*");
    if (platform == Platform.WINDOWS) {
      WINDOWS.forEach(w -> alternatives.add(Pattern.quote(w)));
    }
    for (String p : passthrough) {
      alternatives.add(p.endsWith("*") ? Pattern.quote(p.substring(0, p.length() - 1)) + "[A-Za-z0-9_]*" : Pattern.quote(p));
    }
    // CASE_INSENSITIVE without UNICODE_CASE folds ASCII only, as the scrubber does on Windows
    int flags = Pattern.DOTALL | (platform == Platform.WINDOWS ? Pattern.CASE_INSENSITIVE : 0);
    return Pattern.compile("(?:" + String.join("|", alternatives) + ")", flags).matcher(name).matches();
  }

  @Property(tries = 400)
  void keptIsExactlyTheModelAndValuesAreUntouched(@ForAll("cases") ScrubCase c, @ForAll Platform platform) {
    ScrubResult r = c.scrubber(platform).scrub(c.parent());
    Map<String, String> expected = new LinkedHashMap<>();
    c.parent().forEach((k, v) -> {
      if (modelKeeps(k, v, c.namespace(), c.passthrough(), platform)) {
        expected.put(k, v);
      }
    });
    assertThat(r.kept()).isEqualTo(expected);
    assertThat(new TreeSet<>(r.removed())).isEqualTo(difference(c.parent().keySet(), expected.keySet()));
    assertThat(r.removed()).isSorted().doesNotHaveDuplicates();
    assertThat(r.keptNames()).isSorted();
    assertThat(r.injected()).isEmpty();
  }

  @Property(tries = 300)
  void theNamespaceNeverLeaksWhateverThePassthrough(@ForAll("cases") ScrubCase c, @ForAll Platform platform) {
    String ns = c.namespace().orElse("INFLOOP");
    List<String> pass = new ArrayList<>(c.passthrough());
    pass.addAll(List.of(ns + "_*", ns + "_API_TOKEN", ns.substring(0, 1) + "*"));
    Map<String, String> parent = new LinkedHashMap<>(c.parent());
    parent.put(ns + "_API_TOKEN", "t");
    parent.put(ns.toLowerCase() + "_secret", "s");
    ScrubResult r = new ScrubCase(Optional.of(ns), List.copyOf(new java.util.LinkedHashSet<>(pass)), parent).scrubber(platform).scrub(parent);
    assertThat(r.keptNames()).noneMatch(n -> n.toUpperCase(java.util.Locale.ROOT).startsWith(ns + "_"));
    assertThat(r.removed()).contains(ns + "_API_TOKEN", ns.toLowerCase() + "_secret");
  }

  @Property(tries = 200)
  void wildcardsSelectOnlyPortableNamesWithTheExactPrefix(@ForAll("cases") ScrubCase c) {
    ScrubResult r = c.scrubber(Platform.POSIX).scrub(c.parent());
    for (String name : r.keptNames()) {
      boolean base = BASE.contains(name) || name.matches("LC_[A-Za-z0-9_]*");
      boolean exact = c.passthrough().contains(name);
      boolean wild = c.passthrough().stream().anyMatch(p -> p.endsWith("*") && name.startsWith(p.substring(0, p.length() - 1)))
          && name.matches("[A-Za-z_][A-Za-z0-9_]*");
      assertThat(base || exact || wild).as(name).isTrue();
    }
  }

  @Property(tries = 200)
  void injectionsAreAddedAfterScrubbingByName(@ForAll("cases") ScrubCase c, @ForAll Platform platform) {
    Map<String, String> inject = new LinkedHashMap<>();
    String ns = c.namespace().orElse("HOST");
    inject.put(ns + "_EVENT_URL", "http://127.0.0.1:4711/events");
    inject.put(ns + "_TOKEN", "per-run-token");
    ScrubResult r = c.scrubber(platform).scrub(c.parent(), inject);
    assertThat(r.kept()).containsAllEntriesOf(inject);
    assertThat(r.injected()).containsExactlyElementsOf(new TreeSet<>(inject.keySet()));
    Map<String, String> withoutInjected = new LinkedHashMap<>(r.kept());
    withoutInjected.keySet().removeAll(inject.keySet());
    ScrubResult plain = c.scrubber(platform).scrub(c.parent());
    Map<String, String> plainWithout = new LinkedHashMap<>(plain.kept());
    plainWithout.keySet().removeIf(k -> inject.keySet().stream().anyMatch(i -> platform == Platform.WINDOWS ? i.equalsIgnoreCase(k) : i.equals(k)));
    assertThat(withoutInjected).isEqualTo(plainWithout);
  }

  @Property(tries = 300)
  void aMalformedPassthroughEntryIsAConfigurationErrorNeverASilentDefault(
      @ForAll("passthroughLists") List<String> valid, @ForAll("invalidEntries") String invalid) {
    List<String> all = new ArrayList<>(valid);
    all.add(valid.size() / 2, invalid);
    assertThatThrownBy(() -> EnvironmentScrubber.builder().passthrough(all))
        .isInstanceOfSatisfying(PolicyConfigurationException.class, e -> assertThat(e.key()).contains("env.passthrough"));
    assertThat(EnvironmentScrubber.builder().passthrough(valid).build().passthrough()).hasSize(valid.size());
  }

  @Property(tries = 200)
  void theResultNeverShowsAValue(@ForAll("cases") ScrubCase c) {
    ScrubResult r = c.scrubber(Platform.POSIX).scrub(c.parent());
    assertThat(r.toString()).matches("ScrubResult\\[\\d+ kept, \\d+ removed, 0 injected\\]");
  }

  private static Set<String> difference(Set<String> all, Set<String> minus) {
    Set<String> out = new TreeSet<>(all);
    out.removeAll(new HashSet<>(minus));
    return out;
  }

  @Provide
  Arbitrary<ScrubCase> cases() {
    return ChildEnvironmentArbitraries.scrubCases();
  }

  @Provide
  Arbitrary<List<String>> passthroughLists() {
    return ChildEnvironmentArbitraries.passthroughLists();
  }

  @Provide
  Arbitrary<String> invalidEntries() {
    return ChildEnvironmentArbitraries.invalidPassthroughEntries();
  }
}
