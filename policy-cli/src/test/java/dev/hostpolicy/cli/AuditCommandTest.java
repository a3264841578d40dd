package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hostpolicy audit} in-process: append, tail, query, verify, exit codes and refusals. */
class AuditCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private CliRun audit(String... args) {
    List<String> all = new ArrayList<>(List.of("audit"));
    all.addAll(List.of(args));
    return CliRun.run(Map.of(), new byte[0], all.toArray(String[]::new));
  }

  private void appendSome() {
    assertThat(audit("append", "--dir", data.toString(), "--event", "trigger.create", "--actor", "api-token", "--field", "trigger=deploy")
        .exit()).isZero();
    assertThat(audit("append", "--dir", data.toString(), "--event", "auth.login.failure", "--actor", "open", "--outcome", "denied",
        "--field", "reason=auth.bad-token", "--cid", "cid_AAAAAAAAAAAAAAAA").exit()).isZero();
    assertThat(audit("append", "--dir", data.toString(), "--event", "webhook.rejected", "--actor", "webhook", "--outcome", "denied",
        "--field", "trigger=deploy", "--field", "detail=line1\nline2 \u001b[31m=x").exit()).isZero();
  }

  @Test
  void appendWritesOneLineAndPrintsItWithJson() throws Exception {
    CliRun r = audit("append", "--dir", data.toString(), "--event", "run.start", "--actor", "system", "--field", "run=r1",
        "--field", "empty=", "--field", "eq=a=b", "--json");
    assertThat(r.exit()).as(r.stderr()).isZero();
    JsonNode line = JSON.readTree(r.out());
    assertThat(line.get("event").asText()).isEqualTo("run.start");
    assertThat(line.get("seq").asLong()).isEqualTo(2);
    assertThat(line.get("run").asText()).isEqualTo("r1");
    assertThat(line.get("empty").asText()).isEmpty();
    assertThat(line.get("eq").asText()).isEqualTo("a=b");
    assertThat(r.out()).endsWith("}\n").hasLineCount(1);
    List<String> stored = Files.readAllLines(data.resolve("audit/audit.jsonl"));
    assertThat(stored.get(1) + "\n").isEqualTo(r.out());
    assertThat(audit("append", "--dir", data.toString(), "--event", "run.start", "--actor", "system").out()).isEmpty();
  }

  @Test
  void anAppendThatRotatesKeepsAsManyFilesAsTheLogAlreadyRetains() throws Exception {
    // the host that owns the log keeps 14 files (AUDIT_MAX_FILES=14)
    dev.hostpolicy.core.audit.AuditOptions host = dev.hostpolicy.core.audit.AuditOptions.builder().maxBytes(4096).maxFiles(14).build();
    try (dev.hostpolicy.core.audit.JsonlAuditSink sink = dev.hostpolicy.core.audit.JsonlAuditSink.open(data, host)) {
      for (int i = 0; !Files.exists(data.resolve("audit/audit.12.jsonl")); i++) {
        sink.append(dev.hostpolicy.api.spi.AuditEvent.builder("run.start").field("run", "run_" + i).field("pad", "x".repeat(200)).build());
      }
    }
    // a shell script appends with its own rotation size but no --max-files, until the log rotates
    for (int i = 0; !Files.exists(data.resolve("audit/audit.13.jsonl")); i++) {
      assertThat(i).as("the appends never rotated").isLessThan(200);
      assertThat(audit("append", "--dir", data.toString(), "--max-bytes", "4096", "--event", "run.start", "--actor", "system",
          "--field", "pad=" + "y".repeat(200)).exit()).isZero();
    }
    assertThat(data.resolve("audit/audit.10.jsonl")).exists();   // the default of 10 would have deleted 10 and up
    assertThat(audit("verify", "--dir", data.toString()).exit()).isZero();
  }

  @Test
  void refusedFieldsAndBadOptionsExitTwoWithTheReason() {
    CliRun credential = audit("append", "--dir", data.toString(), "--event", "auth.login.failure", "--actor", "open",
        "--field", "apiToken=hp_abcdefabcdefabcdef");
    assertThat(credential.exit()).isEqualTo(2);
    assertThat(credential.stderr()).contains("apiToken").contains("credential").doesNotContain("hp_abcdef");
    CliRun body = audit("append", "--dir", data.toString(), "--event", "webhook.accepted", "--actor", "webhook", "--field", "body={}");
    assertThat(body.exit()).isEqualTo(2);
    assertThat(body.stderr()).contains("body");
    assertThat(audit("append", "--dir", data.toString(), "--event", "Run.Start", "--actor", "system").exit()).isEqualTo(2);
    assertThat(audit("append", "--dir", data.toString(), "--event", "audit.chain.start", "--actor", "system").exit()).isEqualTo(2);
    assertThat(audit("append", "--dir", data.toString(), "--event", "run.start", "--actor", "root").stderr()).contains("--actor");
    assertThat(audit("append", "--dir", data.toString(), "--event", "run.start", "--actor", "system", "--field", "novalue").exit())
        .isEqualTo(2);
    assertThat(audit("append", "--dir", data.toString(), "--event", "run.start").exit()).isEqualTo(2);
    assertThat(audit("append", "--dir", data.toString(), "--event", "run.start", "--actor", "system", "--durability", "sometimes")
        .exit()).isEqualTo(2);
    assertThat(audit("tail", "--dir", data.toString()).exit()).as("nothing was written").isZero();
    assertThat(audit("tail", "--dir", data.toString()).out()).isEmpty();
  }

  @Test
  void tailAndQueryPrintTextOrTheStoredLines() throws Exception {
    appendSome();
    CliRun tail = audit("tail", "--dir", data.toString(), "-n", "2");
    assertThat(tail.exit()).isZero();
    String[] lines = tail.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z #3 auth\\.login\\.failure open denied cid=cid_AAAAAAAAAAAAAAAA reason=auth\\.bad-token");
    assertThat(lines[1]).contains("#4 webhook.rejected webhook denied trigger=deploy detail=line1\\u000aline2 \\u001b[31m=x");
    assertThat(tail.out()).doesNotContain("\u001b");

    CliRun json = audit("tail", "--dir", data.toString(), "--json");
    List<String> stored = Files.readAllLines(data.resolve("audit/audit.jsonl"));
    assertThat(json.out()).isEqualTo(String.join("\n", stored.subList(1, 4)) + "\n");

    CliRun q = audit("query", "--dir", data.toString(), "--event", "auth.*", "--event", "trigger.create", "--json");
    assertThat(q.out().split("\n")).hasSize(2);
    assertThat(audit("query", "--dir", data.toString(), "--actor", "webhook").out()).contains("webhook.rejected").hasLineCount(1);
    assertThat(audit("query", "--dir", data.toString(), "--cid", "cid_AAAAAAAAAAAAAAAA").out()).hasLineCount(1);
    assertThat(audit("query", "--dir", data.toString(), "--limit", "1").out()).contains("trigger.create").hasLineCount(1);
    assertThat(audit("query", "--dir", data.toString(), "--since", "2999-01-01T00:00:00Z").out()).isEmpty();
    assertThat(audit("query", "--dir", data.toString(), "--until", "2000-01-01T00:00:00Z").out()).isEmpty();
    assertThat(audit("query", "--dir", data.toString(), "--include-sink-records").out()).contains("audit.chain.start").hasLineCount(4);
    assertThat(audit("query", "--dir", data.toString(), "--since", "yesterday").exit()).isEqualTo(2);
    assertThat(audit("query", "--dir", data.toString(), "--event", "Auth").exit()).isEqualTo(2);
  }

  @Test
  void verifyExitsZeroIntactThreeTamperedAndWarnsOnATornTail() throws Exception {
    appendSome();
    CliRun ok = audit("verify", "--dir", data.toString());
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).startsWith("allowed: 4 record(s) in 1 file(s); seq 1 to 4, head 4:");
    assertThat(ok.stderr()).isEmpty();
    CliRun okJson = audit("verify", "--dir", data.toString(), "--json");
    JsonNode n = JSON.readTree(okJson.out());
    assertThat(n.get("allowed").asBoolean()).isTrue();
    assertThat(n.get("reason").asText()).isEqualTo("allowed");
    assertThat(n.get("records").asLong()).isEqualTo(4);
    String head = n.get("head").asText();
    assertThat(head).startsWith("4:");
    assertThat(n.get("at").isNull()).isTrue();
    assertThat(audit("verify", "--dir", data.toString(), "--anchor", head).exit()).isZero();

    Path live = data.resolve("audit/audit.jsonl");
    Files.writeString(live, "{\"ts\":\"20", StandardOpenOption.APPEND);
    CliRun torn = audit("verify", "--dir", data.toString());
    assertThat(torn.exit()).isZero();
    assertThat(torn.out()).startsWith("allowed audit.torn-tail: audit.jsonl:5:");
    assertThat(torn.stderr()).startsWith("hostpolicy: warning: audit.torn-tail");
    assertThat(audit("tail", "--dir", data.toString()).stderr()).contains("audit.torn-tail");

    List<String> lines = new ArrayList<>(Files.readAllLines(live));
    lines.remove(4);
    lines.set(2, lines.get(2).replace("auth.bad-token", "auth.bad-tokem"));
    Files.write(live, lines);
    CliRun tampered = audit("verify", "--dir", data.toString());
    assertThat(tampered.exit()).isEqualTo(3);
    assertThat(tampered.out()).startsWith("denied audit.chain-broken: audit.jsonl:4: prev does not match");
    JsonNode t = JSON.readTree(audit("verify", "--dir", data.toString(), "--json").out());
    assertThat(t.get("allowed").asBoolean()).isFalse();
    assertThat(t.get("reason").asText()).isEqualTo("audit.chain-broken");
    assertThat(t.get("at").asText()).isEqualTo("audit.jsonl:4");

    Files.write(live, lines.subList(0, 2));
    CliRun cut = audit("verify", "--dir", data.toString(), "--anchor", head);
    assertThat(cut.exit()).isEqualTo(3);
    assertThat(cut.out()).startsWith("denied audit.anchor-mismatch");
    assertThat(audit("verify", "--dir", data.toString(), "--anchor", "nope").exit()).isEqualTo(2);
  }

  @Test
  void theDirIsTheDataDirectory() throws Exception {
    CliRun missing = audit("verify", "--dir", data.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.stderr()).contains("no audit log");
    appendSome();
    CliRun wrong = audit("tail", "--dir", data.resolve("audit").toString());
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.stderr()).contains("--dir is the data directory").contains("parent");
    assertThat(audit("audit").exit()).isEqualTo(2);
  }
}
