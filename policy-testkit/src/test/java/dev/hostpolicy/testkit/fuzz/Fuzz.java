package dev.hostpolicy.testkit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Decision;
import java.nio.charset.StandardCharsets;

/** Helpers shared by the fuzz targets. */
final class Fuzz {
  private Fuzz() {}

  /** The input as text: UTF-8 (malformed sequences become U+FFFD). */
  static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  /** The input as text, one char per byte (every byte value kept). */
  static String latin1(byte[] data) {
    return new String(data, StandardCharsets.ISO_8859_1);
  }

  /** A decision is typed: non-null, with a stable reason code. */
  static Decision typed(Decision d) {
    assertThat(d).isNotNull();
    assertThat(Decision.isValidReasonCode(d.reason()) || d.reason().equals(Decision.ALLOWED)).as(d.reason()).isTrue();
    return d;
  }

  /** A typed exception carries a message (it is what an operator or client sees). */
  static void typed(RuntimeException e) {
    assertThat(e.getMessage()).isNotNull();
  }
}
