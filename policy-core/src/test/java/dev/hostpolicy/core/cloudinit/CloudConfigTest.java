package dev.hostpolicy.core.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyViolationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class CloudConfigTest {
  static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB2dWAdX+0Sn97CEw4j5AANI/7zme6HIh4t9JZ8guS3v dev@laptop";
  static final String ECDSA = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOOEJ8UZvAx+wvYAFlpnNO1FML/"
      + "wScO7aUzleTRmL1dDeq2/gEqmdTFPyig6H30OmsAz94KY8QeBqVhfziUD6NY= ci";

  /** SnakeYAML with its YAML 1.1 resolver and SafeConstructor, as PyYAML's safe_load reads it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> load(String yaml) {
    return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCompleteDocument() {
    byte[] binary = {0, (byte) 0xff, 10, 13};
    String yaml = CloudConfig.builder()
        .keepDefaultUser()
        .user(CloudUser.named("dev").gecos("Dev Box").shell("/bin/bash").groups("docker", "sudo")
            .sudo("ALL=(ALL) NOPASSWD:ALL").sshAuthorizedKeys(ED25519, ECDSA))
        .sshAuthorizedKey(ED25519)
        .writeFile(WriteFile.text("/etc/app/config", "no\non: 0755\n").owner("dev:dev").permissions("600").deferred())
        .writeFile(WriteFile.binary("/opt/blob.bin", binary))
        .runcmd("systemctl", "enable", "--now", "app")
        .runcmd(List.of("sh", "-c", "echo $HOME; rm -rf /tmp/x"))
        .build()
        .toYaml();
    assertThat(yaml).startsWith("#cloud-config\n");
    assertThat(yaml.chars().allMatch(c -> c < 128)).isTrue();
    Map<String, Object> doc = load(yaml);
    List<Object> users = (List<Object>) doc.get("users");
    assertThat(users.get(0)).isEqualTo("default");
    assertThat(users.get(1)).isEqualTo(Map.of("name", "dev", "gecos", "Dev Box", "shell", "/bin/bash",
        "groups", List.of("docker", "sudo"), "sudo", "ALL=(ALL) NOPASSWD:ALL", "ssh_authorized_keys", List.of(ED25519, ECDSA)));
    assertThat(doc.get("ssh_authorized_keys")).isEqualTo(List.of(ED25519));
    List<Map<String, Object>> files = (List<Map<String, Object>>) doc.get("write_files");
    assertThat(files.get(0)).isEqualTo(Map.of("path", "/etc/app/config", "content", "no\non: 0755\n", "owner", "dev:dev",
        "permissions", "0600", "defer", true));
    assertThat(files.get(1)).isEqualTo(Map.of("path", "/opt/blob.bin", "encoding", "b64",
        "content", Base64.getEncoder().encodeToString(binary)));
    assertThat(doc.get("runcmd")).isEqualTo(List.of(List.of("systemctl", "enable", "--now", "app"),
        List.of("sh", "-c", "echo $HOME; rm -rf /tmp/x")));
    assertThat(doc.keySet()).containsExactly("users", "ssh_authorized_keys", "write_files", "runcmd");
  }

  @Test
  void permissionsAreQuotedFourDigitStrings() {
    String yaml = CloudConfig.builder().writeFile(WriteFile.text("/x", "").permissions("0755")).build().toYaml();
    assertThat(yaml).contains("permissions: \"0755\"");
    assertThat(WriteFile.text("/x", "").permissions("4755").permissions()).contains("4755");
  }

  @Test
  void nonAsciiAndInvisibleCharactersAreEscapesInTheDocument() {
    String content = "caf\u00e9 \ud83d\ude00 \u202e \ufeff \u2028 \u0085 \u0000";
    String yaml = CloudConfig.builder().writeFile(WriteFile.text("/caf\u00e9", content)).build().toYaml();
    assertThat(yaml.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n')).isTrue();
    assertThat(load(yaml).toString()).contains(content);
    assertThat(yaml.getBytes(StandardCharsets.UTF_8)).hasSize(yaml.length());
  }

  @Test
  void emptyDocumentIsAnEmptyMap() {
    String yaml = CloudConfig.builder().build().toYaml();
    assertThat(yaml).startsWith("#cloud-config\n");
    assertThat(load(yaml)).isEmpty();
  }

  private static void denied(ThrowingCallable call, String reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(PolicyViolationException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void pathRules() {
    for (String p : new String[] {"", "/", "relative", "/a/../b", "/a/./b", "/a//b", "/a/", "/a\nb", "/a\u0000", "/a\u0085",
        "/a\u2028b", "/" + "a".repeat(4096)}) {
      denied(() -> WriteFile.text(p, "x"), "cloudinit.invalid-path");
    }
    assertThat(WriteFile.text("/etc/my app/caf\u00e9.conf", "x").path()).isEqualTo("/etc/my app/caf\u00e9.conf");
  }

  @Test
  void valueRules() {
    denied(() -> WriteFile.text("/x", "a\ud800"), "cloudinit.invalid-text");
    denied(() -> WriteFile.text("/x", "").owner("Root"), "cloudinit.invalid-owner");
    denied(() -> WriteFile.text("/x", "").owner("root:"), "cloudinit.invalid-owner");
    denied(() -> WriteFile.text("/x", "").owner("root:root:x"), "cloudinit.invalid-owner");
    denied(() -> WriteFile.text("/x", "").owner("$(id)"), "cloudinit.invalid-owner");
    for (String mode : new String[] {"", "0", "60", "0800", "00600", "rw", "0x1ff", "+600", "0600 "}) {
      denied(() -> WriteFile.text("/x", "").permissions(mode), "cloudinit.invalid-permissions");
    }
    denied(() -> CloudUser.named("default"), "cloudinit.invalid-username");
    denied(() -> CloudUser.named("Dev"), "cloudinit.invalid-username");
    denied(() -> CloudUser.named("-dev"), "cloudinit.invalid-username");
    denied(() -> CloudUser.named("a".repeat(33)), "cloudinit.invalid-username");
    denied(() -> CloudUser.named("dev").groups("sudo,root"), "cloudinit.invalid-group");
    denied(() -> CloudUser.named("dev").shell("bash"), "cloudinit.invalid-shell");
    denied(() -> CloudUser.named("dev").shell("/bin/sh -c id"), "cloudinit.invalid-shell");
    denied(() -> CloudUser.named("dev").sudo("ALL=(ALL) ALL\nevil ALL=(ALL) NOPASSWD:ALL"), "cloudinit.invalid-sudo-rule");
    denied(() -> CloudUser.named("dev").sudo("ALL=(ALL) ALL \\"), "cloudinit.invalid-sudo-rule");
    denied(() -> CloudUser.named("dev").sudo(" "), "cloudinit.invalid-sudo-rule");
    denied(() -> CloudUser.named("dev").gecos("a:b"), "cloudinit.invalid-gecos");
    denied(() -> CloudUser.named("dev").gecos("a\nroot::0:0::/:/bin/sh"), "cloudinit.invalid-gecos");
  }

  @Test
  void sshKeyRules() {
    String blob = ED25519.split(" ")[1];
    for (String key : new String[] {"", "ssh-ed25519", "ssh-ed25519 " + blob + "\nssh-ed25519 " + blob + " evil",
        "command=\"id\" " + ED25519, "ssh-dss " + blob, "ssh-rsa " + blob, "ssh-ed25519 not-base64!", "ssh-ed25519 AAAA",
        "ssh-ed25519  " + blob, "ssh-ed25519 " + blob + " c\u0000", "ssh-ed25519 " + blob + " c\r"}) {
      denied(() -> CloudUser.named("dev").sshAuthorizedKeys(key), "cloudinit.invalid-ssh-key");
      denied(() -> CloudConfig.builder().sshAuthorizedKey(key), "cloudinit.invalid-ssh-key");
    }
    assertThat(CloudUser.named("dev").sshAuthorizedKeys("ssh-ed25519 " + blob).sshAuthorizedKeys()).hasSize(1);
  }

  @Test
  void commandRules() {
    denied(() -> CloudConfig.builder().runcmd(List.of()), "cloudinit.invalid-command");
    denied(() -> CloudConfig.builder().runcmd("", "x"), "cloudinit.invalid-command");
    denied(() -> CloudConfig.builder().runcmd("echo", "a\u0000b"), "cloudinit.invalid-command");
    denied(() -> CloudConfig.builder().runcmd("echo", "\udc00"), "cloudinit.invalid-command");
    denied(() -> CloudConfig.builder().user(CloudUser.named("a")).user(CloudUser.named("a")), "cloudinit.duplicate-user");
  }

  @Test
  void toStringNeverShowsContent() {
    CloudConfig c = CloudConfig.builder().writeFile(WriteFile.text("/etc/secret", "TOKEN=abc123")).build();
    assertThat(c.toString()).doesNotContain("abc123");
    assertThat(c.files().get(0).toString()).doesNotContain("abc123").contains("/etc/secret");
  }
}
