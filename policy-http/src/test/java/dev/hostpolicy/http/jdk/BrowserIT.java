package dev.hostpolicy.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.http.BrowserSessionGuard;
import dev.hostpolicy.http.Chromium;
import dev.hostpolicy.http.TestHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real browser against a guarded server: headless Chromium, driven over the DevTools protocol,
 * is sent to a page, lands on the login page, logs in through the form, and then holds a session
 * cookie that page script cannot read; an inline script injected into the login page is blocked by
 * the strict CSP and reported as a violation. Fails (does not skip) without chromium.
 */
class BrowserIT {

  @Test
  void loginThroughTheFormGivesAnHttpOnlyCookieAndTheCspBlocksInjectedScript() throws Exception {
    TestHost host = new TestHost();
    try (GuardedHttpServer server = GuardedHttpServer.builder(LoopbackAddress.ipv4()).guards(host::guards).start();
        Chromium browser = Chromium.launch()) {
      server.context("/api/", JdkAdapterIT.APP);
      server.context("/dashboard", JdkAdapterIT.APP);
      String base = "http://127.0.0.1:" + server.address().getPort();
      browser.call("Page.enable", Map.of());
      browser.call("Runtime.enable", Map.of());
      browser.call("Log.enable", Map.of());
      browser.call("Network.enable", Map.of());

      // an unauthenticated page request lands on the login page
      browser.navigate(base + "/dashboard");
      assertThat(browser.eval("location.pathname + location.search").asText()).isEqualTo("/login?next=%2Fdashboard");
      assertThat(browser.eval("document.querySelectorAll('script').length").asInt()).isZero();
      assertThat(browser.eval("document.querySelector('h1').textContent").asText()).isEqualTo(TestHost.TITLE);
      assertThat(browser.eval("getComputedStyle(document.querySelector('main')).maxWidth").asText())
          .as("the nonce'd <style> applied").isEqualTo("352px");

      // an injected inline script is refused by the CSP, and the refusal is reported
      browser.eval("window.__violations = []; document.addEventListener('securitypolicyviolation',"
          + " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); true");
      int logsBefore = browser.eventCount();
      browser.eval("const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';"
          + " document.body.appendChild(s); true");
      browser.awaitTrue("window.__violations.length > 0");
      assertThat(browser.eval("typeof window.__pwned").asText()).isEqualTo("undefined");
      assertThat(browser.eval("window.__violations[0]").asText()).startsWith("script-src").endsWith("inline");
      JsonNode console = browser.awaitEvent(logsBefore, e -> e.path("method").asText().equals("Log.entryAdded")
          && e.path("params").path("entry").path("text").asText().contains("Content Security Policy"));
      assertThat(console.path("params").path("entry").path("level").asText()).isEqualTo("error");

      // a wrong token: the form comes back with an error and no cookie
      browser.evalAndWaitForLoad("document.getElementById('token').value = '" + TestHost.WRONG_TOKEN + "';"
          + " document.getElementById('submit').click(); true");
      assertThat(browser.eval("location.href + ' ' + document.documentElement.outerHTML").asText()).contains("id=\"error\"");
      assertThat(browser.eval("document.getElementById('error').textContent").asText()).isEqualTo(BrowserSessionGuard_WRONG());
      assertThat(cookies(browser)).isEmpty();

      // the right token: redirected to the page asked for, with an HttpOnly SameSite=Strict cookie
      browser.evalAndWaitForLoad("document.getElementById('token').value = '" + host.tokenText() + "';"
          + " document.getElementById('submit').click(); true");
      assertThat(browser.eval("location.pathname").asText()).isEqualTo("/dashboard");
      assertThat(browser.eval("document.title").asText()).isEqualTo("dashboard");
      assertThat(browser.eval("document.cookie").asText()).as("page script cannot read the session cookie").isEmpty();
      List<JsonNode> cookies = cookies(browser);
      assertThat(cookies).hasSize(1);
      JsonNode cookie = cookies.get(0);
      assertThat(cookie.path("name").asText()).isEqualTo("hostpolicy_session");
      assertThat(cookie.path("httpOnly").asBoolean()).isTrue();
      assertThat(cookie.path("sameSite").asText()).isEqualTo("Strict");
      assertThat(cookie.path("secure").asBoolean()).isFalse();
      assertThat(cookie.path("value").asText()).hasSize(43).isNotEqualTo(host.tokenText());

      // the page's own same-origin requests carry the session
      assertThat(browser.eval("fetch('/api/echo').then(r => r.json()).then(j => j.auth)").asText()).isEqualTo("browser-session");

      // logout clears it
      browser.evalAndWaitForLoad("fetch('/logout', {method: 'POST'}).then(() => location.assign('/dashboard')); true");
      assertThat(browser.eval("location.pathname").asText()).isEqualTo("/login");
      assertThat(cookies(browser)).isEmpty();
      assertThat(host.audit.events(BrowserSessionGuard.LOGIN_SUCCESS)).hasSize(1);
      assertThat(host.audit.events(BrowserSessionGuard.LOGIN_FAILURE)).hasSize(1);
      host.audit.assertNoLeaks();
    }
  }

  private static String BrowserSessionGuard_WRONG() {
    return "That token is not right. Paste the API token of this server.";
  }

  private static List<JsonNode> cookies(Chromium browser) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode c : browser.call("Network.getCookies", Map.of()).path("cookies")) {
      out.add(c);
    }
    return out;
  }
}
