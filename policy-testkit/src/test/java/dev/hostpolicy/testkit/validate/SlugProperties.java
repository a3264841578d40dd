package dev.hostpolicy.testkit.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.core.validate.Slugs;
import dev.hostpolicy.testkit.ValidatorArbitraries;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SlugProperties {
  /** The rule written as a regular expression: the oracle for {@link Slugs#check}. */
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  @Provide
  Arbitrary<String> candidates() {
    return ValidatorArbitraries.slugCandidates();
  }

  @Property(tries = 5000)
  void checkAgreesWithTheRegex(@ForAll("candidates") String s, @ForAll @IntRange(min = 1, max = 80) int max) {
    boolean oracle = SLUG.matcher(s).matches() && s.length() <= max;
    assertThat(Slugs.check(s, max).allowed()).as(s).isEqualTo(oracle);
  }

  @Property(tries = 5000)
  void slugifyGivesAValidSlugOrSaysEmpty(@ForAll("candidates") String s, @ForAll @IntRange(min = 1, max = 80) int max) {
    String slug;
    try {
      slug = Slugs.slugify(s, max);
    } catch (PolicyViolationException e) {
      assertThat(e.reason()).isEqualTo("validate.slug.empty");
      assertThat(s.codePoints().noneMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
          .as("only texts without an ASCII letter or digit are empty: %s", s).isTrue();
      return;
    }
    assertThat(Slugs.check(slug, max).allowed()).as(slug).isTrue();
    assertThat(Slugs.slugify(slug, max)).isEqualTo(slug);
    PolicyViolationException none = catchThrowableOfType(PolicyViolationException.class, () -> Slugs.require(slug));
    assertThat(none == null || slug.length() > Slugs.DEFAULT_MAX_LENGTH).isTrue();
  }
}
