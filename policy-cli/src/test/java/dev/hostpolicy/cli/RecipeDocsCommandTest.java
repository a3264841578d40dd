package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code hostpolicy docs recipes/<style>} prints each host-style recipe byte for byte. */
class RecipeDocsCommandTest {

  @ParameterizedTest
  @ValueSource(strings = {"devloop", "infinite-loop", "devbox", "devtools"})
  void eachRecipeIsServed(String style) throws Exception {
    CliRun r = CliRun.run("docs", "recipes/" + style);
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).isEqualTo(Files.readAllBytes(Path.of("..", "docs", "recipes", style + ".md")));
    assertThat(CliRun.run("docs").out()).contains("`recipes/" + style + "`");
  }
}
