package io.ctsuite.tracking.sweep.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.tracking.sweep.space.SearchSpace;
import io.ctsuite.tracking.sweep.space.SpaceParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class SamplerTest {
  private static final SearchSpace FULL =
      SpaceParser.parse(Path.of("src/test/resources/sweep/space-full.yaml"));

  @Test
  public void shouldGiveTheSameParametersForTheSameSeedAndIndex() {
    Sampler first = new Sampler(FULL, SamplerKind.RANDOM, 42);
    Sampler again = new Sampler(FULL, SamplerKind.RANDOM, 42);
    Sampler other = new Sampler(FULL, SamplerKind.RANDOM, 43);

    assertThat(again.sample(7)).isEqualTo(first.sample(7));
    assertThat(other.sample(7)).isNotEqualTo(first.sample(7));
    // independent of what was drawn before: a resumed sweep asks for trial 7 directly
    assertThat(new Sampler(FULL, SamplerKind.RANDOM, 42).sample(7)).isEqualTo(first.sample(7));
  }

  @Test
  public void shouldKeepEveryValueInsideItsDomain() {
    for (SamplerKind kind : SamplerKind.values()) {
      Sampler sampler = new Sampler(FULL, kind, 5);
      for (int i = 0; i < 500; i++) {
        Map<String, Object> params = sampler.sample(i);
        assertThat((Double) params.get("lr")).isBetween(1e-4, 0.1);
        assertThat((Double) params.get("dropout")).isBetween(0.0, 0.5);
        assertThat((Long) params.get("layers")).isIn(2L, 4L, 6L, 8L);
        assertThat((Long) params.get("width")).isBetween(16L, 512L);
        assertThat(params.get("optimizer")).isIn("sgd", "adam");
        assertThat(params.get("seed_note")).isEqualTo("fixed");
      }
    }
  }

  @Test
  public void shouldReachBothEndsOfAnIntegerRange() {
    Sampler sampler = new Sampler(FULL, SamplerKind.RANDOM, 1);
    Set<Object> layers = new HashSet<>();
    Set<Object> widths = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      layers.add(sampler.sample(i).get("layers"));
      widths.add(sampler.sample(i).get("width"));
    }
    assertThat(layers).containsExactlyInAnyOrder(2L, 4L, 6L, 8L);
    assertThat(widths).contains(16L, 512L);
  }

  @Test
  public void shouldSpreadALogUniformParameterEvenlyOverDecades() {
    Sampler sampler = new Sampler(FULL, SamplerKind.RANDOM, 3);
    int[] decades = new int[3];
    int n = 3000;
    for (int i = 0; i < n; i++) {
      double lr = (Double) sampler.sample(i).get("lr");
      decades[Math.min(2, (int) Math.floor(Math.log10(lr) + 4))]++;
    }
    for (int count : decades) {
      assertThat(count).isBetween(n / 3 - 150, n / 3 + 150);
    }
  }

  @Test
  public void shouldSetAConditionalParameterOnlyWhenItsConditionHolds() {
    Sampler sampler = new Sampler(FULL, SamplerKind.RANDOM, 9);
    int withMomentum = 0;
    for (int i = 0; i < 200; i++) {
      Map<String, Object> params = sampler.sample(i);
      if (params.get("optimizer").equals("sgd")) {
        assertThat((Double) params.get("momentum")).isBetween(0.8, 0.99);
        withMomentum++;
      } else {
        assertThat(params).doesNotContainKey("momentum");
      }
    }
    assertThat(withMomentum).isBetween(60, 140);
  }

  @Test
  public void shouldPickADependentParametersRangeByItsParentsValue() {
    Sampler sampler = new Sampler(FULL, SamplerKind.SOBOL, 9);
    for (int i = 0; i < 200; i++) {
      Map<String, Object> params = sampler.sample(i);
      double warmup = (Double) params.get("warmup_lr");
      if (params.get("batch_size").equals(32L)) {
        assertThat(warmup).isBetween(1e-5, 1e-3);
      } else {
        assertThat(warmup).isBetween(1e-4, 1e-2);
      }
      if (params.get("epochs").equals(30L)) {
        assertThat(params.get("milestones")).isIn(List.of(10L, 20L), List.of(15L, 25L));
      } else {
        assertThat(params.get("milestones")).isEqualTo(List.of(30L, 60L));
      }
    }
  }

  @Test
  public void shouldEnumerateEveryGridCombinationInOrder() {
    Sampler sampler = new Sampler(FULL, SamplerKind.RANDOM, 0);
    List<List<Object>> combos = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Map<String, Object> params = sampler.sample(i);
      combos.add(List.of(params.get("batch_size"), params.get("epochs")));
    }
    assertThat(combos)
        .containsExactly(
            List.of(32L, 30L),
            List.of(32L, 90L),
            List.of(64L, 30L),
            List.of(64L, 90L),
            List.of(128L, 30L),
            List.of(128L, 90L),
            List.of(32L, 30L));
  }

  @Test
  public void shouldKeepTheDeclarationOrderInEachTrial() {
    Map<String, Object> params = new Sampler(FULL, SamplerKind.RANDOM, 0).sample(0);
    List<String> keys = new ArrayList<>(params.keySet());
    assertThat(keys.get(0)).isEqualTo("lr");
    assertThat(keys.get(keys.size() - 1)).isEqualTo("seed_note");
  }

  @Test
  public void shouldCoverAChoiceEvenlyWithSobolPoints() {
    Map<String, Object> space = new LinkedHashMap<>();
    space.put("opt", List.of("a", "b", "c", "d"));
    space.put("lr", Map.of("uniform", List.of(0, 1)));
    Sampler sampler = new Sampler(SpaceParser.fromMap(space, "space"), SamplerKind.SOBOL, 11);
    Map<Object, Integer> counts = new LinkedHashMap<>();
    int[] halves = new int[2];
    for (int i = 0; i < 16; i++) {
      Map<String, Object> params = sampler.sample(i);
      counts.merge(params.get("opt"), 1, Integer::sum);
      halves[(Double) params.get("lr") < 0.5 ? 0 : 1]++;
    }
    // 16 Sobol points put exactly 4 in each quarter of every axis, even after the digital shift
    assertThat(counts)
        .containsOnly(Map.entry("a", 4), Map.entry("b", 4), Map.entry("c", 4), Map.entry("d", 4));
    assertThat(halves).containsExactly(8, 8);
  }

  @Test
  public void shouldRefuseSobolPointsForMoreDimensionsThanItsTableHas() {
    Map<String, Object> space = new LinkedHashMap<>();
    for (int i = 0; i < 33; i++) {
      space.put("p" + i, Map.of("uniform", List.of(0, 1)));
    }
    SearchSpace wide = SpaceParser.fromMap(space, "space");

    assertThatThrownBy(() -> new Sampler(wide, SamplerKind.SOBOL, 0))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(
            "up to 32 searched parameters, this space has 33; use the random sampler");
    assertThat(new Sampler(wide, SamplerKind.RANDOM, 0).sample(0)).hasSize(33);
  }

  @Test
  public void shouldNameAnUnknownSampler() {
    assertThatThrownBy(() -> SamplerKind.parse("halton", "sampler"))
        .hasMessage("sampler: unknown sampler 'halton'; use random or sobol");
  }
}
