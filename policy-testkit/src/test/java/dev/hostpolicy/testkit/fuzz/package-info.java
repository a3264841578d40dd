/**
 * Jazzer fuzz targets for the policy-core parsers of untrusted input. In {@code mvn verify} they run
 * in regression mode over the committed seed corpus under
 * {@code src/test/resources/dev/hostpolicy/testkit/fuzz/<Class>Inputs/<method>/}; {@code fuzz/run}
 * runs one in fuzzing mode. Each target accepts a result or the parser's documented typed exception
 * and lets anything else escape as a finding.
 */
package dev.hostpolicy.testkit.fuzz;
