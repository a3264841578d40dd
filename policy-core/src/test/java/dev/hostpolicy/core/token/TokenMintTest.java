package dev.hostpolicy.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Secret;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenMintTest {

  @Test
  void aTokenIs32RandomBytesAsUnpaddedBase64Url() {
    Secret token = TokenMint.mint();
    String text = token.revealUtf8();
    assertThat(text).hasSize(43).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(text)).hasSize(32);
    assertThat(token).hasToString("[redacted]");
  }

  @Test
  void thePrefixedFormCarriesItsPrefixAndChecksum() {
    String text = TokenMint.mintPrefixed("hp").revealUtf8();
    assertThat(text).startsWith("hp_").hasSize(3 + 43 + 6);
    assertThat(TokenFormat.prefixed("hp").isValid(text)).isTrue();
    assertThatThrownBy(() -> TokenMint.mintPrefixed("HP")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theGeneratorNeverBlocks() {
    // NativePRNGNonBlocking on Linux/macOS; DRBG or the platform default elsewhere; never a "Strong"/blocking one
    assertThat(TokenMint.algorithm()).isNotEqualTo("NativePRNGBlocking");
    if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      assertThat(TokenMint.algorithm()).isEqualTo("NativePRNGNonBlocking");
    }
  }

  @Test
  void randomIdentifiersHaveTheRequestedSize() {
    assertThat(TokenMint.randomBase64Url(12)).hasSize(16).matches("[A-Za-z0-9_-]+");
    assertThat(TokenMint.randomBase64Url(18)).hasSize(24);
    assertThatThrownBy(() -> TokenMint.randomBase64Url(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
