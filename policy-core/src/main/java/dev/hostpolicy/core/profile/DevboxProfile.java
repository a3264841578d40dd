package dev.hostpolicy.core.profile;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKey;

/**
 * The {@code devbox} profile: a browser-driven server provisioner that renders user input into
 * shell, JavaScript, HTML and cloud-init, serves pages under a strict CSP and answers an on-demand
 * TLS ask.
 *
 * <p>Defaults (each visible with its source in {@code describe()}):
 *
 * <ul>
 *   <li>every catalogue rule at its strictest default (loopback only without a token, no egress, no
 *       passthrough);
 *   <li>{@link #TLS_BASE_DOMAIN} empty: the on-demand-TLS ask check ({@code OnDemandTlsGuard})
 *       refuses every name until the host names its base domain; names are then only
 *       {@code <port>.<base>} for a port that is listening;
 *   <li>{@link #MAX_KEY_DEPTH} 32: nested JSON deeper than this is refused by the key-path guard,
 *       which also refuses {@code __proto__}, {@code constructor} and {@code prototype} keys.
 * </ul>
 *
 * <p>The escapers ({@code ShellEscaper}, {@code JsEscaper}, {@code HtmlEscaper}, {@code YamlEscaper}),
 * the cloud-init builder ({@code CloudConfig}), the security headers with a strict nonce CSP
 * ({@code SecurityHeaders}, {@code ContentSecurityPolicy}) and the git-URL and slug validators need no
 * configuration: their rules are fixed.
 *
 * <pre>{@code
 * HostPolicy policy = HostPolicy.builder().profile(DevboxProfile.ID).build();
 * long depth = policy.get(DevboxProfile.MAX_KEY_DEPTH);   // 32
 * }</pre>
 */
public final class DevboxProfile implements HostProfile {

  /** {@value}. */
  public static final String ID = "devbox";

  /** Base domain of the on-demand-TLS names ({@code <port>.<base>}); empty refuses every name. */
  public static final PolicyKey<String> TLS_BASE_DOMAIN =
      PolicyKey.opaque(
          "devbox.tls-base-domain", String.class, "", "base domain of on-demand TLS names <port>.<base> (empty = refuse all)");

  /** Deepest JSON nesting the key-path guard accepts. */
  public static final PolicyKey<Long> MAX_KEY_DEPTH =
      PolicyKey.opaque("devbox.max-key-depth", Long.class, 32L, "deepest nesting of user JSON the key-path guard accepts");

  /** Used by {@link java.util.ServiceLoader}. */
  public DevboxProfile() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 30;
  }

  @Override
  public String description() {
    return "Devbox-style provisioner: exact escapers, cloud-init builder, strict CSP and headers, git-URL/slug/key-path validation, on-demand TLS ask";
  }

  @Override
  public void configure(PolicyDraft draft) {
    ProfileDefaults.catalogue(draft);
    draft.set(TLS_BASE_DOMAIN, "");
    draft.set(MAX_KEY_DEPTH, 32L);
  }
}
