package dev.hostpolicy.http;

import dev.hostpolicy.core.text.HtmlEscaper;
import dev.hostpolicy.http.headers.CspNonce;
import java.util.Optional;

/**
 * The login page: no script at all, one {@code <style>} carrying the response's CSP nonce, every
 * variable part escaped for its context (element text or a quoted attribute value).
 */
final class LoginPage {
  private LoginPage() {}

  static final String STYLE = "body{font-family:system-ui,sans-serif;background:#f6f7f9;margin:0}"
      + "main{max-width:22rem;margin:12vh auto;background:#fff;padding:2rem;border-radius:.5rem;"
      + "box-shadow:0 1px 4px rgba(0,0,0,.15)}"
      + "h1{font-size:1.25rem;margin:0 0 1rem}label{display:block;margin-bottom:.25rem}"
      + "input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;margin-bottom:1rem}"
      + "button{padding:.5rem 1rem}.error{color:#a40000;margin:0 0 1rem}";

  static String render(String title, String next, Optional<String> error, CspNonce nonce) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(HtmlEscaper.text(title)).append(" - sign in</title>")
        .append("<style nonce=\"").append(HtmlEscaper.attribute(nonce.value())).append("\">").append(STYLE).append("</style>")
        .append("</head><body><main><h1>").append(HtmlEscaper.text(title)).append("</h1>");
    error.ifPresent(e -> sb.append("<p class=\"error\" id=\"error\" role=\"alert\">").append(HtmlEscaper.text(e)).append("</p>"));
    sb.append("<form method=\"post\" action=\"").append(Routes.LOGIN).append("\">")
        .append("<label for=\"token\">API token</label>")
        .append("<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required autofocus>")
        .append("<input type=\"hidden\" id=\"next\" name=\"next\" value=\"").append(HtmlEscaper.attribute(next)).append("\">")
        .append("<button type=\"submit\" id=\"submit\">Sign in</button></form></main></body></html>\n");
    return sb.toString();
  }
}
