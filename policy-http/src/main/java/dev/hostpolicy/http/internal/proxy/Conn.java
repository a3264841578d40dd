package dev.hostpolicy.http.internal.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * A blocking channel (a socket; an in-memory one in tests) with one read buffer: message heads and chunk lines are read from it,
 * bodies are copied through it. Every read and write reports progress to the {@link Exchange}, whose
 * deadline the {@link Watchdog} enforces by closing the channel.
 */
final class Conn {
  private final ByteChannel channel;
  private final Exchange exchange;
  private final byte[] buf;
  private final ByteBuffer view;
  private int start;
  private int end;

  Conn(ByteChannel channel, Exchange exchange, int bufferBytes) {
    this.channel = channel;
    this.exchange = exchange;
    this.buf = new byte[bufferBytes];
    this.view = ByteBuffer.wrap(buf);
  }

  ByteChannel channel() {
    return channel;
  }

  /** Bytes read but not consumed yet. */
  int buffered() {
    return end - start;
  }

  /** Reads more bytes; -1 at end of stream. Compacts when the buffer's tail is full. */
  private int fill() throws IOException {
    if (end == buf.length) {
      if (start == 0) {
        throw new IllegalStateException("buffer full");
      }
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    view.limit(buf.length).position(end);
    int n = channel.read(view);
    if (n > 0) {
      end += n;
      exchange.progress();
    }
    return n;
  }

  /**
   * Reads a message head of at most {@code limit} bytes. Empty lines before a request line are
   * skipped. Returns {@code null} on a clean end of stream before any byte of a head.
   *
   * @throws BadMessage for a bare CR or LF (at once, without waiting for more), or a head over the limit
   * @throws EOFException if the stream ends inside a head
   */
  byte[] readHead(int limit) throws IOException, BadMessage {
    int scan = 0; // offset from start of the next byte to look at
    int lineStart = 0;
    while (true) {
      while (start + scan < end) {
        byte c = buf[start + scan];
        if (c == '\n') {
          if (scan == lineStart || buf[start + scan - 1] != '\r') {
            throw new BadMessage(Reasons.BARE_CR_LF, "an LF not preceded by CR in the header section");
          }
          if (scan - lineStart == 1) {
            if (lineStart == 0) {
              start += scan + 1; // an empty line before the start line (RFC 9112 section 2.2)
              scan = 0;
              continue;
            }
            byte[] head = Arrays.copyOfRange(buf, start, start + scan + 1);
            start += scan + 1;
            return head;
          }
          lineStart = scan + 1;
        } else if (c == '\r') {
          if (start + scan + 1 == end) {
            break; // wait for the next byte before judging this CR
          }
          if (buf[start + scan + 1] != '\n') {
            throw new BadMessage(Reasons.BARE_CR_LF, "a CR not followed by LF in the header section");
          }
        }
        scan++;
        if (scan > limit) {
          throw new BadMessage(Reasons.HEADER_TOO_LARGE, "the header section is longer than " + limit + " bytes");
        }
      }
      if (end - start > limit) {
        throw new BadMessage(Reasons.HEADER_TOO_LARGE, "the header section is longer than " + limit + " bytes");
      }
      int n = fill();
      if (n < 0) {
        if (end == start) {
          return null;
        }
        throw new EOFException("the stream ended inside a message head");
      }
    }
  }

  /**
   * Reads one line ending in CRLF, of at most {@code limit} bytes including the CRLF, and returns it
   * with its CRLF.
   *
   * @throws BadMessage for a bare CR or LF, or a line over the limit
   */
  byte[] readLine(int limit, String what) throws IOException, BadMessage {
    int scan = 0;
    while (true) {
      while (start + scan < end) {
        byte c = buf[start + scan];
        if (c == '\n') {
          if (scan == 0 || buf[start + scan - 1] != '\r') {
            throw new BadMessage(Reasons.BARE_CR_LF, "an LF not preceded by CR in " + what);
          }
          byte[] line = Arrays.copyOfRange(buf, start, start + scan + 1);
          start += scan + 1;
          return line;
        } else if (c == '\r') {
          if (start + scan + 1 == end) {
            break;
          }
          if (buf[start + scan + 1] != '\n') {
            throw new BadMessage(Reasons.BARE_CR_LF, "a CR not followed by LF in " + what);
          }
        }
        scan++;
        if (scan >= limit) {
          throw new BadMessage(Reasons.MALFORMED, what + " is longer than " + limit + " bytes");
        }
      }
      if (fill() < 0) {
        throw new EOFException("the stream ended inside " + what);
      }
    }
  }

  /** Copies exactly {@code n} bytes (buffered first) to {@code to}. */
  void copyTo(Conn to, long n) throws IOException {
    long left = n;
    while (left > 0) {
      if (start == end) {
        start = 0;
        end = 0;
        if (fill() < 0) {
          throw new EOFException("the stream ended " + left + " bytes before the end of the body");
        }
      }
      int chunk = (int) Math.min(left, end - start);
      to.write(buf, start, chunk);
      start += chunk;
      left -= chunk;
    }
  }

  /** Copies everything until end of stream to {@code to}. */
  void copyUntilEof(Conn to) throws IOException {
    while (true) {
      if (start < end) {
        to.write(buf, start, end - start);
      }
      start = 0;
      end = 0;
      if (fill() < 0) {
        return;
      }
    }
  }

  /** Moves the buffered, unconsumed bytes to {@code to} (the start of a tunnel). */
  void drainTo(Conn to) throws IOException {
    if (start < end) {
      to.write(buf, start, end - start);
      start = end;
    }
  }

  /** Moves the buffered, unconsumed bytes to {@code to}. */
  void drainTo(SocketChannel to) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(buf, start, end - start);
    while (b.hasRemaining()) {
      to.write(b);
    }
    start = end;
  }

  /** Reads and drops up to {@code max} bytes, until end of stream. */
  void discard(long max) throws IOException {
    long seen = end - start;
    start = 0;
    end = 0;
    while (seen < max) {
      int n = fill();
      if (n < 0) {
        return;
      }
      seen += n;
      start = 0;
      end = 0;
    }
  }

  /** Writes all of {@code bytes}. */
  void write(byte[] bytes) throws IOException {
    write(bytes, 0, bytes.length);
  }

  void write(byte[] bytes, int off, int len) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes, off, len);
    while (b.hasRemaining()) {
      long at = exchange.now();
      channel.write(b);
      exchange.progress(at);
    }
  }
}
