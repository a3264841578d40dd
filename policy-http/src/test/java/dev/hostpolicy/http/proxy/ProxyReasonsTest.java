package dev.hostpolicy.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.http.internal.proxy.Reasons;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProxyReasonsTest {

  @Test
  void everyCodeIsADistinctWellFormedReasonCodeTheProxyUsesAndTheDocsList() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "egress-proxy.md"));
    String egressDoc = Files.readString(Path.of("..", "docs", "egress.md"));
    Set<String> codes = new HashSet<>();
    for (Field f : ProxyReasons.class.getFields()) {
      assertThat(Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())).as(f.getName()).isTrue();
      String code = (String) f.get(null);
      assertThat(code).as(f.getName()).matches("(proxy|egress)\\.[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(codes.add(code)).as("duplicate " + code).isTrue();
      assertThat(doc + egressDoc).as(code + " documented").contains("`" + code + "`");
      // the proxy's internal short names are the public codes
      assertThat(Reasons.class.getField(f.getName()).get(null)).isEqualTo(code);
    }
    assertThat(Reasons.class.getFields()).hasSameSizeAs(ProxyReasons.class.getFields());
  }
}
