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
 * {@code WorkspacePaths} against the reference model on generated trees with inside, outside,
 * dangling, looping and chained links, for reads and writes, on Jimfs in its Unix, OS X
 * (case-insensitive) and Windows (case-insensitive, both separators, drive root) configurations.
 * Every allowed result is also checked against the file system itself (see {@link ModelCheck#safe}).
 */
class WorkspaceResolutionProperties {

  @Provide
  Arbitrary<WorkspaceTree> trees() {
    return PolicyArbitraries.workspaceTrees();
  }

  @Provide
  Arbitrary<List<PathRequest>> requests() {
    return PolicyArbitraries.pathRequests().list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void unixMatchesTheModel(@ForAll("trees") WorkspaceTree tree, @ForAll("requests") List<PathRequest> requests)
      throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      ModelCheck.check(tree, requests, fs.getPath("/"), false, true, "/", "/");
    }
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void caseInsensitiveOsXMatchesTheModel(@ForAll("trees") WorkspaceTree tree, @ForAll("requests") List<PathRequest> requests)
      throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.osX())) {
      ModelCheck.check(tree, requests, fs.getPath("/"), true, true, "/", "/");
    }
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void windowsMatchesTheModel(@ForAll("trees") WorkspaceTree tree, @ForAll("requests") List<PathRequest> requests)
      throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.windows())) {
      ModelCheck.check(tree, requests, fs.getPath("C:\\"), true, true, "\\", "/");
    }
  }

  @AfterContainer
  static void theGeneratorsReachEveryOutcome() {
    // guards against generators that drift into checking nothing interesting
    Assertions.assertThat(ModelCheck.compared).as("requests compared with the model").isGreaterThan(1000);
    for (String mode : List.of("R ", "W ")) {
      for (String outcome : List.of("allowed", "path.outside-workspace", "path.dangling-symlink", "path.symlink-loop",
          "path.not-a-directory")) {
        Assertions.assertThat(ModelCheck.SEEN.getOrDefault(mode + outcome, 0)).as("%s%s seen", mode, outcome).isGreaterThan(5);
      }
    }
    Assertions.assertThat(ModelCheck.SEEN).containsKeys("R path.not-found", "W path.not-a-plain-name", "W path.workspace-root");
  }
}
