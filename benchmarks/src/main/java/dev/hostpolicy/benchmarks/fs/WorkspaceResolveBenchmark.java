package dev.hostpolicy.benchmarks.fs;

import dev.hostpolicy.core.fs.WorkspacePaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code resolveForRead}/{@code resolveForWrite} of an existing file on the real file system, next to
 * the anchor: a bare {@link Path#toRealPath} of the same path (what a hand-written check starts with,
 * before any containment test). {@code plain} is {@code src/main/java/dev/App.java}; {@code symlinked}
 * reaches the same file through a link to its directory.
 *
 * <pre>{@code
 * benchmarks/run WorkspaceResolve
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WorkspaceResolveBenchmark {

  /** Which request. */
  @Param({"plain", "symlinked"})
  public String shape;

  private Path root;
  private WorkspacePaths workspace;
  private String request;

  /** Creates the temp-dir tree. */
  @Setup
  public void setUp() throws IOException {
    root = SourceTree.create();
    workspace = WorkspacePaths.of(root);
    request = shape.equals("plain") ? SourceTree.FILE : SourceTree.VIA_LINK;
  }

  /** Removes it. */
  @TearDown
  public void tearDown() throws IOException {
    SourceTree.delete(root);
  }

  /** Ours: the read check. */
  @Benchmark
  public Path resolveForRead() {
    return workspace.resolveForRead(request);
  }

  /** Ours: the write check of an existing file. */
  @Benchmark
  public Path resolveForWrite() {
    return workspace.resolveForWrite(request);
  }

  /** Anchor: the bare real path of the same request. */
  @Benchmark
  public Path anchorToRealPath() throws IOException {
    return root.resolve(request).toRealPath();
  }
}
