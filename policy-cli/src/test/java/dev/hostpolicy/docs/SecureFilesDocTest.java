package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.fs.SecureFiles;
import dev.hostpolicy.core.token.TokenMint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs/secure-files.md, compiled and run on the real file system. */
class SecureFilesDocTest {

  @Test
  void writeASecret(@TempDir Path home) throws Exception {
    Secret token = TokenMint.mint();
    // snippet: secure-files-write
    Path dataDir = SecureFiles.createPrivateDirectories(home.resolve(".infloop"));  // 0700
    List<Path> leftovers = SecureFiles.cleanStaleTempFiles(dataDir);                // after a crash
    Path tokenFile = dataDir.resolve("api-token");
    SecureFiles.writeAtomically(tokenFile, token);                                  // 0600, atomic

    Decision d = SecureFiles.checkPrivate(dataDir);
    if (d.denied()) {
      throw new PolicyViolationException(d);   // fs.permissions-too-open: ... (want rwx------ (0700))
    }
    // end-snippet
    assertThat(leftovers).isEmpty();
    assertThat(token.matches(Files.readAllBytes(tokenFile))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
  }
}
