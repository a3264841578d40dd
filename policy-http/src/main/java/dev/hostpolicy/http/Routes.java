package dev.hostpolicy.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which built-in stage owns a path. Paths are compared raw (as received), never decoded. */
final class Routes {

  enum Kind { LOGIN, LOGOUT, WEBHOOK, EVENT, PUBLIC, API, PAGE }

  static final String LOGIN = "/login";
  static final String LOGOUT = "/logout";

  private final List<String> apiPrefixes;
  private final Set<String> publicPaths;
  private final String webhookPrefix; // "/hooks/" or null
  private final String eventPrefix; // "/events/" or null
  private final boolean browserLogin;

  Routes(List<String> apiPrefixes, Set<String> publicPaths, String webhookPrefix, String eventPrefix, boolean browserLogin) {
    this.apiPrefixes = List.copyOf(apiPrefixes);
    this.publicPaths = Set.copyOf(publicPaths);
    this.webhookPrefix = webhookPrefix;
    this.eventPrefix = eventPrefix;
    this.browserLogin = browserLogin;
  }

  boolean browserLogin() {
    return browserLogin;
  }

  String webhookPrefix() {
    return webhookPrefix;
  }

  String eventPrefix() {
    return eventPrefix;
  }

  Kind classify(String rawPath) {
    if (browserLogin && rawPath.equals(LOGIN)) {
      return Kind.LOGIN;
    }
    if (browserLogin && rawPath.equals(LOGOUT)) {
      return Kind.LOGOUT;
    }
    if (webhookPrefix != null && (rawPath.startsWith(webhookPrefix) || rawPath.equals(trimSlash(webhookPrefix)))) {
      return Kind.WEBHOOK;
    }
    if (eventPrefix != null && (rawPath.startsWith(eventPrefix) || rawPath.equals(trimSlash(eventPrefix)))) {
      return Kind.EVENT;
    }
    if (publicPaths.contains(rawPath)) {
      return Kind.PUBLIC;
    }
    for (String p : apiPrefixes) {
      if (rawPath.startsWith(p) || rawPath.equals(trimSlash(p))) {
        return Kind.API;
      }
    }
    return browserLogin ? Kind.PAGE : Kind.API;
  }

  private static String trimSlash(String prefix) {
    return prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  /**
   * Why a raw path is refused as ambiguous, or null when it is a plain absolute path: it must start
   * with '/', hold printable ASCII only, and have no empty, '.' or '..' segment (raw or
   * percent-encoded), no backslash and no encoded '/', '\' or NUL — shapes that servers and
   * applications disagree about, so a guard's route could differ from the application's.
   */
  static String ambiguity(String rawPath) {
    if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return "the path must start with /";
    }
    if (rawPath.length() > 8192) {
      return "the path is longer than 8192 characters";
    }
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '\\') {
        return "the path holds a control, space, non-ASCII or backslash character";
      }
    }
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
      return "the path holds an encoded /, \\ or NUL";
    }
    int start = 1;
    while (start <= rawPath.length()) {
      int end = rawPath.indexOf('/', start);
      if (end < 0) {
        end = rawPath.length();
      }
      String seg = lower.substring(start, end);
      if (end < rawPath.length() && seg.isEmpty()) {
        return "the path has an empty segment";
      }
      String dots = seg.replace("%2e", ".");
      if (dots.equals(".") || dots.equals("..")) {
        return "the path has a dot segment";
      }
      start = end + 1;
    }
    return null;
  }
}
