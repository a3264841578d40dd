package dev.hostpolicy.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Guards nested key paths taken from untrusted JSON before a host (or the JavaScript it feeds)
 * walks or merges them: a path containing {@code __proto__}, {@code constructor} or
 * {@code prototype} is rejected whole — never stripped or skipped — so prototype pollution
 * ({@code {"__proto__": {"isAdmin": true}}}, {@code a.constructor.prototype.x}) cannot get
 * through, whichever way the consumer walks the object.
 *
 * <p>The rule, with its reason codes: {@code keypath.empty} for an empty dotted path;
 * {@code keypath.empty-segment} for an empty segment ({@code a..b}, a {@code ""} key);
 * {@code keypath.forbidden-segment} for a segment equal to a forbidden name — also when the name
 * is one dot-separated part of a JSON key ({@code "a.__proto__"}), because such keys are often
 * split later; {@code keypath.too-deep} when the path has more than {@link Builder#maxDepth(int)}
 * segments (32 by default; in a tree, array indexes count as segments). Names compare exactly, as
 * JavaScript compares property names; Jackson has already decoded JSON escapes (a key spelled with
 * an escaped underscore is {@code __proto__} by the time it is checked). The tree walk is iterative, so a deeply nested
 * document cannot overflow the stack.
 *
 * <pre>{@code
 * KeyPathGuard guard = KeyPathGuard.defaults();
 * guard.checkPath("settings.theme.color").allowed();          // true
 * guard.checkPath("settings.__proto__.isAdmin").reason();     // keypath.forbidden-segment
 * guard.checkTree(new ObjectMapper().readTree(body)).requireAllowed();
 * }</pre>
 */
public final class KeyPathGuard {
  /** The names forbidden by default. */
  public static final Set<String> DEFAULT_FORBIDDEN = Set.of("__proto__", "constructor", "prototype");

  private static final KeyPathGuard DEFAULTS = builder().build();

  private final Set<String> forbidden;
  private final int maxDepth;

  private KeyPathGuard(Builder b) {
    this.forbidden = Set.copyOf(b.forbidden);
    this.maxDepth = b.maxDepth;
  }

  /** The default guard: the three prototype names, at most 32 segments. */
  public static KeyPathGuard defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Checks a dotted path such as {@code a.b.c}. */
  public Decision checkPath(String dottedPath) {
    Objects.requireNonNull(dottedPath, "dottedPath");
    if (dottedPath.isEmpty()) {
      return Decision.deny("keypath.empty", "the key path is empty");
    }
    return checkSegments(List.of(dottedPath.split("\\.", -1)));
  }

  /** Checks a path given as its segments. */
  public Decision checkSegments(List<String> segments) {
    Objects.requireNonNull(segments, "segments");
    if (segments.isEmpty()) {
      return Decision.deny("keypath.empty", "the key path is empty");
    }
    if (segments.size() > maxDepth) {
      return Decision.deny("keypath.too-deep", "the key path has more than " + maxDepth + " segments");
    }
    for (int i = 0; i < segments.size(); i++) {
      Decision d = checkSegment(segments.get(i), i);
      if (d.denied()) {
        return d;
      }
    }
    return Decision.allow();
  }

  /** Checks every key of a JSON tree (object field names at every depth) and its nesting depth. */
  public Decision checkTree(JsonNode root) {
    Objects.requireNonNull(root, "root");
    Deque<JsonNode> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(root);
    depths.push(0);
    while (!nodes.isEmpty()) {
      JsonNode node = nodes.pop();
      int depth = depths.pop();
      if (!node.isContainerNode() || node.isEmpty()) {
        continue;
      }
      if (depth >= maxDepth) {
        return Decision.deny("keypath.too-deep", "the document nests deeper than " + maxDepth + " levels");
      }
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          Decision d = checkKey(field.getKey(), depth);
          if (d.denied()) {
            return d;
          }
          nodes.push(field.getValue());
          depths.push(depth + 1);
        }
      } else {
        for (JsonNode element : node) {
          nodes.push(element);
          depths.push(depth + 1);
        }
      }
    }
    return Decision.allow();
  }

  private Decision checkSegment(String segment, int index) {
    Objects.requireNonNull(segment, "segment");
    if (segment.isEmpty()) {
      return Decision.deny("keypath.empty-segment", "segment " + index + " is empty");
    }
    if (forbidden.contains(segment)) {
      return Decision.deny("keypath.forbidden-segment", "segment " + index + " is '" + segment + "'");
    }
    return Decision.allow();
  }

  private Decision checkKey(String key, int depth) {
    Decision d = checkSegment(key, depth);
    if (d.denied() || key.indexOf('.') < 0) {
      return d;
    }
    for (String part : key.split("\\.", -1)) {
      if (forbidden.contains(part)) {
        return Decision.deny("keypath.forbidden-segment", "a key at depth " + depth + " contains '" + part + "'");
      }
    }
    return Decision.allow();
  }

  /**
   * Settings of a {@link KeyPathGuard}.
   *
   * <pre>{@code
   * KeyPathGuard g = KeyPathGuard.builder().maxDepth(8).forbid("__defineGetter__").build();
   * }</pre>
   */
  public static final class Builder {
    private final Set<String> forbidden = new LinkedHashSet<>(DEFAULT_FORBIDDEN);
    private int maxDepth = 32;

    private Builder() {}

    /** Forbids more names (the defaults stay forbidden). */
    public Builder forbid(String... names) {
      for (String n : names) {
        if (n == null || n.isEmpty()) {
          throw new PolicyConfigurationException("keypath.forbid", "a forbidden name must not be empty");
        }
        forbidden.add(n);
      }
      return this;
    }

    /** The most segments a path may have, 1–1000 (default 32). */
    public Builder maxDepth(int depth) {
      if (depth < 1 || depth > 1000) {
        throw new PolicyConfigurationException("keypath.max-depth", "the maximum depth must be 1-1000");
      }
      this.maxDepth = depth;
      return this;
    }

    /** The guard. */
    public KeyPathGuard build() {
      return new KeyPathGuard(this);
    }
  }
}
