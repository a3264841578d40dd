package dev.hostpolicy.core.token;

/**
 * A {@link CharSequence} over bytes, one char per byte ({@code b & 0xff}), so secret bytes can be
 * checked against a grammar without copying them into an immutable {@link String}.
 */
final class AsciiView implements CharSequence {
  private final byte[] bytes;
  private final int from;
  private final int to;

  AsciiView(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  private AsciiView(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    this.from = from;
    this.to = to;
  }

  @Override
  public int length() {
    return to - from;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= length()) {
      throw new IndexOutOfBoundsException(index);
    }
    return (char) (bytes[from + index] & 0xff);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    if (start < 0 || end > length() || start > end) {
      throw new IndexOutOfBoundsException();
    }
    return new AsciiView(bytes, from + start, from + end);
  }

  /** Never the bytes: this view may hold a secret. */
  @Override
  public String toString() {
    return dev.hostpolicy.api.Secret.REDACTED;
  }
}
