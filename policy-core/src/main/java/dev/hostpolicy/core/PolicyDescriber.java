package dev.hostpolicy.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.PolicyKey;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders a frozen policy as the JSON of {@link HostPolicy#describe()}; never a secret value. */
final class PolicyDescriber {
  private PolicyDescriber() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static String describe(HostPolicy policy) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode profile = root.putObject("profile");
    profile.put("id", policy.profileId());
    profile.put("description", policy.profileDescription());
    root.put("namespace", policy.namespace().orElse(null));
    root.put("dataDir", policy.dataDir().map(Object::toString).orElse(null));
    ArrayNode trusted = root.putArray("trusted");
    policy.trustedContributors().forEach(trusted::add);

    ObjectNode rules = root.putObject("rules");
    for (PolicyKey<?> key : policy.keys()) {
      ObjectNode rule = rules.putObject(key.id());
      rule.put("kind", key.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      rule.put("description", key.description());
      putValue(rule, "value", policy.get(key));
      rule.put("source", policy.source(key).toString());
      if (DraftState.isSet(key)) {
        ArrayNode entries = rule.putArray("entries");
        for (Map.Entry<String, RuleSource> e : policy.entrySources(key).entrySet()) {
          ObjectNode entry = entries.addObject();
          entry.put("value", e.getKey());
          entry.put("source", e.getValue().toString());
        }
      }
    }

    ObjectNode discovery = root.putObject("discovery");
    records(discovery.putArray("profiles"), policy.discovery().profiles());
    records(discovery.putArray("contributors"), policy.discovery().contributors());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the policy description", e);
    }
  }

  private static void records(ArrayNode out, Iterable<ProviderRecord> records) {
    for (ProviderRecord r : records) {
      ObjectNode n = out.addObject();
      n.put("id", r.id());
      n.put("class", r.className());
      n.put("location", r.location());
      n.put("priority", r.priority());
      n.put("status", r.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      if (!r.detail().isEmpty()) {
        n.put("detail", r.detail());
      }
    }
  }

  private static void putValue(ObjectNode node, String field, Object value) {
    if (value instanceof Optional) {
      Optional<?> o = (Optional<?>) value;
      if (o.isEmpty()) {
        node.putNull(field);
      } else {
        putValue(node, field, o.get());
      }
    } else if (value instanceof Secret) {
      node.put(field, Secret.REDACTED);
    } else if (value instanceof Boolean) {
      node.put(field, (Boolean) value);
    } else if (value instanceof Long) {
      node.put(field, (Long) value);
    } else if (value instanceof BigDecimal) {
      node.put(field, ((BigDecimal) value).toPlainString());
    } else if (value instanceof Collection) {
      ArrayNode array = node.putArray(field);
      for (Object element : (Collection<?>) value) {
        array.add(element instanceof Secret ? Secret.REDACTED : String.valueOf(element));
      }
    } else {
      node.put(field, String.valueOf(value));
    }
  }
}
