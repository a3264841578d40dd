package dev.hostpolicy.testkit.fs;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.hostpolicy.testkit.PathRequest;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.WorkspaceTree;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.assertj.core.api.Assertions;

/**
 * {@code WorkspaceFiles} reads and writes on generated trees: the outcome is the model's, written bytes
 * land exactly at the model's path, and nothing outside the workspace changes — on Jimfs Unix
 * (descriptor-relative, SecureDirectoryStream) and Windows (open-then-recheck).
 */
class WorkspaceFilesProperties {

  @Provide
  Arbitrary<WorkspaceTree> trees() {
    return PolicyArbitraries.workspaceTrees();
  }

  @Provide
  Arbitrary<List<PathRequest>> requests() {
    return PolicyArbitraries.pathRequests().list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void unixDescriptorRelative(@ForAll("trees") WorkspaceTree tree, @ForAll("requests") List<PathRequest> requests)
      throws IOException {
    for (PathRequest r : requests) {
      try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
        FilesCheck.check(tree, r, fs.getPath("/"), false, true, "/");
      }
    }
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void windowsOpenThenRecheck(@ForAll("trees") WorkspaceTree tree, @ForAll("requests") List<PathRequest> requests)
      throws IOException {
    for (PathRequest r : requests) {
      try (FileSystem fs = Jimfs.newFileSystem(Configuration.windows())) {
        FilesCheck.check(tree, r, fs.getPath("C:\\"), true, true, "\\");
      }
    }
  }

  @AfterContainer
  static void enoughWereCompared() {
    Assertions.assertThat(FilesCheck.writes).isGreaterThan(300);
    Assertions.assertThat(FilesCheck.reads).isGreaterThan(300);
  }
}
