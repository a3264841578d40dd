package dev.hostpolicy.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SecureFiles on the real (POSIX) file system, with real child JVMs, a real umask and real SIGKILLs. */
class SecureFilesIT {

  @TempDir Path tmp;

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aWrittenFileIsOwnerOnlyAndHoldsExactlyTheBytes() throws IOException {
    Path file = tmp.resolve("api-token");
    SecureFiles.writeAtomically(file, "first".getBytes(StandardCharsets.UTF_8));
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("first");
    SecureFiles.writeAtomically(file, Secret.fromUtf8("second-value"));
    assertThat(Files.readString(file)).isEqualTo("second-value");
    assertThat(mode(file)).isEqualTo("rw-------");
    SecureFiles.writeAtomically(file, new byte[0]);
    assertThat(Files.size(file)).isZero();
    assertThat(tempFiles(tmp)).isEmpty();
    assertThat(SecureFiles.checkPrivate(file)).isEqualTo(Decision.allow());
  }

  @Test
  void aPreExistingLooserFileEndsOwnerOnly() throws IOException {
    Path file = tmp.resolve("secret");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(SecureFiles.checkPrivate(file).reason()).isEqualTo("fs.permissions-too-open");
    assertThat(SecureFiles.checkPrivate(file).detail()).contains("group-read").contains("others-read").contains("0600");
    SecureFiles.writeAtomically(file, "new".getBytes(StandardCharsets.UTF_8));
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("new");
  }

  @Test
  void aSymlinkTargetIsReplacedNotFollowed() throws IOException {
    Path elsewhere = tmp.resolve("elsewhere");
    Files.writeString(elsewhere, "untouched");
    Path link = tmp.resolve("token");
    Files.createSymbolicLink(link, elsewhere);
    assertThat(SecureFiles.checkPrivate(link).reason()).isEqualTo("fs.symlink");
    SecureFiles.writeAtomically(link, "secret".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(Files.readString(link)).isEqualTo("secret");
    assertThat(Files.readString(elsewhere)).isEqualTo("untouched");
  }

  @Test
  void dataDirectoriesAreCreatedOwnerOnly() throws IOException {
    Path dir = SecureFiles.createPrivateDirectories(tmp.resolve("a/b/c"));
    for (Path p : List.of(tmp.resolve("a"), tmp.resolve("a/b"), dir)) {
      assertThat(mode(p)).as(p.toString()).isEqualTo("rwx------");
    }
    assertThat(SecureFiles.checkPrivate(dir)).isEqualTo(Decision.allow());
    assertThat(SecureFiles.createPrivateDirectories(dir)).isEqualTo(dir);
  }

  @Test
  void theCheckDeniesGroupOrWorldAccess() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("data"));
    for (String perms : new String[] {"rwxr-x---", "rwx---r-x", "rwx-w----", "rwx-----x", "rwxr-xr-x"}) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(perms));
      Decision d = SecureFiles.checkPrivate(dir);
      assertThat(d.reason()).as(perms).isEqualTo("fs.permissions-too-open");
      assertThat(d.detail()).contains("0700");
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    assertThat(SecureFiles.checkPrivate(dir).allowed()).isTrue();
    assertThat(SecureFiles.checkPrivate(tmp.resolve("missing")).reason()).isEqualTo("fs.missing");
  }

  @Test
  void aDirectoryOthersCanWriteIsRefused() throws IOException {
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> SecureFiles.writeAtomically(shared.resolve("t"), new byte[] {1}))
        .isInstanceOf(PolicyViolationException.class)
        .satisfies(e -> assertThat(((PolicyViolationException) e).reason()).isEqualTo("fs.permissions-too-open"));
    assertThat(Files.exists(shared.resolve("t"))).isFalse();
  }

  @Test
  void aFailedWriteLeavesTheTargetAndNoTempFile() throws IOException {
    Path dir = tmp.resolve("target-is-a-dir");
    Files.createDirectory(dir);
    Files.writeString(dir.resolve("inside"), "x");
    assertThatThrownBy(() -> SecureFiles.writeAtomically(dir, new byte[] {1})).isInstanceOf(IOException.class);
    assertThat(Files.isDirectory(dir)).isTrue();
    assertThat(tempFiles(tmp)).isEmpty();
    assertThatThrownBy(() -> SecureFiles.writeAtomically(tmp.resolve("no/such/dir/f"), new byte[] {1})).isInstanceOf(IOException.class);
  }

  @Test
  void staleTempFilesOfDeadWritersAreRemovedAndLiveOnesKept() throws Exception {
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    long deadPid = exited.pid();
    long livePid = ProcessHandle.current().parent().orElseThrow().pid();
    Path stale = tmp.resolve(".api-token." + deadPid + ".AbCdEfGhIjKl" + SecureFiles.TEMP_SUFFIX);
    Path live = tmp.resolve(".api-token." + livePid + ".ZyXwVuTsRqPo" + SecureFiles.TEMP_SUFFIX);
    Path ownLeftover = tmp.resolve(".other." + ProcessHandle.current().pid() + ".000000000000" + SecureFiles.TEMP_SUFFIX);
    for (Path p : List.of(stale, live, ownLeftover)) {
      Files.writeString(p, "partial");
      assertThat(SecureFiles.isTempFileName(p.getFileName().toString())).isTrue();
    }
    // the next write of api-token removes its own stale temp file only
    SecureFiles.writeAtomically(tmp.resolve("api-token"), "v".getBytes(StandardCharsets.UTF_8));
    assertThat(stale).doesNotExist();
    assertThat(ownLeftover).exists();
    assertThat(live).exists();
    // a directory cleanup removes every stale one
    assertThat(SecureFiles.cleanStaleTempFiles(tmp)).containsExactly(ownLeftover.toAbsolutePath());
    assertThat(live).exists();
    assertThat(SecureFiles.isTempFileName("api-token")).isFalse();
    assertThat(SecureFiles.isTempFileName(".x.12.short.hostpolicy-tmp")).isFalse();
  }

  @Test
  void permissionsHoldUnderUmask000() throws Exception {
    Path dir = tmp.resolve("umask/data");
    Process p = new ProcessBuilder("sh", "-c", "umask 000; exec \"$0\" -cp \"$1\" dev.hostpolicy.core.fs.SecureFilesChild write \"$2\" secret hello",
            java(), classPath(), dir.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(mode(dir.resolve("plain"))).as("the child really ran with umask 000").isEqualTo("rw-rw-rw-");
    assertThat(mode(dir.resolve("secret"))).isEqualTo("rw-------");
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(dir.getParent())).isEqualTo("rwx------");
    assertThat(Files.readString(dir.resolve("secret"))).isEqualTo("hello");
  }

  /**
   * A child JVM rewrites one file in a loop and is killed with SIGKILL at varied points of the write
   * cycle — right after it announces a write, while its temporary file exists, right after a write —
   * over 24 rounds. After every kill the file is exactly one complete version — the previous
   * one or one the child was writing — and the temporary files the child left are removed by the next
   * write or cleanup.
   */
  @Test
  void killMinus9DuringRepeatedWritesNeverLeavesAPartialFile() throws Exception {
    Path dir = SecureFiles.createPrivateDirectories(tmp.resolve("crash"));
    Path target = dir.resolve("state.bin");
    Optional<String> previous = Optional.empty();
    int staleSeen = 0;
    for (int round = 0; round < 24; round++) {
      Process child = new ProcessBuilder(java(), "-Xmx256m", "-cp", classPath(), "dev.hostpolicy.core.fs.SecureFilesChild",
              "loop", target.toString(), Integer.toString(round))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      BlockingQueue<String> lines = lines(child);
      // where the kill lands: 0 right after the child announces write k; 1 and 3 once its temporary
      // file for write k is visible in the directory (mid-write); 2 right after write k finished
      int mode = round % 4;
      int k = (round / 4) % 3;
      String awaited = (mode == 2 ? "wrote " : "writing ") + k;
      int lastWrote = -1;
      int lastWriting = -1;
      while (true) {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("child progress in round %d", round).isNotNull().isNotEqualTo("EOF");
        int n = Integer.parseInt(line.substring(line.indexOf(' ') + 1));
        if (line.startsWith("wrote ")) {
          lastWrote = n;
        } else {
          lastWriting = n;
        }
        if (line.equals(awaited)) {
          if (mode == 1 || mode == 3) {
            awaitTempFileOf(child, dir, lines);
          }
          child.destroyForcibly(); // SIGKILL on Linux
          break;
        }
      }
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      for (String late; (late = lines.poll()) != null; ) {
        if (late.startsWith("wrote ")) {
          lastWrote = Integer.parseInt(late.substring(6));
        } else if (late.startsWith("writing ")) {
          lastWriting = Integer.parseInt(late.substring(8));
        }
      }

      Set<String> acceptable = new java.util.HashSet<>();
      if (lastWrote < 0) {
        previous.ifPresent(acceptable::add);
      } else {
        acceptable.add(round + "," + lastWrote);
      }
      for (int v = Math.max(lastWrote + 1, 0); v <= lastWriting + 1; v++) {
        acceptable.add(round + "," + v);
      }
      Optional<String> now = Files.exists(target) ? Versions.identify(Files.readAllBytes(target)) : Optional.empty();
      if (Files.exists(target)) {
        assertThat(now).as("round %d: the target is one complete version", round).isPresent();
        assertThat(acceptable).as("round %d: the version is the old or the new one", round).contains(now.get());
        assertThat(mode(target)).isEqualTo("rw-------");
      } else {
        assertThat(previous).as("round %d: a completed write can only be replaced, never lost", round).isEmpty();
        assertThat(lastWrote).isEqualTo(-1);
      }
      previous = now;

      List<Path> stale = tempFiles(dir);
      staleSeen += stale.size();
      if (round % 3 == 0) {
        assertThat(SecureFiles.cleanStaleTempFiles(dir)).containsExactlyInAnyOrderElementsOf(
            stale.stream().map(Path::toAbsolutePath).collect(Collectors.toList()));
      } else if (round % 3 == 1) {
        byte[] parentVersion = Versions.content(1000 + round, 0);
        SecureFiles.writeAtomically(target, parentVersion);
        previous = Optional.of((1000 + round) + ",0");
      } // else: the next round's child cleans them with its first write
      if (round % 3 != 2) {
        assertThat(tempFiles(dir)).as("round %d: stale temp files cleaned", round).isEmpty();
      }
      assertThat(tempFiles(dir).size()).isLessThanOrEqualTo(1);
    }
    System.out.printf("kill -9 crash test: 24 rounds, %d stale temp files left by killed writers, all cleaned%n", staleSeen);
    assertThat(staleSeen).as("some kill landed mid-write and left a temp file behind").isPositive();
    SecureFiles.cleanStaleTempFiles(dir);
    assertThat(tempFiles(dir)).isEmpty();
  }

  /**
   * Waits until {@code child}'s temporary file exists, or until it reports the write finished (then
   * the moment has passed), bounded by ten seconds.
   */
  private static void awaitTempFileOf(Process child, Path dir, BlockingQueue<String> lines) throws IOException {
    String marker = "." + child.pid() + ".";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (tempFiles(dir).stream().anyMatch(p -> p.getFileName().toString().contains(marker))) {
        return;
      }
      String next = lines.peek();
      if (next != null && next.startsWith("wrote ")) {
        return;
      }
    }
  }

  private static BlockingQueue<String> lines(Process child) {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          queue.add(line);
        }
      } catch (IOException e) {
        // the child was killed
      }
      queue.add("EOF");
    });
    reader.setDaemon(true);
    reader.start();
    return queue;
  }

  private static List<Path> tempFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> SecureFiles.isTempFileName(p.getFileName().toString())).collect(Collectors.toList());
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String classPath() throws Exception {
    List<String> entries = new ArrayList<>();
    for (Class<?> c : List.of(SecureFiles.class, Decision.class, SecureFilesChild.class)) {
      entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }
}
