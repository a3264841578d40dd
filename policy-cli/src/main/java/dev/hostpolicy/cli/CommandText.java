package dev.hostpolicy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The text a command works on, exactly as given: an argument's own bytes, or standard input byte
 * for byte, decoded as strict UTF-8 (malformed input is a usage error, never replaced).
 *
 * <p>The JVM decodes arguments with the platform encoding and replaces what it cannot decode (in
 * the C locale every non-ASCII byte becomes U+FFFD). So {@link HostPolicyCli#main} records the
 * process's raw arguments from {@code /proc/self/cmdline} when they are available and match the
 * decoded ones, and an argument is taken from those bytes; elsewhere the decoded argument is used.
 *
 * <pre>{@code
 * String text = CommandText.argumentOrStdin(textArg, context, "TEXT");
 * }</pre>
 */
final class CommandText {
  private CommandText() {}

  private static volatile List<byte[]> rawArguments;

  /** Records the raw bytes of {@code args} if the operating system shows them (Linux). */
  static void captureProcessArguments(String[] args) {
    rawArguments = null;
    try {
      Path cmdline = Path.of("/proc/self/cmdline");
      if (!Files.isReadable(cmdline)) {
        return;
      }
      byte[] all = Files.readAllBytes(cmdline);
      List<byte[]> parts = new ArrayList<>();
      int from = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == 0) {
          parts.add(Arrays.copyOfRange(all, from, i));
          from = i + 1;
        }
      }
      if (parts.size() < args.length) {
        return;
      }
      List<byte[]> tail = parts.subList(parts.size() - args.length, parts.size());
      Charset platform = platformCharset();
      for (int i = 0; i < args.length; i++) {
        byte[] raw = tail.get(i);
        if (!new String(raw, platform).equals(args[i]) && !new String(raw, StandardCharsets.UTF_8).equals(args[i])) {
          return; // not the arguments main() got (an @argfile, a wrapper): use the decoded ones
        }
      }
      rawArguments = List.copyOf(tail);
    } catch (IOException | RuntimeException e) {
      rawArguments = null;
    }
  }

  /** Forgets the captured arguments (for in-process runs after a {@code main}). */
  static void forgetProcessArguments() {
    rawArguments = null;
  }

  private static Charset platformCharset() {
    String name = System.getProperty("sun.jnu.encoding", System.getProperty("native.encoding", "UTF-8"));
    try {
      return Charset.forName(name);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** The raw bytes of the last process argument the JVM decoded as {@code decoded}, if known. */
  static Optional<byte[]> rawBytesOf(String decoded) {
    List<byte[]> raw = rawArguments;
    if (raw == null) {
      return Optional.empty();
    }
    Charset platform = platformCharset();
    for (int i = raw.size() - 1; i >= 0; i--) {
      byte[] b = raw.get(i);
      if (new String(b, platform).equals(decoded) || new String(b, StandardCharsets.UTF_8).equals(decoded)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /**
   * The argument's exact text, or all of standard input when the argument is absent.
   *
   * @throws UsageException if the bytes are not valid UTF-8
   */
  static String argumentOrStdin(String argument, CliContext context, String label) {
    if (argument != null) {
      Optional<byte[]> raw = rawBytesOf(argument);
      return raw.isPresent() ? strictUtf8(raw.get(), label) : argument;
    }
    try {
      InputStream in = context.in();
      return strictUtf8(in.readAllBytes(), "standard input");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("reading standard input failed", e);
    }
  }

  /**
   * Decodes UTF-8 strictly.
   *
   * @throws UsageException naming the first malformed byte
   */
  static String strictUtf8(byte[] bytes, String label) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UsageException(label + " is not valid UTF-8 (at byte " + firstMalformed(bytes) + ")");
    }
  }

  private static int firstMalformed(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }

  /**
   * A picocli model transformer for commands whose positional text may look like an option
   * ({@code -rf}, {@code --upload-pack=…}): unknown options become positional parameters.
   * ({@code @file} expansion is off for the whole command line, see {@link HostPolicyCli}.)
   */
  static final class TextArguments implements CommandLine.IModelTransformer {
    @Override
    public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
      spec.parser().unmatchedOptionsArePositionalParams(true);
      return spec;
    }
  }
}
