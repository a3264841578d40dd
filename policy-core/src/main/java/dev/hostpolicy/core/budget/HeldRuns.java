package dev.hostpolicy.core.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.core.fs.SecureFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The queued runs the total-cost cap held back, kept on disk so they are not lost: one owner-only
 * JSON file per run in a directory (conventionally {@code <data-dir>/held-runs}), each written
 * atomically through {@link SecureFiles}. The ledger starts at zero when the process restarts, so on
 * start a host {@linkplain #list() lists} the held runs, in the order they were held, starts them and
 * {@linkplain #release releases} each.
 *
 * <pre>{@code
 * HeldRuns held = HeldRuns.open(dataDir.resolve("held-runs"));
 * for (HeldRun run : held.list()) {        // on start: resume what the cap held back last time
 *   queue.submit(run.runId(), run.payload());
 *   held.release(run.runId());
 * }
 * }</pre>
 */
public final class HeldRuns {
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final String SUFFIX = ".json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final TimeSource time;

  private HeldRuns(Path dir, TimeSource time) {
    this.dir = dir;
    this.time = time;
  }

  /** Opens (creating it owner-only if needed) the store in {@code dir} on the system clock. */
  public static HeldRuns open(Path dir) throws IOException {
    return open(dir, TimeSource.system());
  }

  /** Opens (creating it owner-only if needed) the store in {@code dir}; {@code time} stamps held runs. */
  public static HeldRuns open(Path dir, TimeSource time) throws IOException {
    Path abs = SecureFiles.createPrivateDirectories(Objects.requireNonNull(dir, "dir"));
    SecureFiles.cleanStaleTempFiles(abs);
    return new HeldRuns(abs, Objects.requireNonNull(time, "time"));
  }

  /** The directory. */
  public Path directory() {
    return dir;
  }

  /**
   * Holds a run: writes it to disk (replacing a run held under the same id) before returning.
   *
   * @throws IllegalArgumentException if {@code runId} is not 1 to 128 of {@code [A-Za-z0-9_-]}
   */
  public HeldRun hold(String runId, String payload) throws IOException {
    HeldRun run = new HeldRun(runId, payload, time.now());
    ObjectNode node = JSON.createObjectNode();
    node.put("run", run.runId());
    node.put("heldAt", run.heldAt().toString());
    node.put("payload", run.payload());
    SecureFiles.writeAtomically(file(runId), JSON.writeValueAsBytes(node));
    return run;
  }

  /**
   * The held runs, oldest first (ties by run id).
   *
   * @throws IOException if a file cannot be read or is not a held run (nothing is skipped silently)
   */
  public List<HeldRun> list() throws IOException {
    List<HeldRun> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path f : files) {
        if (SecureFiles.isTempFileName(f.getFileName().toString()) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        out.add(read(f));
      }
    }
    out.sort(Comparator.comparing(HeldRun::heldAt).thenComparing(HeldRun::runId));
    return List.copyOf(out);
  }

  /** Removes a held run (once the host has started or dropped it); whether there was one. */
  public boolean release(String runId) throws IOException {
    boolean removed = Files.deleteIfExists(file(runId));
    if (removed) {
      SecureFiles.syncDirectory(dir);
    }
    return removed;
  }

  private Path file(String runId) {
    checkRunId(runId);
    return dir.resolve(runId + SUFFIX);
  }

  private static HeldRun read(Path f) throws IOException {
    String name = f.getFileName().toString();
    try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
      JsonNode node = JSON.readTree(in);
      if (node == null || !node.path("run").isTextual() || !node.path("heldAt").isTextual() || !node.path("payload").isTextual()) {
        throw new IOException("not a held run: " + SafeText.clean(name, 200));
      }
      String runId = node.get("run").asText();
      if (!name.equals(runId + SUFFIX)) {
        throw new IOException("held run file " + SafeText.clean(name, 200) + " names another run");
      }
      return new HeldRun(runId, node.get("payload").asText(), Instant.parse(node.get("heldAt").asText()));
    } catch (DateTimeParseException | IllegalArgumentException | com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException("not a held run: " + SafeText.clean(name, 200), e);
    }
  }

  static void checkRunId(String runId) {
    Objects.requireNonNull(runId, "runId");
    if (!RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("a held run id is 1 to 128 of [A-Za-z0-9_-]: " + SafeText.clean(runId, 140));
    }
  }

  @Override
  public String toString() {
    return "HeldRuns[" + dir + "]";
  }
}
