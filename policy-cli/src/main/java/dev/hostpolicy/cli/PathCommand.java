package dev.hostpolicy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.core.fs.PathViolation;
import dev.hostpolicy.core.fs.WorkspacePathException;
import dev.hostpolicy.core.fs.WorkspacePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostpolicy path resolve --root DIR [--write] [--json] [--] [PATH]}: the workspace path check
 * from the shell. Prints the resolved real path and exits 0, or prints the reason code and exits 3
 * (the detail goes to stderr). PATH comes from stdin, byte for byte (UTF-8), when it is not an
 * argument — the only way to send a NUL. A missing or non-directory root exits 2.
 *
 * <pre>{@code
 * $ hostpolicy path resolve --root ~/project src/App.java
 * /home/dev/project/src/App.java
 * $ hostpolicy path resolve --root ~/project --write -- ../.bashrc
 * path.outside-workspace                                  (exit 3)
 * $ printf 'a\0b' | hostpolicy path resolve --root ~/project --json
 * {"allowed":false,"reason":"path.illegal-character","detail":"..."}
 * }</pre>
 */
@Command(
    name = "path",
    description = "Workspace path checks.",
    subcommands = {PathCommand.Resolve.class})
public final class PathCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: resolve");
  }

  /** {@code path resolve}. */
  @Command(
      name = "resolve",
      description = {
        "Resolve PATH inside the workspace DIR: print its real path (exit 0) or the reason it is refused (exit 3).",
        "PATH is read from stdin (UTF-8, byte for byte) when not given."
      })
  public static final class Resolve implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--root", required = true, paramLabel = "DIR", description = "the workspace root (must exist and be a directory)")
    String root;

    @Option(names = "--write", description = "resolve for writing: the leaf may not exist yet, a dangling link is refused")
    boolean write;

    @Option(names = "--json", description = "print one JSON object {\"allowed\",\"reason\",\"detail\"[,\"path\"]}")
    boolean json;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "the requested path (stdin when absent)")
    String path;

    /** Created by the CLI's factory. */
    public Resolve(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      WorkspacePaths workspace;
      try {
        workspace = WorkspacePaths.of(Path.of(root));
      } catch (InvalidPathException e) {
        throw new UsageException("--root is not a valid path");
      }
      Decision decision;
      Path resolved = null;
      try {
        String requested = path != null ? path : readStdin();
        resolved = write ? workspace.resolveForWrite(requested) : workspace.resolveForRead(requested);
        decision = Decision.allow();
      } catch (WorkspacePathException e) {
        decision = e.decision();
      }
      if (json) {
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("allowed", decision.allowed());
        out.put("reason", decision.reason());
        out.put("detail", decision.detail());
        if (resolved != null) {
          out.put("path", resolved.toString());
        }
        context.out().println(out.toString());
      } else if (resolved != null) {
        context.out().println(resolved);
      } else {
        context.out().println(decision.reason());
        context.err().println("hostpolicy: denied: " + decision.reason() + ": " + decision.detail());
      }
      context.out().flush();
      context.err().flush();
      return decision.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
    }

    private String readStdin() {
      byte[] bytes;
      try {
        bytes = context.in().readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException e) {
        throw new WorkspacePathException(PathViolation.ILLEGAL_CHARACTER, "the path on standard input is not valid UTF-8");
      }
    }
  }
}
