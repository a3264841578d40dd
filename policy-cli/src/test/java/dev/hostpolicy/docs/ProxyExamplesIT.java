package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.http.proxy.EgressProxy;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of docs/egress-proxy.md, compiled and run with a real child process. */
class ProxyExamplesIT {

  @Test
  void wiring() throws Exception {
    AuditSink auditSink = AuditSink.discarding();
    String runId = "run-42";
    Secret runToken = Secret.fromUtf8("per-run-token");
    List<String> command = List.of("sh", "-c", "case \"$HTTPS_PROXY\" in http://hostpolicy:per-run-token@127.0.0.1:*) exit 0;; *) exit 1;; esac");
    // snippet: egress-proxy-wiring
    EgressProxy proxy = EgressProxy.builder()
        .policy(EgressPolicy.builder().allow("api.github.com", "*.npmjs.org"))  // or hostPolicy.egressPolicyBuilder()
        .auditSink(auditSink)                        // every decision, allowed and denied
        .runId(runId)                                // in every audit event
        .proxyToken(runToken)                        // optional: Proxy-Authorization required
        .build();
    try {
      proxy.start();                                 // 127.0.0.1, ephemeral port; throws if it cannot bind
    } catch (IOException e) {
      throw new IllegalStateException("egress proxy did not start; the child is not started", e);  // fail closed
    }
    ProcessBuilder child = new ProcessBuilder(command);
    proxy.exportTo(child.environment());             // HTTP(S)_PROXY, ALL_PROXY, lower case too; NO_PROXY removed
    int status = child.inheritIO().start().waitFor();
    proxy.close();                                   // closes every tunnel
    // end-snippet
    assertThat(status).as("the child saw the proxy with its token").isZero();
    assertThat(proxy.isRunning()).isFalse();
  }
}
