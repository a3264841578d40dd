package dev.hostpolicy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.Decision;

/** The {@code --json} form of a decision: one object {@code {"allowed":…,"reason":…,"detail":…}} plus extras. */
final class DecisionJson {
  private DecisionJson() {}

  static final ObjectMapper MAPPER = new ObjectMapper();

  static ObjectNode of(Decision d) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("allowed", d.allowed());
    n.put("reason", d.reason());
    n.put("detail", d.detail());
    return n;
  }

  static String write(ObjectNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }

  /** The text form: {@code allowed …} or {@code denied REASON: detail}. */
  static String text(Decision d) {
    if (d.allowed()) {
      return (d.reason().equals(Decision.ALLOWED) ? "allowed" : "allowed " + d.reason()) + (d.detail().isEmpty() ? "" : ": " + d.detail());
    }
    return "denied " + d.reason() + (d.detail().isEmpty() ? "" : ": " + d.detail());
  }
}
