package dev.hostpolicy.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRedactionModuleTest {
  private static final String VALUE = "hunter2-hunter2-hunter2";

  /** A host's own value type holding a secret. */
  public record Credentials(String user, Secret password) {}

  @Test
  void writesRedactedForValuesAndKeys() throws Exception {
    ObjectMapper json = new ObjectMapper().registerModule(new SecretRedactionModule());
    Secret s = Secret.fromUtf8(VALUE);
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("token", s);
    map.put(s, "as a key");
    map.put("list", List.of(s, s));
    map.put("record", new Credentials("dev", s));
    String out = json.writeValueAsString(map);
    assertThat(out).doesNotContain(VALUE)
        .isEqualTo("{\"token\":\"[redacted]\",\"[redacted]\":\"as a key\",\"list\":[\"[redacted]\",\"[redacted]\"],"
            + "\"record\":{\"user\":\"dev\",\"password\":\"[redacted]\"}}");
  }

  @Test
  void isFoundByFindAndRegisterModules() throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    assertThat(json.writeValueAsString(Map.of("t", Secret.fromUtf8(VALUE)))).isEqualTo("{\"t\":\"[redacted]\"}");
  }

  @Test
  void evenAPlainMapperCannotPrintASecret() throws Exception {
    String out = new ObjectMapper().writeValueAsString(Map.of("t", Secret.fromUtf8(VALUE)));
    assertThat(out).doesNotContain(VALUE).doesNotContain("aHVudGVy"); // nor its base64
  }
}
