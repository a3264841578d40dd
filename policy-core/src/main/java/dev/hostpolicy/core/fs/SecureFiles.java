package dev.hostpolicy.core.fs;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.TokenMint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Secrets at rest: owner-only files written atomically, owner-only data directories, and a check
 * that refuses anything others can read.
 *
 * <p>{@link #writeAtomically(Path, byte[])} never leaves a partial or world-readable file, even if
 * the process is killed at any instruction:
 *
 * <ol>
 *   <li>a temporary file is created in the target's directory, named
 *       {@code .<name>.<pid>.<random>.hostpolicy-tmp}, <em>owner-only at creation</em> (mode 0600 as a
 *       creation attribute on POSIX, so no umask and no moment make it readable by others; an
 *       owner-only ACL elsewhere);
 *   <li>all bytes are written and {@link FileChannel#force(boolean) forced} to the device;
 *   <li>it is renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE} (rename(2)) — a
 *       reader sees the old file or the new one, never a mix; a pre-existing target with looser
 *       permissions is replaced by the 0600 file;
 *   <li>the directory is forced, so the rename itself survives a power loss (on the default POSIX
 *       file system; Windows cannot open a directory for this, and other providers define their own
 *       durability).
 * </ol>
 *
 * <p>A write first removes stale temporary files of the same target left by a crashed writer (one
 * whose process id is no longer alive); {@link #cleanStaleTempFiles(Path)} does so for a whole
 * directory. Writes of one target in one JVM are serialised. A write refuses a directory that group
 * or others can write ({@value #PERMISSIONS_TOO_OPEN}), because another user could swap files in it.
 * A file system with neither POSIX permissions nor ACLs is refused with
 * {@value #PERMISSIONS_UNSUPPORTED}, and so is one that cannot apply the permissions at creation
 * (applying them afterwards would let another user open the file in between and keep the handle) —
 * never a silently world-readable file.
 *
 * <p>{@link #checkPrivate(Path)} returns a denying {@link Decision} for a secret file or data
 * directory that group or others may access.
 *
 * <pre>{@code
 * Path dataDir = SecureFiles.createPrivateDirectories(home.resolve(".infloop"));   // 0700
 * SecureFiles.writeAtomically(dataDir.resolve("api-token"), token);              // 0600
 * Decision d = SecureFiles.checkPrivate(dataDir);
 * if (d.denied()) {
 *   throw new PolicyViolationException(d);   // fs.permissions-too-open: ... group-read ...
 * }
 * }</pre>
 */
public final class SecureFiles {
  private SecureFiles() {}

  /** Reason code: group or others may access the file or directory. */
  public static final String PERMISSIONS_TOO_OPEN = "fs.permissions-too-open";

  /** Reason code: the file or directory does not exist. */
  public static final String MISSING = "fs.missing";

  /** Reason code: the path is a symbolic link. */
  public static final String SYMLINK = "fs.symlink";

  /** Reason code: the permissions could not be read (the check fails closed). */
  public static final String CHECK_FAILED = "fs.check-failed";

  /** Reason code: the file system has neither POSIX permissions nor ACLs. */
  public static final String PERMISSIONS_UNSUPPORTED = "fs.permissions-unsupported";

  /** The suffix of every temporary file; {@link #isTempFileName} recognises the whole pattern. */
  public static final String TEMP_SUFFIX = ".hostpolicy-tmp";

  private static final System.Logger LOG = System.getLogger(SecureFiles.class.getName());
  private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.([0-9]{1,19})\\.([A-Za-z0-9_-]{12})" + Pattern.quote(TEMP_SUFFIX));
  private static final int TEMP_NAME_MAX_BYTES = 120;
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
  private static final Set<AclEntryPermission> ACCESS =
      EnumSet.of(
          AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA, AclEntryPermission.APPEND_DATA,
          AclEntryPermission.EXECUTE, AclEntryPermission.DELETE, AclEntryPermission.DELETE_CHILD,
          AclEntryPermission.WRITE_ACL, AclEntryPermission.WRITE_OWNER, AclEntryPermission.READ_NAMED_ATTRS,
          AclEntryPermission.WRITE_NAMED_ATTRS, AclEntryPermission.WRITE_ATTRIBUTES);
  private static final long PID = ProcessHandle.current().pid();
  private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
  private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

  static {
    for (int i = 0; i < LOCKS.length; i++) {
      LOCKS[i] = new ReentrantLock();
    }
  }

  private enum Model {
    POSIX,
    ACL,
    NONE
  }

  /**
   * Writes {@code secret}'s bytes to {@code target} as {@link #writeAtomically(Path, byte[])} does,
   * zeroing the temporary copy afterwards.
   */
  public static void writeAtomically(Path target, Secret secret) throws IOException {
    Objects.requireNonNull(secret, "secret");
    byte[] bytes = secret.reveal();
    try {
      writeAtomically(target, bytes);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Replaces {@code target} with {@code bytes}, atomically and owner-only; see the class
   * documentation for the steps.
   *
   * @throws IOException if the directory does not exist, the file cannot be written, or the file
   *     system cannot rename atomically ({@link AtomicMoveNotSupportedException}); the target is then
   *     unchanged and no temporary file is left
   * @throws PolicyViolationException {@value #PERMISSIONS_TOO_OPEN} if group or others can write the
   *     directory; {@value #PERMISSIONS_UNSUPPORTED} if the file system has no owner-only permissions
   * @throws IllegalArgumentException if {@code target} has no parent or its name looks like one of
   *     our temporary files
   */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(bytes, "bytes");
    Path file = target.toAbsolutePath();
    Path dir = file.getParent();
    if (dir == null || file.getFileName() == null) {
      throw new IllegalArgumentException("a secret file needs a parent directory: " + file);
    }
    String name = file.getFileName().toString();
    if (isTempFileName(name)) {
      throw new IllegalArgumentException("the target name has the form of a temporary file: " + name);
    }
    Model model = modelOf(dir);
    if (model == Model.NONE) {
      throw unsupported(dir);
    }
    if (model == Model.POSIX) {
      Set<PosixFilePermission> dirPerms = Files.readAttributes(dir, PosixFileAttributes.class).permissions();
      if (dirPerms.contains(PosixFilePermission.GROUP_WRITE) || dirPerms.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw new PolicyViolationException(PERMISSIONS_TOO_OPEN,
            "refusing to write a secret file in " + dir + ", which group or others can write ("
                + PosixFilePermissions.toString(dirPerms) + "); use SecureFiles.createPrivateDirectories");
      }
    }
    ReentrantLock lock = LOCKS[Math.floorMod(file.hashCode(), LOCKS.length)];
    lock.lock();
    try {
      cleanStaleTempFiles(dir, tempStem(name));
      Path temp = dir.resolve("." + tempStem(name) + "." + PID + "." + TokenMint.randomBase64Url(9) + TEMP_SUFFIX);
      IN_FLIGHT.add(temp);
      try {
        writeTemp(temp, bytes, model, dir);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        if (model == Model.POSIX && dir.getFileSystem() == java.nio.file.FileSystems.getDefault()) {
          forceDirectory(dir);
        }
      } finally {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.log(System.Logger.Level.WARNING, "could not remove the temporary file " + temp, e);
        }
        IN_FLIGHT.remove(temp);
      }
    } finally {
      lock.unlock();
    }
  }

  private static void writeTemp(Path temp, byte[] bytes, Model model, Path dir) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileAttribute<?> ownerOnly =
        model == Model.POSIX ? PosixFilePermissions.asFileAttribute(FILE_MODE) : ownerOnlyAcl(dir);
    FileChannel opened;
    try {
      opened = FileChannel.open(temp, options, ownerOnly);
    } catch (UnsupportedOperationException e) {
      throw cannotCreateOwnerOnly(dir, e);
    }
    try (FileChannel channel = opened) {
      if (model == Model.POSIX) {
        // creation already made it owner-only; an unusual umask (0277) may have removed owner bits
        Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(FILE_MODE);
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /**
   * Opens {@code file} with {@code options} (for example {@code APPEND}, or {@code READ, WRITE}),
   * creating it owner-only if it does not exist: mode 0600 as a creation attribute on POSIX (then set
   * again, whatever the umask), an owner-only ACL elsewhere. A symbolic link is never followed. An
   * existing file is opened as it is; {@link #checkPrivate(Path)} tells whether it is private. Used for
   * files that grow in place, such as the audit log, where {@link #writeAtomically} does not fit.
   *
   * @throws PolicyViolationException {@value #PERMISSIONS_UNSUPPORTED} on a file system without
   *     owner-only permissions
   */
  public static FileChannel openPrivateFile(Path file, OpenOption... options) throws IOException {
    Path abs = Objects.requireNonNull(file, "file").toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null) {
      throw new IllegalArgumentException("a private file needs a parent directory: " + abs);
    }
    Model model = modelOf(dir);
    if (model == Model.NONE) {
      throw unsupported(dir);
    }
    Set<OpenOption> opts = new java.util.HashSet<>(List.of(options));
    opts.remove(StandardOpenOption.CREATE);
    opts.remove(StandardOpenOption.CREATE_NEW);
    opts.add(LinkOption.NOFOLLOW_LINKS);
    if (!opts.contains(StandardOpenOption.APPEND)) {
      opts.add(StandardOpenOption.WRITE);
    }
    Set<OpenOption> create = new java.util.HashSet<>(opts);
    create.add(StandardOpenOption.CREATE_NEW);
    FileAttribute<?> ownerOnly = model == Model.POSIX ? PosixFilePermissions.asFileAttribute(FILE_MODE) : ownerOnlyAcl(dir);
    try {
      FileChannel created = FileChannel.open(abs, create, ownerOnly);
      if (model == Model.POSIX) {
        try {
          Files.getFileAttributeView(abs, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(FILE_MODE);
        } catch (IOException | RuntimeException e) {
          created.close();
          throw e;
        }
      }
      return created;
    } catch (UnsupportedOperationException e) {
      throw cannotCreateOwnerOnly(dir, e);
    } catch (FileAlreadyExistsException e) {
      return FileChannel.open(abs, opts);
    }
  }

  /**
   * Forces the entries of {@code dir} (files created, renamed or deleted in it) to the device, so they
   * survive a power loss. Does nothing where a directory cannot be opened for this (Windows, other
   * providers than the default one).
   */
  public static void syncDirectory(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    if (modelOf(dir) == Model.POSIX && dir.getFileSystem() == java.nio.file.FileSystems.getDefault()) {
      forceDirectory(dir);
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Creates {@code dir} and any missing parents, each owner-only (0700, or an owner-only ACL). A
   * directory that already exists is left as it is; {@link #checkPrivate(Path)} tells whether it is
   * private.
   *
   * @return {@code dir} as an absolute, normalised path
   * @throws PolicyViolationException {@value #PERMISSIONS_UNSUPPORTED} on a file system without
   *     owner-only permissions
   */
  public static Path createPrivateDirectories(Path dir) throws IOException {
    Path abs = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    List<Path> missing = new ArrayList<>();
    for (Path p = abs; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      Path existing = p.getParent() == null ? p : p.getParent();
      Model model = modelOf(existing);
      if (model == Model.NONE) {
        throw unsupported(existing);
      }
      try {
        if (model == Model.POSIX) {
          Files.createDirectory(p, PosixFilePermissions.asFileAttribute(DIR_MODE));
          Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(DIR_MODE);
        } else {
          Files.createDirectory(p, ownerOnlyAcl(existing));
        }
      } catch (UnsupportedOperationException e) {
        throw cannotCreateOwnerOnly(existing, e);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
      }
    }
    return abs;
  }

  /**
   * Whether {@code path} — a secret file or a data directory — is private to its owner: it exists, is
   * not a symbolic link, and grants group and others nothing (POSIX: no group or others bits; ACL: no
   * allow entry for another principal that grants data access).
   *
   * @return allowed, or denied with {@value #PERMISSIONS_TOO_OPEN}, {@value #MISSING},
   *     {@value #SYMLINK}, {@value #PERMISSIONS_UNSUPPORTED} or {@value #CHECK_FAILED}
   */
  public static Decision checkPrivate(Path path) {
    Objects.requireNonNull(path, "path");
    try {
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return Decision.deny(MISSING, path + " does not exist");
      }
      if (Files.isSymbolicLink(path)) {
        return Decision.deny(SYMLINK, path + " is a symbolic link; point at the real file or directory");
      }
      boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
      switch (modelOf(path)) {
        case POSIX:
          {
            Set<PosixFilePermission> perms =
                Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).permissions();
            Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
            for (PosixFilePermission p : perms) {
              if (OTHERS.contains(p)) {
                open.add(p);
              }
            }
            if (!open.isEmpty()) {
              return Decision.deny(PERMISSIONS_TOO_OPEN, path + " is " + PosixFilePermissions.toString(perms) + ": "
                  + open.stream().map(SecureFiles::describe).collect(Collectors.joining(", "))
                  + " (want " + (directory ? "rwx------ (0700)" : "rw------- (0600)") + ")");
            }
            return Decision.allow();
          }
        case ACL:
          {
            AclFileAttributeView view = Files.getFileAttributeView(path, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal owner = view.getOwner();
            List<String> others = new ArrayList<>();
            for (AclEntry entry : view.getAcl()) {
              if (entry.type() == AclEntryType.ALLOW && !entry.principal().equals(owner)) {
                Set<AclEntryPermission> granted = EnumSet.noneOf(AclEntryPermission.class);
                granted.addAll(entry.permissions());
                granted.retainAll(ACCESS);
                if (!granted.isEmpty()) {
                  others.add(entry.principal().getName());
                }
              }
            }
            if (!others.isEmpty()) {
              return Decision.deny(PERMISSIONS_TOO_OPEN, path + " grants access to " + String.join(", ", others) + " (want the owner only)");
            }
            return Decision.allow();
          }
        default:
          return Decision.deny(PERMISSIONS_UNSUPPORTED, path + " is on a file system without POSIX permissions or ACLs");
      }
    } catch (IOException | RuntimeException e) {
      return Decision.deny(CHECK_FAILED, "cannot read the permissions of " + path + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Removes the temporary files in {@code dir} left by writers that crashed: those whose process id is
   * no longer alive, and this JVM's own that no write is using. Files of live writers are kept.
   *
   * @return the files removed
   */
  public static List<Path> cleanStaleTempFiles(Path dir) throws IOException {
    return cleanStaleTempFiles(Objects.requireNonNull(dir, "dir").toAbsolutePath(), null);
  }

  private static List<Path> cleanStaleTempFiles(Path dir, String stem) throws IOException {
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, e -> isTempFileName(e.getFileName().toString()))) {
      for (Path entry : entries) {
        Matcher m = TEMP.matcher(entry.getFileName().toString());
        if (!m.matches() || (stem != null && !m.group(1).equals(stem))) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
          pid = -1;
        }
        boolean alive = pid == PID ? IN_FLIGHT.contains(entry) : pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          try {
            Files.delete(entry);
            removed.add(entry);
          } catch (NoSuchFileException e) {
            // someone else cleaned it
          }
        }
      }
    }
    return removed;
  }

  /** Whether {@code fileName} has the form of one of our temporary files. */
  public static boolean isTempFileName(String fileName) {
    return fileName != null && fileName.endsWith(TEMP_SUFFIX) && TEMP.matcher(fileName).matches();
  }

  /** The target name as it appears in temporary names: at most 120 UTF-8 bytes, whole code points. */
  private static String tempStem(String name) {
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > TEMP_NAME_MAX_BYTES) {
        break;
      }
      sb.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  private static Model modelOf(Path path) {
    Set<String> views = path.getFileSystem().supportedFileAttributeViews();
    if (views.contains("posix")) {
      return Model.POSIX;
    }
    return views.contains("acl") ? Model.ACL : Model.NONE;
  }

  private static FileAttribute<List<AclEntry>> ownerOnlyAcl(Path dir) throws IOException {
    UserPrincipal owner =
        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
    AclEntry entry =
        AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner).setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
    List<AclEntry> acl = List.of(entry);
    return new FileAttribute<>() {
      @Override
      public String name() {
        return "acl:acl";
      }

      @Override
      public List<AclEntry> value() {
        return acl;
      }
    };
  }

  private static PolicyViolationException unsupported(Path dir) {
    return new PolicyViolationException(PERMISSIONS_UNSUPPORTED,
        "the file system of " + dir + " supports neither POSIX permissions nor ACLs; a secret file there could be readable by anyone");
  }

  /**
   * The provider cannot apply the permissions at creation. Applying them afterwards would leave a
   * moment in which another user could open the file and keep the handle, so this is refused.
   */
  private static PolicyViolationException cannotCreateOwnerOnly(Path dir, UnsupportedOperationException e) {
    PolicyViolationException v = new PolicyViolationException(PERMISSIONS_UNSUPPORTED,
        "the file system of " + dir + " cannot create a file or directory with owner-only permissions at creation");
    v.initCause(e);
    return v;
  }

  private static String describe(PosixFilePermission p) {
    String s = p.name().toLowerCase(Locale.ROOT);
    return s.replace("_execute", "-execute").replace("_read", "-read").replace("_write", "-write");
  }
}
