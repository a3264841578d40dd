package dev.hostpolicy.testkit.cloudinit;

import dev.hostpolicy.core.cloudinit.CloudConfig;
import dev.hostpolicy.core.cloudinit.CloudUser;
import dev.hostpolicy.core.cloudinit.WriteFile;
import dev.hostpolicy.testkit.TextArbitraries;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A generated cloud-config: hostile values in every field that takes free text, valid values
 * where the builder enforces a grammar. {@link #build()} makes the document through the builder;
 * {@link #expected()} writes down, independently, the tree cloud-init must read from it.
 */
record CloudConfigSpec(List<FileSpec> files, List<List<String>> commands, List<UserSpec> users) {

  static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB2dWAdX+0Sn97CEw4j5AANI/7zme6HIh4t9JZ8guS3v";

  record FileSpec(String path, String text, byte[] binary, String owner, String permissions, boolean defer) {}

  record UserSpec(String name, String gecos, String sudo, List<String> groups, String keyComment) {}

  private static final List<String> NAMES = List.of("root", "dev", "app_1", "_svc", "www-data", "a", "user$");

  private static boolean control(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
  }

  private static Arbitrary<String> line() {
    return TextArbitraries.hostileText().map(s -> s.codePoints().filter(c -> !control(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
  }

  private static Arbitrary<String> path() {
    Arbitrary<String> segment = line().map(s -> s.replace("/", "")).filter(s -> !s.isEmpty() && !s.equals(".") && !s.equals(".."));
    return segment.list().ofMinSize(1).ofMaxSize(4).map(l -> "/" + String.join("/", l)).filter(p -> p.length() <= 4096);
  }

  private static Arbitrary<FileSpec> file() {
    Arbitrary<String> owner = Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(NAMES).injectNull(0.5))
        .as((u, g) -> g == null ? u : u + ":" + g).injectNull(0.3);
    Arbitrary<String> mode = Arbitraries.strings().withCharRange('0', '7').ofMinLength(3).ofMaxLength(4).injectNull(0.3);
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    Arbitrary<Boolean> binary = Arbitraries.of(true, false);
    return Combinators.combine(path(), TextArbitraries.hostileText(), bytes, binary, owner, mode, Arbitraries.of(true, false))
        .as((p, t, b, isBinary, o, m, d) -> new FileSpec(p, isBinary ? null : t, isBinary ? b : null, o, m, d));
  }

  private static Arbitrary<UserSpec> user() {
    Arbitrary<String> gecos = line().map(s -> s.replace(":", "")).injectNull(0.3);
    Arbitrary<String> sudo = line().map(s -> s.replace("\\", "")).filter(s -> !s.isBlank()).injectNull(0.3);
    Arbitrary<String> comment = line().map(s -> s.strip()).injectNull(0.3);
    return Combinators.combine(Arbitraries.of("dev", "ops", "ci_bot", "u1"), gecos, sudo,
        Arbitraries.of(NAMES).list().ofMaxSize(3), comment).as(UserSpec::new);
  }

  static Arbitrary<CloudConfigSpec> specs() {
    Arbitrary<List<String>> argv = TextArbitraries.hostileTextWithoutNul().list().ofMinSize(1).ofMaxSize(5)
        .filter(l -> !l.get(0).isEmpty());
    return Combinators.combine(file().list().ofMaxSize(4), argv.list().ofMaxSize(4),
        user().list().ofMaxSize(3).uniqueElements(UserSpec::name)).as(CloudConfigSpec::new);
  }

  private static String key(UserSpec u) {
    return u.keyComment() == null || u.keyComment().isEmpty() ? ED25519 : ED25519 + " " + u.keyComment();
  }

  CloudConfig build() {
    CloudConfig.Builder b = CloudConfig.builder();
    for (UserSpec u : users) {
      CloudUser cu = CloudUser.named(u.name()).groups(u.groups().toArray(String[]::new)).sshAuthorizedKeys(key(u));
      if (u.gecos() != null) {
        cu = cu.gecos(u.gecos());
      }
      if (u.sudo() != null) {
        cu = cu.sudo(u.sudo());
      }
      b.user(cu);
    }
    for (FileSpec f : files) {
      WriteFile w = f.binary() != null ? WriteFile.binary(f.path(), f.binary()) : WriteFile.text(f.path(), f.text());
      if (f.owner() != null) {
        w = w.owner(f.owner());
      }
      if (f.permissions() != null) {
        w = w.permissions(f.permissions());
      }
      if (f.defer()) {
        w = w.deferred();
      }
      b.writeFile(w);
    }
    commands.forEach(b::runcmd);
    return b.build();
  }

  /** The tree the document must load as (key order as written). */
  Map<String, Object> expected() {
    Map<String, Object> root = new LinkedHashMap<>();
    if (!users.isEmpty()) {
      List<Object> list = new ArrayList<>();
      for (UserSpec u : users) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        if (u.gecos() != null) {
          m.put("gecos", u.gecos());
        }
        if (!u.groups().isEmpty()) {
          m.put("groups", u.groups());
        }
        if (u.sudo() != null) {
          m.put("sudo", u.sudo());
        }
        m.put("ssh_authorized_keys", List.of(key(u)));
        list.add(m);
      }
      root.put("users", list);
    }
    if (!files.isEmpty()) {
      List<Object> list = new ArrayList<>();
      for (FileSpec f : files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", f.path());
        if (f.binary() != null) {
          m.put("encoding", "b64");
          m.put("content", Base64.getEncoder().encodeToString(f.binary()));
        } else {
          m.put("content", f.text());
        }
        if (f.owner() != null) {
          m.put("owner", f.owner());
        }
        if (f.permissions() != null) {
          m.put("permissions", f.permissions().length() == 3 ? "0" + f.permissions() : f.permissions());
        }
        if (f.defer()) {
          m.put("defer", true);
        }
        list.add(m);
      }
      root.put("write_files", list);
    }
    if (!commands.isEmpty()) {
      root.put("runcmd", commands);
    }
    return root;
  }
}
