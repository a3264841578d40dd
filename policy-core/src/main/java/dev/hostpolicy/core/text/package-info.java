/**
 * Escapers that put untrusted text into a shell command, a {@code sed} script, a JavaScript string
 * literal, HTML element content or a quoted attribute, or a YAML double-quoted scalar — exactly,
 * never deleting or replacing a character. Every escaper is total over valid Unicode: each string
 * of scalar values comes back through the target's real parser as the same string. What a context
 * cannot express (a NUL byte for a shell or {@code sed}, U+0000 in HTML, a lone surrogate anywhere)
 * throws {@link dev.hostpolicy.core.text.UnescapableTextException} with a stable reason code.
 *
 * <pre>{@code
 * String cmd = "git clone -- " + ShellEscaper.word(url) + " " + ShellEscaper.word(dir);
 * String js = "const name = '" + JsEscaper.stringContent(name) + "';";
 * String yaml = "hostname: " + YamlEscaper.doubleQuoted(host);
 * }</pre>
 */
package dev.hostpolicy.core.text;
