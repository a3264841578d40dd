package dev.hostpolicy.testkit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.core.validate.KeyPathGuard;
import dev.hostpolicy.testkit.ValidatorArbitraries;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KeyPathGuardProperties {
  private static final Set<String> FORBIDDEN = Set.of("__proto__", "constructor", "prototype");
  private final KeyPathGuard guard = KeyPathGuard.builder().maxDepth(4).build();

  @Provide
  Arbitrary<JsonNode> trees() {
    return ValidatorArbitraries.jsonTrees();
  }

  @Provide
  Arbitrary<List<String>> paths() {
    return ValidatorArbitraries.keyPathSegments();
  }

  /** The oracle: a recursive walk written from the rule. Returns the set of violations found. */
  private static void violations(JsonNode node, int depth, Set<String> found) {
    if (!node.isContainerNode() || node.isEmpty()) {
      return;
    }
    if (depth >= 4) {
      found.add("keypath.too-deep");
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String k = e.getKey();
        if (k.isEmpty()) {
          found.add("keypath.empty-segment");
        } else if (FORBIDDEN.contains(k) || List.of(k.split("\\.", -1)).stream().anyMatch(FORBIDDEN::contains)) {
          found.add("keypath.forbidden-segment");
        }
        violations(e.getValue(), depth + 1, found);
      }
    } else {
      node.forEach(child -> violations(child, depth + 1, found));
    }
  }

  @Property(tries = 1500)
  void treeDecisionMatchesTheRule(@ForAll("trees") JsonNode tree) throws Exception {
    Set<String> found = new java.util.HashSet<>();
    violations(tree, 0, found);
    Decision d = guard.checkTree(tree);
    if (found.isEmpty()) {
      assertThat(d.allowed()).as("%s", tree).isTrue();
    } else {
      assertThat(found).as("%s -> %s", tree, d).contains(d.reason());
    }
    // the same document parsed from its JSON text decides the same way
    assertThat(guard.checkTree(new ObjectMapper().readTree(tree.toString())).allowed()).isEqualTo(d.allowed());
  }

  @Property(tries = 3000)
  void pathDecisionMatchesTheRule(@ForAll("paths") List<String> segments) {
    Decision d = guard.checkSegments(segments);
    boolean bad = segments.isEmpty() || segments.size() > 4
        || segments.stream().anyMatch(s -> s.isEmpty() || FORBIDDEN.contains(s));
    assertThat(d.denied()).as("%s -> %s", segments, d).isEqualTo(bad);
    if (!segments.isEmpty() && segments.stream().noneMatch(s -> s.contains("."))) {
      assertThat(guard.checkPath(String.join(".", segments)).denied()).isEqualTo(bad);
    }
  }
}
