package dev.hostpolicy.cli;

import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.ProviderRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code hostpolicy profiles}: one line per discovered profile — id, the jar or directory it came
 * from, and its description, separated by tabs.
 *
 * <pre>{@code
 * $ hostpolicy profiles
 * minimal	file:/.../hostpolicy.jar	strictest defaults: ...
 * }</pre>
 */
@Command(name = "profiles", description = "List the profiles found (id, jar, description; tab-separated).")
public final class ProfilesCommand implements Callable<Integer> {
  private final CliContext context;

  /** Created by the CLI's factory. */
  public ProfilesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    StringBuilder sb = new StringBuilder();
    for (ProviderRecord r : HostPolicy.availableProfiles()) {
      sb.append(r.id()).append('\t').append(r.location()).append('\t').append(r.detail()).append('\n');
    }
    context.out().print(sb);
    context.out().flush();
    return ExitCodes.OK;
  }
}
