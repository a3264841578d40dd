package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.BearerAuthenticator;
import dev.hostpolicy.core.token.CorrelationId;
import dev.hostpolicy.core.token.RequestTransport;
import dev.hostpolicy.core.token.RunId;
import dev.hostpolicy.core.token.SessionCookie;
import dev.hostpolicy.core.token.TokenFormat;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.core.token.TriggerId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of docs/tokens.md, compiled and run. */
class TokensDocTest {

  @Test
  void bearer() {
    // snippet: tokens-bearer
    Secret token = TokenMint.mintPrefixed("hp");                  // hp_<43 chars><6-char checksum>
    BearerAuthenticator auth = BearerAuthenticator.of(token, TokenFormat.prefixed("hp"));

    String header = "Bearer " + token.revealUtf8();
    Decision ok = auth.check(List.of(header), "/api/runs");                      // allowed
    Decision inUrl = auth.check(List.of(header), "/api/runs?access_token=abc");  // token.in-url
    Decision typo = auth.check(List.of("bearer hp_" + "A".repeat(49)), "/api/runs"); // token.checksum-mismatch
    Decision twice = auth.check(List.of(header, header), "/api/runs");           // auth.multiple-headers
    // end-snippet
    assertThat(ok.allowed()).isTrue();
    assertThat(inUrl.reason()).isEqualTo("token.in-url");
    assertThat(typo.reason()).isEqualTo("token.checksum-mismatch");
    assertThat(twice.reason()).isEqualTo("auth.multiple-headers");
  }

  @Test
  void cookie() {
    Secret token = TokenMint.mint();
    // snippet: tokens-cookie
    SessionCookie session = SessionCookie.forToken(token);          // SHA-256 computed once, here
    String setCookie = session.setCookieHeader(RequestTransport.direct(false), Duration.ofHours(12));
    // hostpolicy_session=<43 chars>; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict

    String cookieHeader = "theme=dark; hostpolicy_session=" + session.value();
    Decision loggedIn = session.check(List.of(cookieHeader));         // allowed
    String logout = session.clearCookieHeader(RequestTransport.direct(false));
    // end-snippet
    assertThat(setCookie).matches("hostpolicy_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict");
    assertThat(loggedIn.allowed()).isTrue();
    assertThat(logout).startsWith("hostpolicy_session=; Max-Age=0");
  }

  @Test
  void ids() {
    // snippet: tokens-ids
    TriggerId hook = TriggerId.generate();           // e.g. /hooks/Jx0q3W-dZk1pQbfAe8Lw2m9T
    CorrelationId cid = CorrelationId.generate();    // cid_...
    RunId run = RunId.generate();                    // run_...
    boolean valid = TriggerId.isValid(hook.value()) && RunId.parse(run.value()).equals(run);
    // end-snippet
    assertThat(valid).isTrue();
    assertThat(cid.value()).startsWith("cid_");
  }

  @Test
  void json() throws Exception {
    Secret token = TokenMint.mint();
    // snippet: tokens-json
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();  // finds SecretRedactionModule
    String out = json.writeValueAsString(Map.of("token", token));     // {"token":"[redacted]"}
    // end-snippet
    assertThat(out).isEqualTo("{\"token\":\"[redacted]\"}");
  }
}
