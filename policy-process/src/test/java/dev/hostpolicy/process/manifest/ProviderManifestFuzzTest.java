package dev.hostpolicy.process.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hostpolicy.api.PolicyConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz target for provider manifests (JSON a provider ships, so untrusted): any bytes are a
 * manifest or a {@link PolicyConfigurationException} naming the field — never another exception.
 * Seeds: {@code src/test/resources/dev/hostpolicy/process/manifest/ProviderManifestFuzzTestInputs/}.
 */
class ProviderManifestFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void manifests(byte[] data) throws IOException {
    ProviderManifest fromStream = null;
    try {
      fromStream = ProviderManifest.parse(new ByteArrayInputStream(data));
      assertThat(fromStream.toString()).isNotNull();
    } catch (PolicyConfigurationException e) {
      assertThat(e.getMessage()).isNotNull();
    }
    try {
      ProviderManifest fromText = ProviderManifest.parse(new String(data, StandardCharsets.UTF_8));
      assertThat(fromText.toString()).isNotNull();
    } catch (PolicyConfigurationException e) {
      assertThat(e.getMessage()).isNotNull();
    }
  }
}
