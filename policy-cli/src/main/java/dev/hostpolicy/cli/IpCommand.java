package dev.hostpolicy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.core.net.AddressClassification;
import dev.hostpolicy.core.net.AddressClassifier;
import dev.hostpolicy.core.net.IpAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostpolicy ip classify ADDR [--json]}: the special-purpose category of a strict IP literal
 * ({@code 10.0.0.1}, {@code ::1}, {@code [::1]}). Prints the category ({@code loopback},
 * {@code private-use}, {@code metadata-endpoint}, {@code public}, …) and exits 0 for any valid
 * address, whatever its category; exits 2 for anything that is not a strict literal, ambiguous numeric
 * forms such as {@code 0177.0.0.1} included. {@code --json} adds the block, its source and any
 * embedded IPv4 address.
 *
 * <pre>{@code
 * $ hostpolicy ip classify 64:ff9b::a9fe:a9fe
 * metadata-endpoint
 * }</pre>
 */
@Command(
    name = "ip",
    description = "IP address classification.",
    subcommands = {IpCommand.Classify.class})
public final class IpCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: classify");
  }

  /** {@code ip classify}. */
  @Command(name = "classify", description = {
      "Print the special-purpose category of ADDR (a strict IPv4 or IPv6 literal).",
      "Exit 0 for a valid address, 2 for malformed or ambiguous input."})
  public static final class Classify implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ADDR", description = "IPv4 dotted quad or IPv6 literal (brackets optional)")
    String address;

    @Option(names = "--json", description = "print one JSON object {address, category, public, block, name, reference, embedded}")
    boolean json;

    /** Created by the CLI's factory. */
    public Classify(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      String text = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
      Optional<IpAddress> ip = IpAddress.tryParse(text);
      if (ip.isEmpty()) {
        throw new UsageException("\"" + SafeText.clean(address, 80)
            + "\" is not a strict IP literal (dotted quad without leading zeros, or RFC 4291 IPv6); ambiguous forms such as"
            + " 0177.0.0.1, 127.1 or 2130706433 are refused");
      }
      AddressClassification c = AddressClassifier.standard().classify(ip.get());
      if (json) {
        ObjectNode n = DecisionJson.MAPPER.createObjectNode();
        n.put("address", c.address().toString());
        n.put("category", c.category().slug());
        n.put("public", c.isPublic());
        n.put("block", c.block());
        n.put("name", c.name());
        n.put("reference", c.reference());
        if (c.embedded().isPresent()) {
          ObjectNode e = n.putObject("embedded");
          e.put("ipv4", c.embedded().get().ipv4().toString());
          e.put("wrapping", c.embedded().get().wrapping());
        } else {
          n.putNull("embedded");
        }
        context.out().println(DecisionJson.write(n));
      } else {
        context.out().println(c.category().slug());
      }
      context.out().flush();
      return ExitCodes.OK;
    }
  }
}
