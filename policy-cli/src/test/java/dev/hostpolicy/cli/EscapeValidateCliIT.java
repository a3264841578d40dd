package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.text.EscapeForm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code escape} and {@code validate} as a black box: the shaded jar as a real process, bytes in,
 * bytes out, in a UTF-8 and in the C locale (where the JVM itself would mangle non-ASCII
 * arguments), with arguments that are not UTF-8 at all, and with the output evaluated by a real
 * shell.
 */
class EscapeValidateCliIT {
  private static final Path JAR = Path.of("target/hostpolicy.jar").toAbsolutePath();
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String HOSTILE = "it's \"$(whoami)\" `id` ; rm -rf / !event \\ caf\u00e9 \ud83d\ude00 \u202e\u200b\ufeff\n\r\t<!--</script>";

  record Result(int exit, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  static Result exec(List<String> command, byte[] stdin, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> e = pb.environment();
    Map<String, String> keep = new HashMap<>(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
    keep.putAll(env);
    e.clear();
    e.putAll(keep);
    Path in = Files.createTempFile("cli", ".in");
    Path out = Files.createTempFile("cli", ".out");
    Path err = Files.createTempFile("cli", ".err");
    try {
      Files.write(in, stdin);
      Process p = pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.delete(in);
      Files.delete(out);
      Files.delete(err);
    }
  }

  static Result jar(byte[] stdin, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return exec(cmd, stdin, env);
  }

  static Result jar(String... args) throws Exception {
    return jar(new byte[0], Map.of("LC_ALL", "C.UTF-8"), args);
  }

  @Test
  void everyFormByArgumentAndByStdinGivesTheExactBytes() throws Exception {
    String text = HOSTILE.replace("\0", "");
    for (EscapeForm form : EscapeForm.values()) {
      byte[] expected = form.escape(text).getBytes(StandardCharsets.UTF_8);
      Result arg = jar(new byte[0], Map.of("LC_ALL", "C.UTF-8"), "escape", form.cliName(), text);
      assertThat(arg.exit()).as(form + ": " + arg.err()).isZero();
      assertThat(arg.out()).as(form.cliName()).isEqualTo(expected);
      Result in = jar(text.getBytes(StandardCharsets.UTF_8), Map.of(), "escape", form.cliName());
      assertThat(in.exit()).as(form + ": " + in.err()).isZero();
      assertThat(in.out()).as(form.cliName()).isEqualTo(expected);
    }
  }

  @Test
  void literalOutputsWithNoNewline() throws Exception {
    assertThat(jar("escape", "shell", "it's").text()).isEqualTo("'it'\\''s'");
    assertThat(jar("escape", "yaml", "no").text()).isEqualTo("\"no\"");
    assertThat(jar("escape", "js", "</script>").text()).isEqualTo("\\x3c/script\\x3e");
    assertThat(jar("escape", "shell", "").text()).isEqualTo("''");
  }

  @Test
  void nonAsciiArgumentsStayExactInTheCLocale() throws Exception {
    for (Map<String, String> env : List.of(Map.of("LC_ALL", "C"), Map.of("LANG", "C"), Map.<String, String>of())) {
      Result r = jar(new byte[0], env, "escape", "shell", "caf\u00e9 \ud83d\ude00");
      assertThat(r.exit()).as(env + r.err()).isZero();
      assertThat(r.text()).as("%s", env).isEqualTo("'caf\u00e9 \ud83d\ude00'");
    }
  }

  @Test
  void argumentsThatAreNotUtf8ExitTwo() throws Exception {
    Result r = exec(List.of("sh", "-c", "exec \"$0\" -jar \"$1\" escape shell \"$(printf 'a\\377b')\"", JAVA, JAR.toString()),
        new byte[0], Map.of("LC_ALL", "C.UTF-8"));
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("not valid UTF-8");
  }

  @Test
  void stdinThatIsNotUtf8OrHoldsNulExitsTwoPrintingNothing() throws Exception {
    Result bad = jar(new byte[] {'a', (byte) 0xc3, '(', 'b'}, Map.of(), "escape", "html");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out()).isEmpty();
    Result nul = jar(new byte[] {'a', 0, 'b'}, Map.of(), "escape", "shell");
    assertThat(nul.exit()).isEqualTo(2);
    assertThat(nul.out()).isEmpty();
    assertThat(nul.err()).contains("escape.nul");
    Result js = jar(new byte[] {'a', 0, 'b'}, Map.of(), "escape", "js");
    assertThat(js.text()).isEqualTo("a\\x00b");
  }

  @Test
  void aShellEvaluatesTheEscapedWordBackToTheText() throws Exception {
    String text = HOSTILE;
    String script = "w=$(\"$0\" -jar \"$1\" escape shell \"$2\"; printf x); w=${w%x}; eval \"printf '%s' $w\"";
    Result r = exec(List.of("sh", "-c", script, JAVA, JAR.toString(), text), new byte[0], Map.of("LC_ALL", "C.UTF-8"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.text()).isEqualTo(text);
    String dq = "w=$(\"$0\" -jar \"$1\" escape shell-dq \"$2\"; printf x); w=${w%x}; eval \"printf '%s' \\\"$w\\\"\"";
    Result d = exec(List.of("bash", "-c", dq, JAVA, JAR.toString(), text), new byte[0], Map.of("LC_ALL", "C.UTF-8"));
    assertThat(d.exit()).as(d.err()).isZero();
    assertThat(d.text()).isEqualTo(text);
  }

  @Test
  void validateExitCodes() throws Exception {
    assertThat(jar("validate", "git-url", "https://github.com/acme/app.git").exit()).isZero();
    Result inj = jar("validate", "git-url", "--upload-pack=touch /tmp/pwned");
    assertThat(inj.exit()).isEqualTo(3);
    assertThat(inj.text()).startsWith("denied validate.git-url.option-injection");
    assertThat(jar("validate", "slug", "My Box").exit()).isEqualTo(3);
    assertThat(jar("validate", "slug", "my-box").exit()).isZero();
    Result tls = jar("validate", "tls-domain", "--base-domain", "dev.example.com", "--assume-listening", "--json",
        "3000.devXexample.com");
    assertThat(tls.exit()).isEqualTo(3);
    assertThat(tls.text()).contains("\"reason\":\"tls.domain-mismatch\"");
    assertThat(jar(new byte[] {(byte) 0xff}, Map.of(), "validate", "git-url").exit()).isEqualTo(2);
  }
}
