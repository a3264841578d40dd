package dev.hostpolicy.http.internal.proxy;

/** How a message body is delimited (RFC 9112 section 6). */
enum Framing {
  /** No body. */
  NONE,
  /** Exactly Content-Length bytes. */
  LENGTH,
  /** The chunked transfer coding. */
  CHUNKED,
  /** Until the sender closes the connection (responses only). */
  UNTIL_CLOSE
}
