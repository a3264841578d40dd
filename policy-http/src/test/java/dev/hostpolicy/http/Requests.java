package dev.hostpolicy.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Builds {@link GuardRequest}s for a server on 127.0.0.1:8080, as an adapter would. */
final class Requests {
  static final int PORT = 8080;
  static final InetSocketAddress BOUND = new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT);

  private Requests() {}

  /** {@code target} split at the first {@code ?}; {@code headers} as name, value pairs; Host added unless given. */
  static GuardRequest request(String method, String target, byte[] body, String... headers) {
    RequestHeaders.Builder h = RequestHeaders.builder();
    boolean host = false;
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
      host |= headers[i].equalsIgnoreCase("Host");
    }
    if (!host) {
      h.add("Host", "127.0.0.1:" + PORT);
    }
    int q = target.indexOf('?');
    GuardRequest.Builder b = GuardRequest.builder(method, q < 0 ? target : target.substring(0, q)).headers(h.build())
        .body(RequestBody.ofBytes(body));
    if (q >= 0) {
      b.rawQuery(target.substring(q + 1));
    }
    return b.build();
  }

  static GuardRequest get(String target, String... headers) {
    return request("GET", target, new byte[0], headers);
  }

  static GuardRequest post(String target, String body, String... headers) {
    return request("POST", target, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  static GuardResponse answer(Outcome o) {
    if (o instanceof Outcome.Respond r) {
      return r.response();
    }
    throw new AssertionError("expected an answer, got a forward: " + o);
  }

  static String text(GuardResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }
}
