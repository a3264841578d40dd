package dev.hostpolicy.core.cloudinit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hostpolicy.api.PolicyViolationException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;

/**
 * A cloud-init {@code #cloud-config} document, built from typed parts and written through Jackson's
 * YAML module — never by concatenating YAML.
 *
 * <p>What the written document guarantees: the first line is {@code #cloud-config}; every value
 * that comes from the caller is a double-quoted YAML string, so YAML 1.1 (PyYAML, which cloud-init
 * uses) reads {@code no}, {@code on}, {@code 0755}, {@code 12:30:00}, {@code ~}, {@code null},
 * {@code #x}, {@code &x}, {@code *x} back as those strings; the only non-string scalar is the
 * constant {@code defer: true} of a {@link WriteFile#deferred() deferred} file; the document is
 * pure ASCII (everything else is written as YAML escapes), so no encoding step between host and VM
 * can alter it, and no invisible or bidi character hides in it; {@code runcmd} entries are argv
 * lists, which cloud-init quotes itself — never shell strings.
 *
 * <p>Parts: {@code users} (with {@link Builder#keepDefaultUser()} the image's default user stays
 * first), top-level {@code ssh_authorized_keys} for the default user, {@code write_files},
 * {@code runcmd}. Each part validates its values when it is created (see {@link WriteFile},
 * {@link CloudUser}); the builder rejects an empty argv, an empty program name or a NUL or lone
 * surrogate in an argument ({@code cloudinit.invalid-command}) and two users with the same name
 * ({@code cloudinit.duplicate-user}).
 *
 * <pre>{@code
 * String userData = CloudConfig.builder()
 *     .keepDefaultUser()
 *     .user(CloudUser.named("dev").shell("/bin/bash").sshAuthorizedKeys(devKey))
 *     .writeFile(WriteFile.text("/home/dev/.env", env).owner("dev:dev").permissions("0600").deferred())
 *     .runcmd("git", "clone", "--", repoUrl, "/home/dev/app")
 *     .build()
 *     .toYaml();
 * }</pre>
 */
public final class CloudConfig {
  /** The first line of every document. */
  public static final String HEADER = "#cloud-config\n";

  private static final YAMLMapper YAML = mapper();

  private final boolean keepDefaultUser;
  private final List<CloudUser> users;
  private final List<String> defaultUserKeys;
  private final List<WriteFile> files;
  private final List<List<String>> commands;

  private CloudConfig(Builder b) {
    this.keepDefaultUser = b.keepDefaultUser;
    this.users = List.copyOf(b.users);
    this.defaultUserKeys = List.copyOf(b.defaultUserKeys);
    this.files = List.copyOf(b.files);
    this.commands = b.commands.stream().map(List::copyOf).toList();
  }

  private static YAMLMapper mapper() {
    DumperOptions options = new DumperOptions();
    options.setAllowUnicode(false); // non-ASCII is written as YAML escapes (x, u and U forms)
    options.setSplitLines(false);
    options.setWidth(Integer.MAX_VALUE);
    YAMLFactory factory = YAMLFactory.builder()
        .dumperOptions(options)
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .disable(YAMLGenerator.Feature.SPLIT_LINES)
        .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .disable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
        .build();
    return new YAMLMapper(factory);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The users, in order. */
  public List<CloudUser> users() {
    return users;
  }

  /** The files, in order. */
  public List<WriteFile> files() {
    return files;
  }

  /** The {@code runcmd} argv lists, in order. */
  public List<List<String>> commands() {
    return commands;
  }

  /** The document as a Jackson tree (without the {@code #cloud-config} line). */
  public ObjectNode toTree() {
    ObjectNode root = YAML.createObjectNode();
    if (keepDefaultUser || !users.isEmpty()) {
      ArrayNode list = root.putArray("users");
      if (keepDefaultUser) {
        list.add("default");
      }
      for (CloudUser u : users) {
        ObjectNode n = list.addObject();
        n.put("name", u.name());
        u.gecos().ifPresent(g -> n.put("gecos", g));
        u.shell().ifPresent(s -> n.put("shell", s));
        if (!u.groups().isEmpty()) {
          ArrayNode groups = n.putArray("groups");
          u.groups().forEach(groups::add);
        }
        u.sudo().ifPresent(s -> n.put("sudo", s));
        if (!u.sshAuthorizedKeys().isEmpty()) {
          ArrayNode keys = n.putArray("ssh_authorized_keys");
          u.sshAuthorizedKeys().forEach(keys::add);
        }
      }
    }
    if (!defaultUserKeys.isEmpty()) {
      ArrayNode keys = root.putArray("ssh_authorized_keys");
      defaultUserKeys.forEach(keys::add);
    }
    if (!files.isEmpty()) {
      ArrayNode list = root.putArray("write_files");
      for (WriteFile f : files) {
        ObjectNode n = list.addObject();
        n.put("path", f.path());
        if (f.binary()) {
          n.put("encoding", "b64");
        }
        n.put("content", f.encodedContent());
        f.owner().ifPresent(o -> n.put("owner", o));
        f.permissions().ifPresent(p -> n.put("permissions", p));
        if (f.isDeferred()) {
          n.put("defer", true);
        }
      }
    }
    if (!commands.isEmpty()) {
      ArrayNode list = root.putArray("runcmd");
      for (List<String> argv : commands) {
        ArrayNode a = list.addArray();
        argv.forEach(a::add);
      }
    }
    return root;
  }

  /** The complete user-data document: {@code #cloud-config}, then the YAML. Pure ASCII. */
  public String toYaml() {
    try {
      return HEADER + YAML.writeValueAsString(toTree());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing the cloud-config document failed", e);
    }
  }

  /** A summary; file contents and keys are not shown. */
  @Override
  public String toString() {
    return "CloudConfig[users=" + users.size() + ", files=" + files.size() + ", runcmd=" + commands.size() + "]";
  }

  /**
   * Collects the parts of a {@link CloudConfig}.
   *
   * <pre>{@code
   * CloudConfig c = CloudConfig.builder().runcmd(List.of("touch", "/tmp/ready")).build();
   * }</pre>
   */
  public static final class Builder {
    private boolean keepDefaultUser;
    private final List<CloudUser> users = new ArrayList<>();
    private final Set<String> userNames = new HashSet<>();
    private final List<String> defaultUserKeys = new ArrayList<>();
    private final List<WriteFile> files = new ArrayList<>();
    private final List<List<String>> commands = new ArrayList<>();

    private Builder() {}

    /** Keeps the image's default user (writes {@code default} first in {@code users}). */
    public Builder keepDefaultUser() {
      this.keepDefaultUser = true;
      return this;
    }

    /**
     * Adds a user.
     *
     * @throws PolicyViolationException ({@code cloudinit.duplicate-user}) for a second user of the same name
     */
    public Builder user(CloudUser user) {
      Objects.requireNonNull(user, "user");
      if (!userNames.add(user.name())) {
        throw Checks.violation("duplicate-user", "user '" + user.name() + "' is already defined");
      }
      users.add(user);
      return this;
    }

    /** Authorizes OpenSSH public keys for the image's default user (top-level {@code ssh_authorized_keys}). */
    public Builder sshAuthorizedKey(String key) {
      defaultUserKeys.add(SshKeys.check(key));
      return this;
    }

    /** Adds a file. */
    public Builder writeFile(WriteFile file) {
      files.add(Objects.requireNonNull(file, "file"));
      return this;
    }

    /** Adds a {@code runcmd} entry: a program and its arguments, never a shell string. */
    public Builder runcmd(String program, String... args) {
      List<String> argv = new ArrayList<>(args.length + 1);
      argv.add(program);
      argv.addAll(List.of(args));
      return runcmd(argv);
    }

    /**
     * Adds a {@code runcmd} entry given as an argv list.
     *
     * @throws PolicyViolationException ({@code cloudinit.invalid-command}) for an empty argv, an
     *     empty program, or a NUL or lone surrogate in an argument
     */
    public Builder runcmd(List<String> argv) {
      Objects.requireNonNull(argv, "argv");
      if (argv.isEmpty() || argv.get(0) == null || argv.get(0).isEmpty()) {
        throw Checks.violation("invalid-command", "a command needs a non-empty program name");
      }
      for (int i = 0; i < argv.size(); i++) {
        String arg = Objects.requireNonNull(argv.get(i), "argument");
        if (arg.indexOf('\0') >= 0) {
          throw Checks.violation("invalid-command", "argument " + i + " holds a NUL, which no command line can carry");
        }
        try {
          Checks.text(arg, "argument " + i);
        } catch (PolicyViolationException e) {
          throw Checks.violation("invalid-command", e.decision().detail());
        }
      }
      commands.add(List.copyOf(argv));
      return this;
    }

    /** The document. */
    public CloudConfig build() {
      return new CloudConfig(this);
    }
  }
}
