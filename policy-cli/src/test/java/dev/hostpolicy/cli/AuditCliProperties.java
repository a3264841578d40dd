package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.testkit.AuditArbitraries;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.SecretLeaks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code hostpolicy audit} on generated secrets and hostile values: a secret under a credential or
 * body field name is refused with exit 2 and appears in no output and no file; any other field value
 * round-trips exactly through {@code append} and {@code query --json}, and the text view never prints
 * a raw control character.
 */
class AuditCliProperties {
  private static Path root;
  private static final AtomicInteger N = new AtomicInteger();

  @BeforeContainer
  static void createRoot() throws IOException {
    root = Files.createTempDirectory("audit-cli");
  }

  @AfterContainer
  static void deleteRoot() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static CliRun audit(String... args) {
    List<String> all = new ArrayList<>(List.of("audit"));
    all.addAll(List.of(args));
    return CliRun.run(Map.of(), new byte[0], all.toArray(String[]::new));
  }

  @Property(tries = 60)
  void aSecretUnderACredentialOrBodyNameIsRefusedAndNeverWritten(@ForAll("secrets") String secret, @ForAll("names") String name)
      throws IOException {
    Path data = root.resolve("d" + N.incrementAndGet());
    assertThat(audit("append", "--dir", data.toString(), "--event", "run.start", "--actor", "system").exit()).isZero();
    CliRun r = audit("append", "--dir", data.toString(), "--event", "auth.login.failure", "--actor", "open", "--field", name + "=" + secret);
    assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
    assertThat(r.stderr()).contains(name);
    List<String> outputs = new ArrayList<>(List.of(r.out(), r.stderr()));
    CliRun tail = audit("tail", "--dir", data.toString(), "--json");
    outputs.add(tail.out());
    outputs.add(audit("verify", "--dir", data.toString(), "--json").out());
    try (Stream<Path> files = Files.list(data.resolve("audit"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        outputs.add(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(tail.out()).hasLineCount(1);
    SecretLeaks.assertNoLeak(String.join("\n", outputs), secret);
  }

  @Property(tries = 60)
  void valuesRoundTripAndTheTextViewEscapesControls(@ForAll("values") String value) throws Exception {
    Path data = root.resolve("d" + N.incrementAndGet());
    CliRun append = audit("append", "--dir", data.toString(), "--event", "run.start", "--actor", "system", "--field", "note=" + value,
        "--json");
    assertThat(append.exit()).as(append.stderr()).isZero();
    for (byte b : append.stdout()) {
      assertThat(b == '\n' || (b >= 0x20 && b < 0x7f)).as("the stored line is printed as 7-bit ASCII").isTrue();
    }
    CliRun query = audit("query", "--dir", data.toString(), "--json");
    String stored = new com.fasterxml.jackson.databind.ObjectMapper().readTree(query.out()).get("note").asText();
    String expected = value.length() > 2048 ? value.substring(0, 2048) : value;
    assertThat(stored).isEqualTo(expected);
    CliRun text = audit("tail", "--dir", data.toString());
    for (char c : text.out().toCharArray()) {
      assertThat(c == '\n' || !(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'))
          .as("no raw control character in the text view").isTrue();
    }
  }

  @Provide
  Arbitrary<String> secrets() {
    return PolicyArbitraries.secretLikeValues();
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of("token", "apiToken", "api_key", "X-Api-Key", "Authorization", "password", "clientSecret", "set-cookie",
        "body", "requestBody", "webhook.payload");
  }

  @Provide
  Arbitrary<String> values() {
    return AuditArbitraries.fieldText().filter(s -> s.indexOf('\0') < 0);
  }
}
