package dev.hostpolicy.process.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The marker of a run in flight ({@code <data-dir>/active-runs/}): while it exists, a crash of this
 * instance makes the next instance's {@link PidRegistry#recover recovery} report the run as
 * interrupted. {@link #close()} when the run has settled (the host has recorded its outcome).
 *
 * <pre>{@code
 * try (ActiveRun marker = registry.beginRun(runId)) {
 *   RunResult result = launcher.run(spec);
 *   runs.record(runId, result);
 * }
 * }</pre>
 */
public final class ActiveRun implements AutoCloseable {
  private final PidRegistry registry;
  private final String runId;
  private final Instant startedAt;
  private final Path file;
  private final AtomicBoolean closed = new AtomicBoolean();

  ActiveRun(PidRegistry registry, String runId, Instant startedAt, Path file) {
    this.registry = registry;
    this.runId = runId;
    this.startedAt = startedAt;
    this.file = file;
  }

  /** The run. */
  public String runId() {
    return runId;
  }

  /** When the marker was written. */
  public Instant startedAt() {
    return startedAt;
  }

  /** Removes the marker: the run has settled. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        Files.deleteIfExists(file);
        registry.forget(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the active-run marker of " + runId, e);
      }
    }
  }

  Path file() {
    return file;
  }

  @Override
  public String toString() {
    return "ActiveRun[" + runId + "]";
  }
}
