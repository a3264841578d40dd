package dev.hostpolicy.core.net;

import java.net.IDN;
import java.util.Locale;

/**
 * Reads one host (no brackets, no port) the way every HostPolicy control does: a strict IP literal, a
 * numeric host that some parser would read as an IP (ambiguous, never guessed), a DNS name normalised
 * to lower-case ASCII, or malformed.
 *
 * <p>Normalisation: the unicode full stops U+3002, U+FF0E and U+FF61 become {@code .}; IDNA ToASCII
 * with STD3 rules (java.net.IDN, RFC 3490); lower case; one trailing dot dropped. Rejected: empty
 * labels, labels over 63 or names over 253 characters, anything IDN cannot map, invisible and
 * formatting characters (RFC 3454 table B.1 would silently delete them), and the IDNA2008 deviation
 * characters ß, ς, ZWJ and ZWNJ, about which IDNA2003 (the JDK) and UTS #46 (browsers, curl) disagree.
 * A punycode label must decode and re-encode to itself.
 *
 * <p>Ambiguity follows the WHATWG URL host parser's "ends in a number" rule: if the last label is all
 * decimal digits or {@code 0x} followed by hex digits, some parser reads the whole host as an IPv4
 * address (inet_aton accepts octal, hex, 1–4 parts and 32-bit integers). Such a host is an IP literal
 * only when it is, byte for byte, an ASCII strict dotted quad; everything else — {@code 0177.0.0.1},
 * {@code 127.1}, {@code 2130706433}, fullwidth digits, a trailing dot after a quad — is ambiguous.
 */
final class HostSyntax {
  private HostSyntax() {}

  /** Longest host text looked at before rejecting. */
  static final int MAX_INPUT = 1024;

  /** The kinds of host text. */
  enum Kind {
    IP,
    NAME,
    AMBIGUOUS,
    MALFORMED
  }

  /** The outcome: for {@link Kind#NAME} the normalised name, for {@link Kind#IP} the address. */
  record Result(Kind kind, String name, IpAddress ip, String why) {
    static Result ip(IpAddress ip) {
      return new Result(Kind.IP, ip.toString(), ip, "");
    }

    static Result name(String n) {
      return new Result(Kind.NAME, n, null, "");
    }

    static Result ambiguous(String why) {
      return new Result(Kind.AMBIGUOUS, "", null, why);
    }

    static Result malformed(String why) {
      return new Result(Kind.MALFORMED, "", null, why);
    }
  }

  /** Classifies a host that is not in brackets (IPv6 literals need brackets, or see {@link #classifyBareOrIpv6}). */
  static Result classify(String raw) {
    if (raw.isEmpty()) {
      return Result.malformed("empty host");
    }
    if (raw.length() > MAX_INPUT) {
      return Result.malformed("host longer than " + MAX_INPUT + " characters");
    }
    boolean ascii = true;
    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      String bad = forbidden(cp);
      if (bad != null) {
        return Result.malformed(bad);
      }
      if (cp > 0x7f) {
        ascii = false;
        if (Character.isDigit(cp)) {
          return Result.ambiguous("non-ASCII digit U+" + String.format(Locale.ROOT, "%04X", cp) + " in a host");
        }
      }
    }
    if (ascii) {
      long v4 = IpAddress.parseIpv4(raw, 0, raw.length());
      if (v4 >= 0) {
        return Result.ip(IpAddress.ofIpv4((int) v4));
      }
    }
    String ace;
    if (ascii && isLdhOrDot(raw)) {
      // IDNA ToASCII leaves such text as it is; checkLabels enforces the STD3 rules it would
      ace = raw.toLowerCase(Locale.ROOT);
    } else {
      String mapped = raw.replace('\u3002', '.').replace('\uff0e', '.').replace('\uff61', '.');
      try {
        ace = IDN.toASCII(mapped, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        return Result.malformed("not a valid host name (IDNA: " + e.getMessage() + ")");
      }
    }
    if (ace.endsWith(".")) {
      ace = ace.substring(0, ace.length() - 1);
      if (ace.isEmpty() || ace.endsWith(".")) {
        return Result.malformed("empty label");
      }
    }
    if (endsInNumber(ace)) {
      return Result.ambiguous(ascii
          ? "numeric host that is not a strict dotted quad (octal, hex, short or integer forms and trailing dots are refused)"
          : "non-ASCII text that maps to a numeric host");
    }
    String bad = checkLabels(ace);
    if (bad != null) {
      return Result.malformed(bad);
    }
    return Result.name(ace);
  }

  /**
   * Like {@link #classify}, but also accepts a bare (unbracketed) IPv6 literal — for configuration
   * entries such as allowlist IPs and {@code --resolve} answers, where no port follows.
   */
  static Result classifyBareOrIpv6(String raw) {
    if (raw.indexOf(':') >= 0) {
      return IpAddress.tryParse(raw).map(Result::ip).orElseGet(() -> Result.malformed("not a strict IPv6 literal"));
    }
    return classify(raw);
  }

  /** Why code point {@code cp} may never appear in a host, or {@code null} if it may. */
  private static String forbidden(int cp) {
    if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
      return "control character in a host";
    }
    switch (cp) {
      case ' ':
        return "space in a host";
      case '%':
        return "percent-encoded host";
      case '@':
        return "'@' in a host (userinfo is refused)";
      case '\\':
      case '/':
      case '?':
      case '#':
        return "'" + (char) cp + "' in a host";
      case ':':
        return "':' in a host (IPv6 literals go in brackets)";
      case '[':
      case ']':
        return "bracket in a host";
      case '*':
        return "'*' in a host";
      case 0x00df: // ß
      case 0x1e9e: // ẞ
      case 0x03c2: // ς
        return "IDNA deviation character U+" + String.format(Locale.ROOT, "%04X", cp) + " (IDNA2003 and UTS #46 disagree)";
      default:
        break;
    }
    int type = Character.getType(cp);
    if (type == Character.FORMAT || type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED) {
      return "invisible, formatting or unassigned character U+" + String.format(Locale.ROOT, "%04X", cp) + " in a host";
    }
    if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0x180b && cp <= 0x180f)
        || cp == 0x034f || cp == 0x1806) {
      return "variation selector or ignorable character U+" + String.format(Locale.ROOT, "%04X", cp) + " in a host";
    }
    return null;
  }

  private static boolean isLdhOrDot(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** The WHATWG "ends in a number" test on a normalised ASCII name. */
  static boolean endsInNumber(String ace) {
    int dot = ace.lastIndexOf('.');
    String last = ace.substring(dot + 1);
    if (last.isEmpty()) {
      return false;
    }
    boolean digits = true;
    for (int i = 0; i < last.length(); i++) {
      char c = last.charAt(i);
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
    }
    if (digits) {
      return true;
    }
    if (last.startsWith("0x")) {
      for (int i = 2; i < last.length(); i++) {
        char c = last.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** Label rules on the final ASCII form, including punycode round trips; {@code null} when fine. */
  private static String checkLabels(String ace) {
    if (ace.isEmpty()) {
      return "empty host";
    }
    if (ace.length() > 253) {
      return "host name longer than 253 characters";
    }
    int start = 0;
    while (start <= ace.length()) {
      int dot = ace.indexOf('.', start);
      int end = dot < 0 ? ace.length() : dot;
      int len = end - start;
      if (len == 0) {
        return "empty label";
      }
      if (len > 63) {
        return "label longer than 63 characters";
      }
      if (ace.charAt(start) == '-' || ace.charAt(end - 1) == '-') {
        return "label starts or ends with '-'";
      }
      for (int i = start; i < end; i++) {
        char c = ace.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
          return "character '" + c + "' is not allowed in a host name";
        }
      }
      if (ace.startsWith("xn--", start)) {
        String label = ace.substring(start, end);
        String unicode = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
        String back;
        try {
          back = unicode.equals(label) ? "" : IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
          back = "";
        }
        if (!back.equals(label)) {
          return "label " + label + " is not valid punycode";
        }
      }
      if (dot < 0) {
        break;
      }
      start = dot + 1;
    }
    return null;
  }
}
