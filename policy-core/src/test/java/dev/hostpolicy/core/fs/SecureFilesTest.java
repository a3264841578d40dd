package dev.hostpolicy.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.hostpolicy.api.PolicyViolationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SecureFiles on file systems this machine does not have: ACL-only (Windows-like) and permission-less. */
class SecureFilesTest {

  /**
   * Jimfs, like some real providers, cannot apply an ACL at creation. Setting it afterwards would leave
   * a window in which another user could open the file, so SecureFiles refuses instead — and the
   * refusal proves it asked for the owner-only ACL at creation. (The real Windows provider accepts
   * {@code acl:acl} at creation; this machine has none to test it on.)
   */
  @Test
  void anAclFileSystemThatCannotSetTheAclAtCreationIsRefused() throws IOException {
    Configuration windowsAcl = Configuration.windows().toBuilder().setAttributeViews("basic", "owner", "acl").build();
    try (FileSystem fs = Jimfs.newFileSystem(windowsAcl)) {
      Path dir = Files.createDirectories(fs.getPath("C:\\data"));
      assertThatThrownBy(() -> SecureFiles.writeAtomically(dir.resolve("token"), new byte[] {1}))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("fs.permissions-unsupported")
          .hasMessageContaining("at creation")
          .hasRootCauseMessage("cannot set attribute 'acl:acl' during file creation");
      try (java.util.stream.Stream<Path> left = Files.list(dir)) {
        assertThat(left).as("no file, no temp file").isEmpty();
      }
      assertThatThrownBy(() -> SecureFiles.createPrivateDirectories(dir.resolve("sub")))
          .isInstanceOf(PolicyViolationException.class)
          .hasRootCauseMessage("cannot set attribute 'acl:acl' during file creation");
    }
  }

  @Test
  void onAnAclFileSystemTheCheckDeniesEntriesForOthers() throws IOException {
    Configuration windowsAcl = Configuration.windows().toBuilder().setAttributeViews("basic", "owner", "acl").build();
    try (FileSystem fs = Jimfs.newFileSystem(windowsAcl)) {
      Path file = Files.createFile(fs.getPath("C:\\token"));
      UserPrincipal me = fs.getUserPrincipalLookupService().lookupPrincipalByName("dev");
      Files.setOwner(file, me);
      AclFileAttributeView view = Files.getFileAttributeView(file, AclFileAttributeView.class);
      List<AclEntry> acl = new ArrayList<>();
      acl.add(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(me)
          .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build());
      acl.add(AclEntry.newBuilder().setType(AclEntryType.DENY)
          .setPrincipal(fs.getUserPrincipalLookupService().lookupPrincipalByName("Guests"))
          .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build());
      acl.add(AclEntry.newBuilder().setType(AclEntryType.ALLOW)
          .setPrincipal(fs.getUserPrincipalLookupService().lookupPrincipalByName("Auditors"))
          .setPermissions(EnumSet.of(AclEntryPermission.READ_ACL, AclEntryPermission.SYNCHRONIZE)).build());
      view.setAcl(acl);
      assertThat(SecureFiles.checkPrivate(file).allowed()).as("owner, a DENY entry and metadata-only access").isTrue();
      acl.add(AclEntry.newBuilder().setType(AclEntryType.ALLOW)
          .setPrincipal(fs.getUserPrincipalLookupService().lookupPrincipalByName("Everyone"))
          .setPermissions(EnumSet.of(AclEntryPermission.READ_DATA)).build());
      view.setAcl(acl);
      assertThat(SecureFiles.checkPrivate(file).reason()).isEqualTo("fs.permissions-too-open");
      assertThat(SecureFiles.checkPrivate(file).detail()).contains("Everyone").doesNotContain("Auditors");
    }
  }

  @Test
  void aFileSystemWithoutPermissionsIsRefusedNeverWrittenWorldReadable() throws IOException {
    Configuration bare = Configuration.unix().toBuilder().setAttributeViews("basic").build();
    try (FileSystem fs = Jimfs.newFileSystem(bare)) {
      Path dir = Files.createDirectories(fs.getPath("/data"));
      assertThatThrownBy(() -> SecureFiles.writeAtomically(dir.resolve("token"), new byte[] {1}))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("fs.permissions-unsupported");
      assertThat(Files.exists(dir.resolve("token"))).isFalse();
      assertThatThrownBy(() -> SecureFiles.createPrivateDirectories(fs.getPath("/data/sub")))
          .isInstanceOf(PolicyViolationException.class);
      assertThat(SecureFiles.checkPrivate(dir).reason()).isEqualTo("fs.permissions-unsupported");
    }
  }

  @Test
  void onAnInMemoryPosixFileSystemTheModesAreExact() throws IOException {
    Configuration posix = Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix", "unix").build();
    try (FileSystem fs = Jimfs.newFileSystem(posix)) {
      Path dir = SecureFiles.createPrivateDirectories(fs.getPath("/home/dev/.infloop"));
      Path file = dir.resolve("api-token");
      SecureFiles.writeAtomically(file, new byte[] {1, 2, 3});
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
      assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    }
  }

  @Test
  void targetsThatLookLikeTempFilesOrHaveNoParentAreRejected() {
    assertThatThrownBy(() -> SecureFiles.writeAtomically(Path.of("/tmp/.x.1.AbCdEfGhIjKl.hostpolicy-tmp"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecureFiles.writeAtomically(Path.of("/"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
