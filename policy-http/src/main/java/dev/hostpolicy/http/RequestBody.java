package dev.hostpolicy.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The raw body of one request, read on demand and never beyond a limit: {@link #readAtMost(long)}
 * reads at most one byte past the limit (a declared {@code Content-Length} over it is refused before
 * anything is read), so a guard can refuse an oversized upload without holding it. What a guard read
 * is kept, so a later guard or the application sees the same bytes ({@link #replay()}).
 *
 * <p>One request is handled by one thread at a time; this class is not meant to be shared across
 * requests.
 *
 * <pre>{@code
 * Optional<byte[]> body = request.body().readAtMost(64 * 1024);
 * if (body.isEmpty()) {
 *   return Outcome.respond(GuardResponse.error(413, "http.body-too-large", request.correlationId()));
 * }
 * }</pre>
 */
public final class RequestBody {

  /** Opens the request's input stream once, when a guard first reads. */
  @FunctionalInterface
  public interface Source {
    /** The stream of the raw body bytes. */
    InputStream open() throws IOException;
  }

  private static final byte[] NONE = new byte[0];

  private final OptionalLong declaredLength;
  private final Source source;
  private InputStream in;
  private byte[] buffered = NONE;
  private boolean exhausted;

  private RequestBody(OptionalLong declaredLength, Source source) {
    this.declaredLength = declaredLength;
    this.source = source;
  }

  /**
   * A body read from {@code source}, with the length the client declared ({@code Content-Length}),
   * if any.
   */
  public static RequestBody of(OptionalLong declaredLength, Source source) {
    Objects.requireNonNull(declaredLength, "declaredLength");
    return new RequestBody(declaredLength, Objects.requireNonNull(source, "source"));
  }

  /** A body already in memory (tests, benchmarks, adapters that buffer). */
  public static RequestBody ofBytes(byte[] bytes) {
    byte[] copy = bytes.clone();
    return new RequestBody(OptionalLong.of(copy.length), () -> new ByteArrayInputStream(copy));
  }

  /** No body. */
  public static RequestBody empty() {
    return ofBytes(NONE);
  }

  /** The length the client declared in {@code Content-Length}, if it sent one. */
  public OptionalLong declaredLength() {
    return declaredLength;
  }

  /**
   * The whole body when it is at most {@code limit} bytes; empty when it is larger (declared larger,
   * or more than {@code limit} bytes arrived — reading stopped one byte past the limit).
   *
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if {@code limit} is negative or above {@code Integer.MAX_VALUE - 8}
   */
  public Optional<byte[]> readAtMost(long limit) throws IOException {
    if (limit < 0 || limit > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a body limit is 0 to " + (Integer.MAX_VALUE - 8) + " bytes");
    }
    if (declaredLength.isPresent() && declaredLength.getAsLong() > limit) {
      return Optional.empty();
    }
    if (!exhausted && buffered.length <= limit) {
      if (in == null) {
        in = Objects.requireNonNull(source.open(), "the body source returned no stream");
      }
      int want = (int) (limit + 1 - buffered.length);
      byte[] more = in.readNBytes(want);
      if (more.length < want) {
        exhausted = true;
      }
      if (more.length > 0) {
        byte[] joined = Arrays.copyOf(buffered, buffered.length + more.length);
        System.arraycopy(more, 0, joined, buffered.length, more.length);
        buffered = joined;
      }
    }
    if (buffered.length > limit) {
      return Optional.empty();
    }
    return Optional.of(buffered.clone());
  }

  /** Whether a guard has started reading the body. */
  public boolean started() {
    return in != null;
  }

  /**
   * The body for whoever reads next (the application): the bytes guards already read, then the rest
   * of the stream. Adapters call this when they forward a request whose body a guard touched.
   *
   * @throws IOException if the stream cannot be opened
   */
  public InputStream replay() throws IOException {
    if (in == null) {
      return Objects.requireNonNull(source.open(), "the body source returned no stream");
    }
    InputStream head = new ByteArrayInputStream(buffered);
    return exhausted ? head : new SequenceInputStream(head, in);
  }

  @Override
  public String toString() {
    return "RequestBody[declared=" + (declaredLength.isPresent() ? declaredLength.getAsLong() : "-") + ", read=" + buffered.length + "]";
  }
}
