package dev.hostpolicy.cli;

import dev.hostpolicy.core.text.EscapeForm;
import dev.hostpolicy.core.text.UnescapableTextException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hostpolicy escape FORM [TEXT]}: prints TEXT (or standard input, byte for byte) escaped for
 * FORM, exactly, with nothing appended — no newline.
 *
 * <ul>
 *   <li>{@code shell}: one complete POSIX shell word, quoted as needed;
 *   <li>{@code shell-dq}: the text that goes between double quotes in a shell;
 *   <li>{@code js}: the text between the quotes of a JavaScript string literal of either kind;
 *   <li>{@code html} / {@code attr}: HTML element content / a quoted attribute value;
 *   <li>{@code yaml}: a complete YAML double-quoted scalar, quotes included;
 *   <li>{@code sed}: the replacement of {@code s/…/…/} with {@code /} as delimiter;
 *       {@code sed-regex}: a basic regular expression matching the text literally.
 * </ul>
 *
 * <p>Exit 2 when the input is not valid UTF-8, or holds what the form cannot express (U+0000 for
 * {@code shell}, {@code shell-dq}, {@code sed}, {@code sed-regex}, {@code html}, {@code attr}):
 * nothing is printed on standard output then, and standard error names the reason code
 * ({@code escape.nul}) and the index.
 *
 * <pre>{@code
 * $ hostpolicy escape shell "it's \$HOME"        # prints 'it'\''s $HOME'
 * $ printf '%s' "$title" | hostpolicy escape js
 * }</pre>
 */
@Command(name = "escape", description = "Print TEXT (or stdin) escaped for FORM, exactly; no newline is added.",
    modelTransformer = CommandText.TextArguments.class)
public final class EscapeCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "FORM",
      description = "shell, shell-dq, js, html, attr, yaml, sed or sed-regex")
  String form;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT", description = "the text; standard input when absent")
  String text;

  /** Created by the CLI's factory. */
  public EscapeCommand(CliContext context) {
    this.context = context;
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (text == null && (form.equals("-h") || form.equals("--help"))) {
      spec.commandLine().usage(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    EscapeForm f = EscapeForm.byName(form).orElseThrow(() -> new UsageException("unknown escape form \""
        + dev.hostpolicy.api.SafeText.clean(form, 40) + "\"; forms: "
        + Arrays.stream(EscapeForm.values()).map(EscapeForm::cliName).collect(Collectors.joining(", "))));
    String input = CommandText.argumentOrStdin(text, context, "TEXT");
    String escaped;
    try {
      escaped = f.escape(input);
    } catch (UnescapableTextException e) {
      throw new UsageException(e.getMessage());
    }
    byte[] bytes = escaped.getBytes(StandardCharsets.UTF_8);
    context.out().write(bytes, 0, bytes.length);
    context.out().flush();
    return ExitCodes.OK;
  }
}
