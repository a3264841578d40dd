package dev.hostpolicy.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a|allowed",
      "my-box-2|allowed",
      "0|allowed",
      "''|validate.slug.empty",
      "My-Box|validate.slug.invalid-character",
      "my_box|validate.slug.invalid-character",
      "my box|validate.slug.invalid-character",
      "caf\u00e9|validate.slug.invalid-character",
      "-box|validate.slug.edge-hyphen",
      "box-|validate.slug.edge-hyphen",
      "-|validate.slug.edge-hyphen",
      "my--box|validate.slug.double-hyphen",
      "xn--80ak6aa92e|validate.slug.double-hyphen"})
  void check(String slug, String reason) {
    assertThat(Slugs.check(slug).reason()).as(slug).isEqualTo(reason);
  }

  @Test
  void lengthBound() {
    assertThat(Slugs.check("a".repeat(63)).allowed()).isTrue();
    assertThat(Slugs.check("a".repeat(64)).reason()).isEqualTo("validate.slug.too-long");
    assertThat(Slugs.check("abcd", 3).reason()).isEqualTo("validate.slug.too-long");
    assertThatThrownBy(() -> Slugs.check("a", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void slugifyCollapsesAndTrims() {
    assertThat(Slugs.slugify("  Caf\u00e9 D\u00e9j\u00e0-Vu!! ")).isEqualTo("cafe-deja-vu");
    assertThat(Slugs.slugify("--a__b--")).isEqualTo("a-b");
    assertThat(Slugs.slugify("\uff21\uff22\uff23 123")).isEqualTo("abc-123");
    assertThat(Slugs.slugify("\ufb01le")).isEqualTo("file");
    assertThat(Slugs.slugify("$(rm -rf /)")).isEqualTo("rm-rf");
    assertThat(Slugs.slugify("\u202eevil\u200bname")).isEqualTo("evil-name");
  }

  @Test
  void slugifyCutsAtTheBoundWithoutMergingWords() {
    assertThat(Slugs.slugify("abcd efgh", 5)).isEqualTo("abcd");
    assertThat(Slugs.slugify("abc efgh", 5)).isEqualTo("abc-e");
    assertThat(Slugs.slugify("a".repeat(100))).hasSize(63);
  }

  @Test
  void slugifyOfNothingUsableIsAnError() {
    for (String s : new String[] {"", "---", "\u4e2d\u6587", "!!!", "\u0000"}) {
      assertThatThrownBy(() -> Slugs.slugify(s)).isInstanceOfSatisfying(PolicyViolationException.class,
          e -> assertThat(e.reason()).isEqualTo("validate.slug.empty"));
    }
  }

  @Test
  void requireReturnsOrThrows() {
    assertThat(Slugs.require("ok-1")).isEqualTo("ok-1");
    assertThatThrownBy(() -> Slugs.require("Bad")).isInstanceOf(PolicyViolationException.class);
  }
}
