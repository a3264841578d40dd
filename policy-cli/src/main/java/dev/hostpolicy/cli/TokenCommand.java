package dev.hostpolicy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.SessionCookie;
import dev.hostpolicy.core.token.TokenFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hostpolicy token mint|cookie|check}: mint a token, derive the session-cookie value of a
 * token, or check a token's format.
 *
 * <p>Output is data and gets nothing appended: {@code mint} prints exactly the token and
 * {@code cookie} exactly the cookie value, without a trailing newline ({@code $(hostpolicy token
 * mint)} and {@code > file} give the bare value). {@code cookie} and {@code check} read the token from
 * stdin; one trailing newline ({@code \n} or {@code \r\n}) is ignored, so {@code echo "$T" |} and
 * {@code printf %s "$T" |} both work. A token is never printed to stderr or in an error.
 *
 * <pre>{@code
 * $ T=$(hostpolicy token mint --prefix hp)
 * $ printf %s "$T" | hostpolicy token check --prefix hp && echo valid
 * $ printf %s "$T" | hostpolicy token cookie
 * }</pre>
 */
@Command(
    name = "token",
    description = "Mint a token, derive its session-cookie value, or check its format.",
    subcommands = {TokenCommand.Mint.class, TokenCommand.Cookie.class, TokenCommand.Check.class})
public final class TokenCommand implements Runnable {

  /** Longest stdin accepted (a token is at most 4096 characters). */
  static final int MAX_INPUT = 8192;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: mint, cookie or check");
  }

  static TokenFormat format(String prefix) {
    if (prefix == null) {
      return TokenFormat.plain();
    }
    if (!TokenFormat.isValidPrefix(prefix)) {
      throw new UsageException("--prefix must be 1 to 16 characters of [a-z0-9] starting with a letter, got \""
          + SafeText.clean(prefix, 20) + "\"");
    }
    return TokenFormat.prefixed(prefix);
  }

  /**
   * Reads stdin exactly, without one trailing newline, as Latin-1 chars (non-ASCII bytes stay visible
   * to the grammar checks and fail them). The caller zeroes the returned array.
   */
  static char[] readToken(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_INPUT + 1);
    try {
      int n = bytes.length;
      if (n > MAX_INPUT) {
        throw new PolicyViolationException(TokenFormat.MALFORMED, "more than " + MAX_INPUT + " bytes on stdin");
      }
      if (n > 0 && bytes[n - 1] == '\n') {
        n--;
        if (n > 0 && bytes[n - 1] == '\r') {
          n--;
        }
      }
      char[] chars = new char[n];
      for (int i = 0; i < n; i++) {
        chars[i] = (char) (bytes[i] & 0xff);
      }
      return chars;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** {@code token mint [--prefix P]}. */
  @Command(name = "mint", description = {
      "Print a fresh token: 43 base64url characters (32 random bytes), or P_<43 chars><6-char checksum> with --prefix.",
      "Prints exactly the token, with no trailing newline."})
  public static final class Mint implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--prefix", paramLabel = "P", description = "scanner-friendly form with this prefix ([a-z][a-z0-9]{0,15})")
    String prefix;

    /** Created by the CLI's factory. */
    public Mint(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Secret token = format(prefix).mint();
      byte[] bytes = token.reveal();
      try {
        context.out().write(bytes, 0, bytes.length);
        context.out().flush();
      } finally {
        Arrays.fill(bytes, (byte) 0);
        token.destroy();
      }
      return ExitCodes.OK;
    }
  }

  /** {@code token cookie}. */
  @Command(name = "cookie", description = {
      "Read a token on stdin and print its session-cookie value: base64url(SHA-256(context label || token)), 43 characters.",
      "One trailing newline on stdin is ignored. Prints exactly the value, with no trailing newline.",
      "Exit 3 (token.malformed on stderr) if stdin is not a token of 16 to 4096 b64token characters."})
  public static final class Cookie implements Callable<Integer> {
    private final CliContext context;

    /** Created by the CLI's factory. */
    public Cookie(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      char[] token = readToken(context.in());
      try {
        TokenFormat.bearer().check(java.nio.CharBuffer.wrap(token)).requireAllowed();
        byte[] ascii = new byte[token.length];
        for (int i = 0; i < token.length; i++) {
          ascii[i] = (byte) token[i];
        }
        Secret secret = Secret.of(ascii);
        Arrays.fill(ascii, (byte) 0);
        try {
          context.out().print(SessionCookie.valueFor(secret));
          context.out().flush();
        } finally {
          secret.destroy();
        }
      } finally {
        Arrays.fill(token, '\0');
      }
      return ExitCodes.OK;
    }
  }

  /** {@code token check [--prefix P] [--json]}. */
  @Command(name = "check", description = {
      "Read a token on stdin and check its format: 43 base64url characters, or P_<43><checksum> with --prefix.",
      "One trailing newline on stdin is ignored. Exit 0 valid (nothing printed); exit 3 malformed, with the reason",
      "(token.malformed or token.checksum-mismatch) on stderr. With --json, prints {\"allowed\":…,\"reason\":…,\"detail\":…}."})
  public static final class Check implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--prefix", paramLabel = "P", description = "expect the scanner-friendly form with this prefix")
    String prefix;

    @Option(names = "--json", description = "print the decision as one JSON object on stdout")
    boolean json;

    /** Created by the CLI's factory. */
    public Check(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      TokenFormat format = format(prefix);
      Decision d;
      try {
        char[] token = readToken(context.in());
        try {
          d = format.check(java.nio.CharBuffer.wrap(token));
        } finally {
          Arrays.fill(token, '\0');
        }
      } catch (PolicyViolationException e) {
        d = e.decision();
      }
      if (json) {
        print(context.out(), d);
        return d.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
      }
      d.requireAllowed();
      return ExitCodes.OK;
    }
  }

  /** Prints {@code {"allowed":…,"reason":…,"detail":…}} and a newline. */
  static void print(PrintStream out, Decision d) throws IOException {
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("allowed", d.allowed());
    node.put("reason", d.reason());
    node.put("detail", d.detail());
    out.write((new ObjectMapper().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
