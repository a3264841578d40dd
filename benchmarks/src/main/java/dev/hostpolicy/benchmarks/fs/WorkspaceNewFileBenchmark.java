package dev.hostpolicy.benchmarks.fs;

import dev.hostpolicy.core.fs.WorkspacePaths;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code resolveForWrite} of a file that does not exist yet ({@code src/main/java/dev/New.java}), the
 * common write. Two anchors: {@code toRealPath} of the same path (which fails, as it must for a new
 * file) and the least a hand-written check does, the parent's real path plus the name. Ours also
 * looks at the leaf ({@code lstat}) to refuse a dangling link there.
 *
 * <pre>{@code
 * benchmarks/run WorkspaceNewFile
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WorkspaceNewFileBenchmark {
  private Path root;
  private WorkspacePaths workspace;

  /** Creates the temp-dir tree. */
  @Setup
  public void setUp() throws IOException {
    root = SourceTree.create();
    workspace = WorkspacePaths.of(root);
  }

  /** Removes it. */
  @TearDown
  public void tearDown() throws IOException {
    SourceTree.delete(root);
  }

  /** Ours: where a write of the new file lands. */
  @Benchmark
  public Path resolveForWrite() {
    return workspace.resolveForWrite(SourceTree.NEW_FILE);
  }

  /** Anchor: {@code toRealPath} of the same (missing) path, which throws. */
  @Benchmark
  public Object anchorToRealPath() throws IOException {
    try {
      return root.resolve(SourceTree.NEW_FILE).toRealPath();
    } catch (NoSuchFileException e) {
      return e;
    }
  }

  /** Anchor: the parent's real path plus the file name. */
  @Benchmark
  public Path anchorParentToRealPath() throws IOException {
    Path candidate = root.resolve(SourceTree.NEW_FILE);
    return candidate.getParent().toRealPath().resolve(candidate.getFileName());
  }
}
