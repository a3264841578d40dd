package dev.hostpolicy.core.env;

import java.util.List;
import java.util.Objects;

/**
 * What one {@link dev.hostpolicy.api.spi.EnvironmentProbe} reported, and the stage the gate read from
 * it: production if any label is a production label, else development if any label is a development
 * label, else unrecognised. A probe that threw is recorded with {@code failed = true} and counts as
 * production.
 *
 * <pre>{@code
 * for (ProbeReading r : gate.readings()) {
 *   out.println(r.probeId() + " " + r.labels() + " -> " + r.stage());
 * }
 * }</pre>
 *
 * @param probeId the probe's id
 * @param labels the labels it reported (cleaned of control characters)
 * @param stage the stage the gate read from them
 * @param failed whether the probe threw
 */
public record ProbeReading(String probeId, List<String> labels, DeploymentStage stage, boolean failed) {

  /** Copies the labels. */
  public ProbeReading {
    Objects.requireNonNull(probeId, "probeId");
    labels = List.copyOf(labels);
    Objects.requireNonNull(stage, "stage");
  }

  /** The stage of a list of labels: production beats development beats unrecognised. */
  static DeploymentStage stageOf(List<String> labels) {
    boolean dev = false;
    for (String label : labels) {
      DeploymentStage s = DeploymentStage.classify(label);
      if (s == DeploymentStage.PRODUCTION) {
        return s;
      }
      dev |= s == DeploymentStage.DEVELOPMENT;
    }
    return dev ? DeploymentStage.DEVELOPMENT : DeploymentStage.UNRECOGNISED;
  }

  /** {@code probe-id=label,label (stage)}. */
  @Override
  public String toString() {
    return probeId + "=" + (failed ? "(failed)" : String.join(",", labels)) + " (" + stage + ")";
  }
}
