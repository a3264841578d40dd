package dev.hostpolicy.process;

import dev.hostpolicy.core.text.ShellEscaper;
import java.util.List;
import java.util.Objects;

/**
 * The explicit opt-in to a shell: a command line for {@code /bin/sh -c} built from a template the host
 * writes and words it does not trust. Each {@code {}} in the template is replaced by one word quoted
 * with {@link ShellEscaper#word(String)}, so a word is always exactly one argument — never a
 * redirection, a substitution or a second command. Use it only when the host needs shell syntax
 * (pipes, redirections); a plain argv needs no shell. POSIX only.
 *
 * <pre>{@code
 * ShellCommand cmd = ShellCommand.of("git log --oneline -- {} | head -n {}", userPath, "5");
 * cmd.script();   // git log --oneline -- 'it'\''s $(here)' | head -n 5
 * LaunchSpec.builder().shell(cmd).workspace(ws).build();
 * }</pre>
 */
public final class ShellCommand {
  /** The shell the command runs in. */
  public static final String SHELL = "/bin/sh";

  private final String script;

  private ShellCommand(String script) {
    this.script = script;
  }

  /**
   * Fills the template's {@code {}} placeholders with the quoted words, in order.
   *
   * @throws IllegalArgumentException if the number of placeholders and words differ, or the template
   *     holds NUL
   * @throws dev.hostpolicy.core.text.UnescapableTextException if a word holds NUL or a lone surrogate
   */
  public static ShellCommand of(String template, String... words) {
    Objects.requireNonNull(template, "template");
    if (template.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a shell template cannot hold NUL");
    }
    StringBuilder out = new StringBuilder(template.length() + 16 * words.length);
    int used = 0;
    int from = 0;
    for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", from)) {
      if (used == words.length) {
        throw new IllegalArgumentException("the template has more {} placeholders than the " + words.length + " words given");
      }
      out.append(template, from, at).append(ShellEscaper.word(Objects.requireNonNull(words[used++], "word")));
      from = at + 2;
    }
    if (used != words.length) {
      throw new IllegalArgumentException("the template has " + used + " {} placeholders but " + words.length + " words were given");
    }
    out.append(template, from, template.length());
    return new ShellCommand(out.toString());
  }

  /** The command line the shell runs (words quoted). It may hold the words' text: log with care. */
  public String script() {
    return script;
  }

  /** {@code /bin/sh -c SCRIPT}. */
  public List<String> argv() {
    return List.of(SHELL, "-c", script);
  }

  /** This command with {@code extra} words appended, each quoted. */
  public ShellCommand withWords(List<String> extra) {
    StringBuilder sb = new StringBuilder(script);
    for (String w : extra) {
      sb.append(' ').append(ShellEscaper.word(w));
    }
    return new ShellCommand(sb.toString());
  }

  /** Length only: the words may be private. */
  @Override
  public String toString() {
    return "ShellCommand[" + script.length() + " chars]";
  }
}
