package dev.hostpolicy.process.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hostpolicy.api.PermissionMode;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.env.PassthroughPattern;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.core.permission.ActionKind;
import dev.hostpolicy.core.permission.PermissionPolicy;
import dev.hostpolicy.process.Egress;
import dev.hostpolicy.process.LaunchSpec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A provider manifest: how a host runs one agent CLI or tool — its id, its argv, the extra environment
 * variables it needs ({@code envPassthrough}), the hosts it must reach ({@code egressAllowlist}), the
 * arguments that turn off its own safety prompts ({@code dangerousArgs}, appended only for a run that
 * opts in, then logged and audited) and its permission defaults (which can only tighten the host's).
 *
 * <pre>{@code
 * {
 *   "id": "claude-code",
 *   "argv": ["claude", "--print"],
 *   "envPassthrough": ["ANTHROPIC_API_KEY", "CLAUDE_*"],
 *   "egressAllowlist": ["api.anthropic.com"],
 *   "dangerousArgs": ["--dangerously-skip-permissions"],
 *   "permissions": {"file-read": "auto", "file-edit": "ask", "execute": "deny"}
 * }
 * }</pre>
 *
 * <p>Parsing is strict: unknown fields, duplicate keys, trailing content, a wrong type, a missing
 * {@code id} or {@code argv} and every invalid entry throw {@link PolicyConfigurationException} whose
 * key names the field ({@code argv[0]}, {@code envPassthrough[2]}, {@code permissions.execute}).
 * A manifest is host configuration: load it from where the host keeps its own files, never from a
 * workspace an agent can write.
 *
 * <pre>{@code
 * ProviderManifest m = ProviderManifest.read(Path.of("providers/claude-code.json"));
 * LaunchSpec spec = m.launchSpec(hostPolicy, workspace, ProviderManifest.DangerousArgs.OMIT)
 *     .inject("DEVLOOP_EVENT_URL", eventUrl)
 *     .build();
 * }</pre>
 *
 * @param id the provider id, {@code [a-z0-9][a-z0-9._-]{0,63}}
 * @param argv the command, program first
 * @param envPassthrough passthrough entries (exact names or {@code PREFIX*})
 * @param egressAllowlist egress allow patterns
 * @param dangerousArgs arguments appended only for runs that opt in
 * @param permissions permission defaults per action kind (they can only tighten the host's)
 */
public record ProviderManifest(String id, List<String> argv, List<String> envPassthrough, List<String> egressAllowlist,
    List<String> dangerousArgs, Map<ActionKind, PermissionMode> permissions) {
  private static final System.Logger LOG = System.getLogger(ProviderManifest.class.getName());
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Set<String> FIELDS = Set.of("id", "argv", "envPassthrough", "egressAllowlist", "dangerousArgs", "permissions");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final int MAX_BYTES = 1 << 20;

  /** Whether a run appends the manifest's {@code dangerousArgs}. */
  public enum DangerousArgs {
    /** Leave them out (the safe choice). */
    OMIT,
    /** Append them: the node opted in. Logged at WARNING and audited as {@code run.dangerous-args}. */
    APPEND
  }

  /**
   * Validates every field; see the class documentation.
   *
   * @throws PolicyConfigurationException naming the field at fault
   */
  public ProviderManifest {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw invalid("id", "must be 1-64 characters of [a-z0-9._-], starting with a letter or digit");
    }
    argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
    if (argv.isEmpty()) {
      throw invalid("argv", "must name the program");
    }
    for (int i = 0; i < argv.size(); i++) {
      checkArgument("argv[" + i + "]", argv.get(i), i == 0);
    }
    envPassthrough = List.copyOf(envPassthrough);
    for (int i = 0; i < envPassthrough.size(); i++) {
      try {
        PassthroughPattern.parse(envPassthrough.get(i));
      } catch (IllegalArgumentException e) {
        throw invalid("envPassthrough[" + i + "]", "\"" + SafeText.clean(envPassthrough.get(i), 80) + "\": " + e.getMessage());
      }
    }
    egressAllowlist = List.copyOf(egressAllowlist);
    for (int i = 0; i < egressAllowlist.size(); i++) {
      try {
        EgressPolicy.builder().allow(egressAllowlist.get(i));
      } catch (PolicyConfigurationException e) {
        throw invalid("egressAllowlist[" + i + "]", e.getMessage());
      }
    }
    dangerousArgs = List.copyOf(dangerousArgs);
    for (int i = 0; i < dangerousArgs.size(); i++) {
      checkArgument("dangerousArgs[" + i + "]", dangerousArgs.get(i), true);
    }
    EnumMap<ActionKind, PermissionMode> p = new EnumMap<>(ActionKind.class);
    p.putAll(Objects.requireNonNull(permissions, "permissions"));
    permissions = Collections.unmodifiableMap(p);
  }

  private static void checkArgument(String field, String value, boolean nonEmpty) {
    Objects.requireNonNull(value, field);
    if (value.indexOf('\0') >= 0) {
      throw invalid(field, "a process argument cannot hold NUL");
    }
    if (nonEmpty && value.isEmpty()) {
      throw invalid(field, "must not be empty");
    }
  }

  private static PolicyConfigurationException invalid(String field, String why) {
    return new PolicyConfigurationException(field, why);
  }

  /**
   * Reads a manifest file (at most 1 MiB of UTF-8 JSON).
   *
   * @throws PolicyConfigurationException if it cannot be read or is invalid (the key names the field)
   */
  public static ProviderManifest read(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in);
    } catch (IOException e) {
      throw new PolicyConfigurationException("manifest", "cannot read " + SafeText.clean(file.toString(), 200) + " ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** Parses a manifest from JSON text; see {@link #read(Path)}. */
  public static ProviderManifest parse(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return fromTree(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
  }

  /** Parses a manifest from a stream of UTF-8 JSON (at most 1 MiB); see {@link #read(Path)}. */
  public static ProviderManifest parse(InputStream json) throws IOException {
    byte[] bytes = json.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new PolicyConfigurationException("manifest", "larger than 1 MiB");
    }
    String text;
    try {
      // strictly UTF-8: no encoding detection (a byte pattern that looks like UTF-16/32 is not JSON
      // text here), and a malformed sequence is a configuration error, not an IOException
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PolicyConfigurationException("manifest", "not UTF-8");
    }
    return parse(text.startsWith("\ufeff") ? text.substring(1) : text);
  }

  private static PolicyConfigurationException malformed(JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return new PolicyConfigurationException("manifest", "not valid JSON" + where + " (" + SafeText.clean(e.getOriginalMessage(), 120) + ")");
  }

  private static ProviderManifest fromTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw invalid("manifest", "must be a JSON object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw invalid(SafeText.clean(name, 64), "unknown field; a manifest has " + String.join(", ", List.of(
            "id", "argv", "envPassthrough", "egressAllowlist", "dangerousArgs", "permissions")));
      }
    }
    JsonNode id = root.get("id");
    if (id == null) {
      throw invalid("id", "is required");
    }
    if (root.get("argv") == null) {
      throw invalid("argv", "is required");
    }
    return new ProviderManifest(text(id, "id"), strings(root, "argv"), strings(root, "envPassthrough"),
        strings(root, "egressAllowlist"), strings(root, "dangerousArgs"), permissions(root.get("permissions")));
  }

  private static String text(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw invalid(field, "must be a string");
    }
    return node.textValue();
  }

  private static List<String> strings(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid(field, "must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(text(node.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  private static Map<ActionKind, PermissionMode> permissions(JsonNode node) {
    Map<ActionKind, PermissionMode> out = new EnumMap<>(ActionKind.class);
    if (node == null) {
      return out;
    }
    if (!node.isObject()) {
      throw invalid("permissions", "must be an object of action kind to mode");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = "permissions." + SafeText.clean(e.getKey(), 40);
      ActionKind kind = ActionKind.byWireName(e.getKey()).orElseThrow(() -> invalid(field,
          "unknown action kind; use file-read, file-edit, execute, web-fetch, web-search, mcp-tool or other"));
      try {
        out.put(kind, PermissionMode.parse(text(e.getValue(), field)));
      } catch (IllegalArgumentException ex) {
        throw invalid(field, ex.getMessage());
      }
    }
    return out;
  }

  /** {@link #argv()} followed by {@link #dangerousArgs()} when {@code dangerous} is {@link DangerousArgs#APPEND}. */
  public List<String> command(DangerousArgs dangerous) {
    if (Objects.requireNonNull(dangerous, "dangerous") == DangerousArgs.OMIT || dangerousArgs.isEmpty()) {
      return argv;
    }
    List<String> all = new ArrayList<>(argv);
    all.addAll(dangerousArgs);
    return List.copyOf(all);
  }

  /**
   * A launch of this provider under {@code policy}: the argv, the policy's scrubber plus this
   * manifest's passthrough, egress from the policy plus this manifest's allowlist, the provider id for
   * the audit log and — only with {@link DangerousArgs#APPEND} — the dangerous arguments. Add the
   * working directory, injections and streams, then {@code build()}.
   *
   * @throws PolicyConfigurationException if the policy's rules and this manifest do not combine
   */
  public LaunchSpec.Builder launchSpec(HostPolicy policy, WorkspacePaths workspace, DangerousArgs dangerous) {
    Objects.requireNonNull(policy, "policy");
    LaunchSpec.Builder b = LaunchSpec.builder()
        .argv(argv)
        .workspace(workspace)
        .provider(id)
        .environment(policy.environmentScrubberBuilder().passthrough(envPassthrough).build())
        .egress(Egress.fromPolicy(policy, egressAllowlist));
    if (Objects.requireNonNull(dangerous, "dangerous") == DangerousArgs.APPEND) {
      b.dangerousArgs(dangerousArgs);
    }
    return b;
  }

  /**
   * The host's permissions tightened by this manifest's defaults: a default looser than the host's
   * mode has no effect (and is logged), a stricter one applies.
   */
  public PermissionPolicy permissionPolicy(PermissionPolicy host) {
    Objects.requireNonNull(host, "host");
    permissions.forEach((kind, mode) -> {
      if (host.mode(kind).isStricterThan(mode)) {
        LOG.log(Level.WARNING, "provider {0} asks for {1} on {2}, looser than the host''s {3}; the host''s mode applies",
            id, mode, kind.wireName(), host.mode(kind));
      }
    });
    return host.tightenedBy(permissions);
  }
}
