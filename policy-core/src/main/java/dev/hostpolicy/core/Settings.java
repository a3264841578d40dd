package dev.hostpolicy.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.PolicyConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where operator settings come from: the environment ({@code <NS>_<KEY>}), system properties
 * ({@code <ns>.<key>}, lower case), a JSON settings file (keys without namespace, unknown keys
 * rejected), or several of these layered (a later layer wins). Values are only read here; they are
 * parsed and validated by {@link HostPolicy.Builder#build()}, which fails naming the key of any
 * malformed value.
 *
 * <pre>{@code
 * Settings settings = Settings.fromJsonFile(Path.of("/etc/acme/hostpolicy.json"))
 *     .overriddenBy(Settings.fromEnvironment());
 * HostPolicy policy = HostPolicy.builder().profile("minimal").namespace("ACME")
 *     .settings(settings).build();
 * }</pre>
 */
public final class Settings {

  /** A raw value and a description of where it was read, e.g. {@code environment}. */
  record Raw(String name, String value, String origin) {}

  private interface Layer {
    Optional<Raw> lookup(String namespace, OperatorSetting<?> setting);
  }

  private static final Settings EMPTY = new Settings(List.of());

  private final List<Layer> layers;

  private Settings(List<Layer> layers) {
    this.layers = List.copyOf(layers);
  }

  /** No settings at all; every rule keeps its profile value. */
  public static Settings empty() {
    return EMPTY;
  }

  /** A snapshot of the process environment. */
  public static Settings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** A snapshot of {@code environment}, read as {@code <NS>_<KEY>}. */
  public static Settings fromEnvironment(Map<String, String> environment) {
    Map<String, String> copy = Map.copyOf(environment);
    return new Settings(
        List.of(
            (ns, s) -> {
              String name = s.environmentName(ns);
              String v = copy.get(name);
              return v == null ? Optional.empty() : Optional.of(new Raw(name, v, "environment"));
            }));
  }

  /** A snapshot of the system properties, read as {@code <ns>.<key>} in lower case. */
  public static Settings fromSystemProperties() {
    return fromProperties(System.getProperties());
  }

  /** A snapshot of {@code properties}, read as {@code <ns>.<key>} in lower case. */
  public static Settings fromProperties(Properties properties) {
    Map<String, String> copy = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      copy.put(name, properties.getProperty(name));
    }
    return new Settings(
        List.of(
            (ns, s) -> {
              String name = s.propertyName(ns);
              String v = copy.get(name);
              return v == null ? Optional.empty() : Optional.of(new Raw(name, v, "system property"));
            }));
  }

  /**
   * Reads a JSON object whose keys are setting names without namespace ({@code "LOGIN_RATE_LIMIT":
   * "10/min"}). Values may be strings, booleans, numbers, or arrays of strings (joined with commas,
   * for {@code CHILD_ENV_PASSTHROUGH}). Duplicate and unknown keys are errors.
   *
   * @throws PolicyConfigurationException if the file cannot be read, is not such an object, or has
   *     an unknown key
   */
  public static Settings fromJsonFile(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return fromJson(in, file.toString());
    } catch (IOException e) {
      throw new PolicyConfigurationException(file.toString(), "cannot read settings file", e);
    }
  }

  /** Like {@link #fromJsonFile(Path)}, from a stream; {@code origin} names it in errors. */
  public static Settings fromJson(InputStream json, String origin) {
    ObjectMapper mapper =
        new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PolicyConfigurationException(origin, "settings file is not valid JSON (line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
    } catch (IOException e) {
      throw new PolicyConfigurationException(origin, "cannot read settings", e);
    }
    if (root == null || !root.isObject()) {
      throw new PolicyConfigurationException(origin, "settings file must hold one JSON object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      String key = field.getKey();
      OperatorSetting<?> setting =
          OperatorSettings.byName(key)
              .orElseThrow(
                  () -> new PolicyConfigurationException(
                      key, "unknown setting in " + origin + "; known settings: " + knownNames()));
      values.put(setting.name(), textOf(field.getValue(), key, origin));
    }
    Map<String, String> copy = Map.copyOf(values);
    String where = "settings file " + origin;
    return new Settings(
        List.of(
            (ns, s) -> {
              String v = copy.get(s.name());
              return v == null ? Optional.empty() : Optional.of(new Raw(s.name(), v, where));
            }));
  }

  private static String textOf(JsonNode node, String key, String origin) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean() || node.isIntegralNumber()) {
      return node.asText();
    }
    if (node.isNumber()) {
      // a literal beyond the double range (1e400) reads as Infinity, which has no decimal form
      if (!Double.isFinite(node.doubleValue())) {
        throw new PolicyConfigurationException(key, "number out of range in " + origin);
      }
      return node.decimalValue().toPlainString();
    }
    if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode element : node) {
        if (!element.isTextual()) {
          throw new PolicyConfigurationException(key, "array elements must be strings in " + origin);
        }
        parts.add(element.textValue());
      }
      return String.join(",", parts);
    }
    throw new PolicyConfigurationException(
        key, "value must be a string, boolean, number or array of strings in " + origin);
  }

  private static String knownNames() {
    StringBuilder sb = new StringBuilder();
    for (OperatorSetting<?> s : OperatorSettings.all()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(s.name());
    }
    return sb.toString();
  }

  /** These settings with {@code other} layered on top: where both have a key, {@code other} wins. */
  public Settings overriddenBy(Settings other) {
    List<Layer> all = new ArrayList<>(layers);
    all.addAll(other.layers);
    return new Settings(all);
  }

  /** The value of {@code setting} for {@code namespace} from the topmost layer that has one. */
  Optional<Raw> lookup(String namespace, OperatorSetting<?> setting) {
    for (int i = layers.size() - 1; i >= 0; i--) {
      Optional<Raw> raw = layers.get(i).lookup(namespace, setting);
      if (raw.isPresent()) {
        return raw;
      }
    }
    return Optional.empty();
  }

  /** Whether no layer was given. */
  boolean isEmpty() {
    return layers.isEmpty();
  }

  @Override
  public String toString() {
    return "Settings[" + layers.size() + " layer(s)]";
  }
}
