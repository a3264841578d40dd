package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.StandardWebhooksScheme;
import dev.hostpolicy.core.webhook.StripeScheme;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The examples of docs/webhooks.md, compiled and run. */
class WebhookExamplesTest {

  @Test
  void verifyingAGithubDelivery() {
    Map<String, String> env = Map.of("DEPLOY_WEBHOOK_SECRET", "It's a Secret to Everybody");
    byte[] rawBody = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> requestHeaders = Map.of("X-Hub-Signature-256",
        List.of("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
    int status = 200;

    // snippet: webhook-trigger
    WebhookTrigger trigger = WebhookTrigger.builder("deploy")
        .scheme("github")                                   // found by ServiceLoader
        .secret(Secret.fromUtf8(env.get("DEPLOY_WEBHOOK_SECRET")))
        .build();                                           // no secret and not optional: throws

    Decision decision = trigger.verify(rawBody, WebhookHeaders.of(requestHeaders));
    if (decision.denied()) {
      status = 401;                                         // decision.reason(): webhook.signature-mismatch, ...
    }
    // end-snippet

    assertThat(decision.allowed()).isTrue();
    assertThat(status).isEqualTo(200);
    assertThat(trigger.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), WebhookHeaders.of(requestHeaders)).reason())
        .isEqualTo("webhook.signature-mismatch");
  }

  @Test
  void rotatingAStripeSecret() {
    Secret oldSecret = Secret.fromUtf8("whsec_old-endpoint-secret");
    Secret newSecret = Secret.fromUtf8("whsec_new-endpoint-secret");
    byte[] body = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    WebhookHeaders signedWithOld = new StripeScheme().signer(List.of(oldSecret)).sign(body, Instant.now(), Optional.empty());

    // snippet: webhook-rotation
    WebhookTrigger payments = WebhookTrigger.builder("payments")
        .scheme(new StripeScheme())
        .secrets(List.of(oldSecret, newSecret))   // both active while the sender rolls its secret
        .build();
    Decision d = payments.verify(body, signedWithOld);
    // d.detail(): "signature matches active secret 1 of 2" - still seeing the old one

    oldSecret.destroy();                          // retired: from now on only newSecret verifies
    // end-snippet

    assertThat(d.allowed()).isTrue();
    assertThat(d.detail()).isEqualTo("signature matches active secret 1 of 2");
    WebhookHeaders again = new StripeScheme().signer(List.of(Secret.fromUtf8("whsec_old-endpoint-secret")))
        .sign(body, Instant.now(), Optional.empty());
    assertThat(payments.verify(body, again).reason()).isIn("webhook.signature-mismatch", "webhook.replayed");
  }

  @Test
  void signingAsASender() {
    Secret signingKey = StandardWebhooksScheme.newSigningKey();
    byte[] body = "{\"type\":\"run.finished\"}".getBytes(StandardCharsets.UTF_8);

    // snippet: webhook-sign
    WebhookSignatureScheme.Signer signer = new StandardWebhooksScheme().signer(List.of(signingKey)); // whsk_...
    WebhookHeaders headers = signer.sign(body, Instant.now(), Optional.empty()); // webhook-id, -timestamp, -signature
    Secret forConsumers = StandardWebhooksScheme.publicKeyOf(signingKey);         // whpk_..., to publish
    // end-snippet

    Decision d = WebhookTrigger.builder("consumer").scheme("standard-webhooks").secret(forConsumers).build().verify(body, headers);
    assertThat(d.allowed()).isTrue();
    assertThat(headers.first("webhook-signature").orElseThrow()).startsWith("v1a,");
  }

  @Test
  void theTableRefusesAMisconfiguredTriggerAtStartup() {
    // snippet: webhook-unsigned
    WebhookTrigger relaxed = WebhookTrigger.builder("ci-ping")
        .scheme("github")
        .verifyOptional(true)                  // explicit: no secret, accept unsigned deliveries
        .build();
    Decision d = relaxed.verify(new byte[0], WebhookHeaders.empty());
    // d.allowed() is true and d.reason() is "webhook.unsigned-accepted": log a warning
    // end-snippet

    assertThat(d.reason()).isEqualTo("webhook.unsigned-accepted");
    assertThatThrownBy(() -> WebhookTrigger.builder("ci-ping").scheme("github").build())
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("ci-ping");
  }
}
