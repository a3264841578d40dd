package dev.hostpolicy.process.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.testkit.ChildEnvironmentArbitraries;
import dev.hostpolicy.testkit.TextArbitraries;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The manifest parser is total: any text is a manifest or a configuration error, never another exception. */
class ProviderManifestProperties {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 500)
  void anyTextIsAManifestOrAConfigurationError(@ForAll("texts") String text) {
    try {
      ProviderManifest m = ProviderManifest.parse(text);
      assertThat(m.argv()).isNotEmpty();
    } catch (PolicyConfigurationException e) {
      assertThat(e.key()).isPresent();
    }
  }

  @Property(tries = 300)
  void aHostilePassthroughEntryIsRefusedNamingItsIndex(@ForAll("lists") List<String> valid, @ForAll("invalid") String invalid) {
    ObjectNode root = JSON.createObjectNode().put("id", "p");
    root.putArray("argv").add("p");
    ArrayNode pass = root.putArray("envPassthrough");
    valid.forEach(pass::add);
    pass.add(invalid);
    try {
      ProviderManifest.parse(root.toString());
      throw new AssertionError("accepted " + invalid);
    } catch (PolicyConfigurationException e) {
      assertThat(e.key()).contains("envPassthrough[" + valid.size() + "]");
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        TextArbitraries.hostileText(),
        Arbitraries.of("{}", "{\"id\":\"a\",\"argv\":[\"a\"]}", "{\"id\":\"a\",\"argv\":[\"a\"],\"permissions\":{}}", "null", "[]", "\"x\"",
            "{\"id\":\"a\",\"argv\":[\"a\"],\"permissions\":{\"execute\":null}}", "{\"id\":null,\"argv\":null}"),
        Arbitraries.strings().withChars("{}[]\":,idargvperms0 \\u").ofMaxLength(40));
  }

  @Provide
  Arbitrary<List<String>> lists() {
    return ChildEnvironmentArbitraries.passthroughLists();
  }

  @Provide
  Arbitrary<String> invalid() {
    return ChildEnvironmentArbitraries.invalidPassthroughEntries();
  }
}
