package dev.hostpolicy.core.text;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;

/**
 * Thrown when a text cannot be expressed in an escaper's target context: a NUL character for a
 * shell or {@code sed} (a C string cannot carry it) or for HTML (the parser drops or replaces it),
 * or a lone surrogate anywhere (it is not Unicode text, and silently replacing it would change the
 * value). The escapers never drop or substitute a character instead.
 *
 * <p>It is a {@link PolicyViolationException}, so a host that maps violations to a refusal handles
 * it with the rest; the reason code is {@value #NUL} or {@value #LONE_SURROGATE}. The message names
 * the context and the index, never the text itself.
 *
 * <pre>{@code
 * try {
 *   script.append(ShellEscaper.word(value));
 * } catch (UnescapableTextException e) {
 *   return Response.badRequest(e.reason()); // "escape.nul" or "escape.lone-surrogate"
 * }
 * }</pre>
 */
public final class UnescapableTextException extends PolicyViolationException {
  private static final long serialVersionUID = 1L;

  /** Reason code: the text holds U+0000, which the target context cannot carry. */
  public static final String NUL = "escape.nul";

  /** Reason code: the text holds a surrogate code unit that is not half of a valid pair. */
  public static final String LONE_SURROGATE = "escape.lone-surrogate";

  private final EscapeForm form;
  private final int index;

  UnescapableTextException(String reason, EscapeForm form, int index) {
    super(Decision.deny(reason, describe(reason, form, index)));
    this.form = form;
    this.index = index;
  }

  private static String describe(String reason, EscapeForm form, int index) {
    String what = reason.equals(NUL) ? "U+0000 (NUL)" : "a lone surrogate";
    return what + " at index " + index + " cannot be expressed in " + form.description();
  }

  /** The context the text was being escaped for. */
  public EscapeForm form() {
    return form;
  }

  /** The UTF-16 index of the offending character in the input. */
  public int index() {
    return index;
  }
}
