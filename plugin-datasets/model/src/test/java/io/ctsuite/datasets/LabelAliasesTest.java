package io.ctsuite.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import java.util.List;
import org.junit.Test;

public class LabelAliasesTest {
  @Test
  public void shouldMapAliasesExactlyThenIgnoringCase() {
    LabelAliases aliases = LabelAliases.ofRules(List.of("haemorrhage=bleeding"), "test");

    assertThat(aliases.canonical("haemorrhage")).isEqualTo("bleeding");
    assertThat(aliases.canonical("Haemorrhage")).isEqualTo("bleeding");
    assertThat(aliases.canonical("normal")).isEqualTo("normal");
    assertThat(aliases.canonical(List.of("haemorrhage", "bleeding", "normal")))
        .containsExactly("bleeding", "normal");
  }

  @Test
  public void shouldRoundTripThroughJson() {
    LabelAliases aliases =
        LabelAliases.ofRules(List.of("haemorrhage=bleeding", "hemorrhage=bleeding"), "t");

    LabelAliases back = LabelAliases.parse(aliases.toJson(), "aliases.json");

    assertThat(back).isEqualTo(aliases);
    assertThat(aliases.toJson()).contains("\"bleeding\"");
  }

  @Test
  public void shouldRefuseChainedOrMalformedRules() {
    assertThatThrownBy(() -> LabelAliases.ofRules(List.of("a=b", "b=c"), "--alias"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'a' maps to 'b', which is itself an alias of 'c'");
    assertThatThrownBy(() -> LabelAliases.ofRules(List.of("just-a-label"), "--alias"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("write alias=canonical");
    assertThatThrownBy(() -> LabelAliases.parse("bleeding: {x: 1}", "aliases.yaml"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("aliases.yaml: field 'bleeding'");
  }
}
