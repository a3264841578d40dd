package dev.hostpolicy.core.text;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The target contexts of the escapers, by the names the {@code hostpolicy escape} command uses.
 * Handy when the context is chosen at run time; otherwise call the escaper class directly.
 *
 * <pre>{@code
 * EscapeForm form = EscapeForm.byName("shell-dq").orElseThrow();
 * String inner = form.escape("say \"hi\" to $USER"); // say \"hi\" to \$USER
 * }</pre>
 */
public enum EscapeForm {
  /** One complete POSIX shell word, quoted as needed: {@link ShellEscaper#word(String)}. */
  SHELL("shell", "a POSIX shell word", ShellEscaper::word),
  /** The text between double quotes in a POSIX shell: {@link ShellEscaper#insideDoubleQuotes(String)}. */
  SHELL_DQ("shell-dq", "a double-quoted POSIX shell string", ShellEscaper::insideDoubleQuotes),
  /** The text between the quotes of a JavaScript string literal: {@link JsEscaper#stringContent(String)}. */
  JS("js", "a JavaScript string literal", JsEscaper::stringContent),
  /** HTML element content: {@link HtmlEscaper#text(String)}. */
  HTML("html", "HTML text", HtmlEscaper::text),
  /** A quoted HTML attribute value: {@link HtmlEscaper#attribute(String)}. */
  ATTR("attr", "an HTML attribute value", HtmlEscaper::attribute),
  /** A complete YAML double-quoted scalar, quotes included: {@link YamlEscaper#doubleQuoted(String)}. */
  YAML("yaml", "a YAML double-quoted scalar", YamlEscaper::doubleQuoted),
  /** The replacement of a {@code sed s/…/…/} command: {@link SedEscaper#replacement(String)}. */
  SED("sed", "a sed replacement", SedEscaper::replacement),
  /** A {@code sed} basic regular expression matching the text literally: {@link SedEscaper#basicRegex(String)}. */
  SED_REGEX("sed-regex", "a sed basic regular expression", SedEscaper::basicRegex);

  private final String cliName;
  private final String description;
  private final UnaryOperator<String> escaper;

  EscapeForm(String cliName, String description, UnaryOperator<String> escaper) {
    this.cliName = cliName;
    this.description = description;
    this.escaper = escaper;
  }

  /** The name used on the command line, for example {@code shell-dq}. */
  public String cliName() {
    return cliName;
  }

  /** A short description of the context, used in messages. */
  public String description() {
    return description;
  }

  /**
   * Escapes {@code text} for this context.
   *
   * @throws UnescapableTextException if the context cannot express the text
   */
  public String escape(String text) {
    return escaper.apply(Objects.requireNonNull(text, "text"));
  }

  /** The form with this command-line name, if any. */
  public static Optional<EscapeForm> byName(String name) {
    return Arrays.stream(values()).filter(f -> f.cliName.equals(name)).findFirst();
  }
}
