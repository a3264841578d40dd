package dev.hostpolicy.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Where a pumped output stream of a child goes, chunk by chunk, on the pump's own thread. A sink that
 * throws is abandoned for the rest of the run — the pump keeps draining and discarding, so the child
 * never blocks on a full pipe — and the failure is logged.
 *
 * <pre>{@code
 * OutputSink lines = (bytes, offset, length) -> log.write(bytes, offset, length);
 * LaunchSpec.builder().argv("make").workspace(ws).stdout(ChildOutput.to(lines));
 * }</pre>
 */
@FunctionalInterface
public interface OutputSink {

  /** Receives {@code length} bytes of output starting at {@code offset}; the array is reused afterwards. */
  void write(byte[] bytes, int offset, int length) throws IOException;

  /** Called once when the stream has ended (or the pump gave up on it). Does nothing by default. */
  default void close() throws IOException {}

  /** A sink writing to {@code out} and flushing after each chunk; {@code out} is not closed. */
  static OutputSink to(OutputStream out) {
    Objects.requireNonNull(out, "out");
    return new OutputSink() {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
