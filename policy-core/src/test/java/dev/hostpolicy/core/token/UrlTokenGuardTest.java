package dev.hostpolicy.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Secret;
import org.junit.jupiter.api.Test;

class UrlTokenGuardTest {
  private static final String TOKEN = "hp_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh813ivxD";
  private final UrlTokenGuard guard = UrlTokenGuard.forSecret(Secret.fromUtf8(TOKEN));

  private boolean denied(String url) {
    return guard.check(url).denied();
  }

  @Test
  void tokenParametersAreDeniedWhateverTheirValue() {
    for (String url : new String[] {
        "/?token=abc", "/x?a=1&token=", "/x?access_token=abc", "/x?TOKEN=1", "/x?Access_Token=1",
        "/x?acc%65ss_token=1", "/x?access%5Ftoken=1", "/x?%2561ccess_token=1", "/x?a=1;token=2", "/x;token=1",
        "/x#access_token=abc", "/x?+token+=1", "/x?token[]=1", "/x?token", "https://h.example/cb#state=1&access_token=x"}) {
      assertThat(guard.check(url).reason()).as(url).isEqualTo("token.in-url");
    }
  }

  @Test
  void otherParametersPass() {
    for (String url : new String[] {
        "/", "/api/runs?page=2", "/x?tokens=1", "/x?csrf_token=1", "/x?access_tokens=1", "/x?my_token=1",
        "/token/list", "/x?q=token", "/x?q=access_token=1", ""}) {
      assertThat(guard.check(url).allowed()).as(url).isTrue();
    }
    assertThat(guard.check(null).allowed()).isTrue();
  }

  @Test
  void theSecretIsFoundRawOrPercentEncodedAnywhere() {
    assertThat(denied("/x/" + TOKEN)).isTrue();
    assertThat(denied("/x?q=" + TOKEN + "&p=1")).isTrue();
    assertThat(denied("/x?q=prefix" + TOKEN + "suffix")).isTrue();
    assertThat(denied("/x#" + TOKEN)).isTrue();
    assertThat(denied("https://user:" + TOKEN + "@host.example/")).isTrue();
    assertThat(denied("/x?q=" + percentEncodeAll(TOKEN))).isTrue();
    assertThat(denied("/x?q=" + percentEncodeAll(TOKEN).toLowerCase(java.util.Locale.ROOT))).isTrue();
    assertThat(denied("/x?q=" + TOKEN.substring(0, 10) + "%" + Integer.toHexString(TOKEN.charAt(10)) + TOKEN.substring(11))).isTrue();
    assertThat(denied("/x?q=" + percentEncodeAll(TOKEN).replace("%", "%25"))).as("double-encoded").isTrue();
    assertThat(denied("/x?q=" + percentEncodeAll(TOKEN).replace("%", "%25").replace("%", "%25"))).as("triple-encoded").isTrue();
  }

  @Test
  void nearMissesPass() {
    assertThat(denied("/x/" + TOKEN.substring(1))).isFalse();
    assertThat(denied("/x/" + TOKEN.substring(0, TOKEN.length() - 1))).isFalse();
    assertThat(denied("/x/" + TOKEN.replace('Q', 'R'))).isFalse();
    assertThat(denied("/x/" + TOKEN.toLowerCase(java.util.Locale.ROOT))).isFalse();
    assertThat(denied("/x?q=" + TOKEN.substring(0, 20) + "%zz" + TOKEN.substring(20))).isFalse();
  }

  @Test
  void parametersOnlyIgnoresTheSecret() {
    UrlTokenGuard names = UrlTokenGuard.parametersOnly();
    assertThat(names.check("/x/" + TOKEN).allowed()).isTrue();
    assertThat(names.check("/x?token=1").denied()).isTrue();
  }

  @Test
  void percentDecodingHandlesEdges() {
    assertThat(new String(UrlTokenGuard.percentDecode("a%41%4a%zz%4".getBytes()), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("aAJ%zz%4");
    byte[] none = "plain".getBytes();
    assertThat(UrlTokenGuard.percentDecode(none)).isSameAs(none);
  }

  @Test
  void detailAndToStringNeverHoldTheUrlOrSecret() {
    assertThat(guard.check("/x?token=" + TOKEN).detail()).doesNotContain(TOKEN);
    assertThat(guard.check("/x/" + TOKEN).detail()).doesNotContain(TOKEN);
    assertThat(guard.toString()).doesNotContain(TOKEN);
  }

  static String percentEncodeAll(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      sb.append('%').append(String.format("%02X", b & 0xff));
    }
    return sb.toString();
  }
}
