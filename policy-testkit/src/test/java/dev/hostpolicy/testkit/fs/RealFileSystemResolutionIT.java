package dev.hostpolicy.testkit.fs;

import dev.hostpolicy.testkit.PathRequest;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.WorkspaceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The model properties on the real file system of the build machine: each generated tree is created
 * in a fresh temp directory (real links, the kernel's symlink count, {@code SecureDirectoryStream}
 * with {@code openat}/{@code renameat}). Requests that climb above the sandbox leave the model's
 * knowledge and are only held to the safety checks.
 */
class RealFileSystemResolutionIT {

  @Provide
  Arbitrary<WorkspaceTree> trees() {
    return PolicyArbitraries.workspaceTrees();
  }

  @Provide
  Arbitrary<List<PathRequest>> requests() {
    return PolicyArbitraries.pathRequests().list().ofMinSize(1).ofMaxSize(10);
  }

  @Property(tries = 120, edgeCases = EdgeCasesMode.NONE)
  void resolutionMatchesTheModel(@ForAll("trees") WorkspaceTree tree, @ForAll("requests") List<PathRequest> requests)
      throws IOException {
    Path sandbox = Files.createTempDirectory("hostpolicy-ws").toRealPath();
    try {
      ModelCheck.check(tree, requests, sandbox, false, false, "/", "/");
    } finally {
      Sandboxes.delete(sandbox);
    }
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void filesDoWhatTheModelSaysAndNeverTouchTheOutside(@ForAll("trees") WorkspaceTree tree,
      @ForAll("requests") List<PathRequest> requests) throws IOException {
    for (PathRequest r : requests.subList(0, Math.min(4, requests.size()))) {
      Path sandbox = Files.createTempDirectory("hostpolicy-ws").toRealPath();
      try {
        FilesCheck.check(tree, r, sandbox, false, false, "/");
      } finally {
        Sandboxes.delete(sandbox);
      }
    }
  }
}
