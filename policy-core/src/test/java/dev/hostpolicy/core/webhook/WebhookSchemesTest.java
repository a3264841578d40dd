package dev.hostpolicy.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSchemesTest {

  @Test
  void discoversTheFiveBuiltInsInPriorityOrder() {
    assertThat(WebhookSchemes.discover().ids()).containsExactly("github", "stripe", "slack", "standard-webhooks", "generic");
    assertThat(WebhookSchemes.builtIns().ids()).isEqualTo(WebhookSchemes.discover().ids());
  }

  @Test
  void requireNamesTheUnknownIdAndListsTheKnown() {
    assertThatThrownBy(() -> WebhookSchemes.discover().require("gitlab"))
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("\"gitlab\"")
        .hasMessageContaining("github, stripe, slack, standard-webhooks, generic");
  }

  @Test
  void duplicateIdsFailNamingBothClasses() {
    assertThatThrownBy(() -> WebhookSchemes.of(List.of(new GithubScheme(), GithubScheme.withLegacySha1())))
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("share the id github")
        .hasMessageContaining(GithubScheme.class.getName());
  }
}
