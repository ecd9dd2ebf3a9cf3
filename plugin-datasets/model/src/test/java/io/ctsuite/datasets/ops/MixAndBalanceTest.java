package io.ctsuite.datasets.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class MixAndBalanceTest {
  private static Manifest dataset(String prefix, int files, String label) {
    Manifests m = Manifests.manifest();
    for (int i = 0; i < files; i++) {
      m.file(prefix + i, prefix + " content " + i, "src", label);
    }
    return m.build();
  }

  private static Manifest labelled(int bleeding, int normal, int polyp) {
    Manifests m = Manifests.manifest();
    for (int i = 0; i < bleeding; i++) {
      m.file("b" + i, "b" + i, "s", "bleeding");
    }
    for (int i = 0; i < normal; i++) {
      m.file("n" + i, "n" + i, "s", "normal");
    }
    for (int i = 0; i < polyp; i++) {
      m.file("p" + i, "p" + i, "s", "polyp");
    }
    return m.build();
  }

  private static int count(Manifest m, String label) {
    int n = 0;
    for (int i = 0; i < m.size(); i++) {
      n += m.meta(i).labels().contains(label) ? 1 : 0;
    }
    return n;
  }

  @Test
  public void shouldMixByFractionsDeterministically() {
    List<Mixer.Part> parts =
        List.of(
            new Mixer.Part("a", "a@v1", dataset("x", 100, "l"), 0.7),
            new Mixer.Part("b", "b@v1", dataset("y", 100, "l"), 0.3));

    Manifest mix = Mixer.mix(parts, Mixer.Mode.FRACTIONS, 50, 42);
    Manifest again = Mixer.mix(parts, Mixer.Mode.FRACTIONS, 50, 42);
    Manifest otherSeed = Mixer.mix(parts, Mixer.Mode.FRACTIONS, 50, 43);

    assertThat(mix.size()).isEqualTo(50);
    assertThat(mix.filter(i -> mix.path(i).startsWith("a/")).size()).isEqualTo(35);
    assertThat(mix.filter(i -> mix.path(i).startsWith("b/")).size()).isEqualTo(15);
    assertThat(again.id()).isEqualTo(mix.id());
    assertThat(otherSeed.id()).isNotEqualTo(mix.id());
    assertThat(mix.origin(0).prefix()).isEqualTo("a/");
    assertThat(mix.origin(0).relative(mix.path(0))).startsWith("x");
  }

  @Test
  public void shouldTakeTheLargestMixTheFractionsAllow() {
    List<Mixer.Part> parts =
        List.of(
            new Mixer.Part("a", "a@v1", dataset("x", 100, "l"), 0.5),
            new Mixer.Part("b", "b@v1", dataset("y", 30, "l"), 0.5));

    assertThat(Mixer.mix(parts, Mixer.Mode.FRACTIONS, -1, 1).size()).isEqualTo(60);
    assertThatThrownBy(() -> Mixer.mix(parts, Mixer.Mode.FRACTIONS, 100, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("b@v1 has 30 entries")
        .hasMessageContaining("at most 60");
  }

  @Test
  public void shouldMixByWeightsAndRefuseBadShares() {
    List<Mixer.Part> parts =
        List.of(
            new Mixer.Part("a", "a@v1", dataset("x", 100, "l"), 1.0),
            new Mixer.Part("b", "b@v1", dataset("y", 40, "l"), 0.25));

    assertThat(Mixer.mix(parts, Mixer.Mode.WEIGHTS, -1, 1).size()).isEqualTo(110);
    assertThatThrownBy(
            () ->
                Mixer.mix(
                    List.of(new Mixer.Part("a", "a@v1", dataset("x", 10, "l"), 0.6)),
                    Mixer.Mode.FRACTIONS,
                    -1,
                    1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("add up to 0.6000");
  }

  @Test
  public void shouldUniteVersionsOfOneDatasetWithoutPrefix() {
    Manifest v1 = dataset("x", 10, "l");
    Manifest v2 = dataset("x", 20, "l");

    Manifest mix =
        Mixer.mix(
            List.of(new Mixer.Part("a", "a@v1", v1, 1.0), new Mixer.Part("a", "a@v2", v2, 1.0)),
            Mixer.Mode.WEIGHTS,
            -1,
            1);

    assertThat(mix.size()).isEqualTo(20);
    assertThat(mix.id()).isEqualTo(v2.id());
  }

  @Test
  public void shouldCapEveryLabel() {
    Manifest m = labelled(50, 200, 5);

    Manifest capped = Balancer.cap(m, "label", 20, 7, LabelAliases.NONE);

    assertThat(count(capped, "bleeding")).isEqualTo(20);
    assertThat(count(capped, "normal")).isEqualTo(20);
    assertThat(count(capped, "polyp")).isEqualTo(5);
    assertThat(Balancer.cap(m, "label", 20, 7, LabelAliases.NONE).id()).isEqualTo(capped.id());
  }

  @Test
  public void shouldSampleDownToATargetDistribution() {
    Manifest m = labelled(50, 200, 5);

    Manifest balanced =
        Balancer.toTarget(
            m, "label", Balancer.parseTarget("bleeding=0.2,normal=0.8"), -1, 3, LabelAliases.NONE);

    assertThat(count(balanced, "bleeding")).isEqualTo(50);
    assertThat(count(balanced, "normal")).isEqualTo(200);
    Manifest uniform = Balancer.toTarget(m, "label", Balancer.parseTarget("uniform"), -1, 3, null);
    assertThat(uniform.size()).isEqualTo(15);
    assertThatThrownBy(
            () ->
                Balancer.toTarget(
                    m, "label", Map.of("bleeding", 0.5, "normal", 0.5), 1000, 3, null))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'bleeding' has only 50 entries");
    assertThatThrownBy(() -> Balancer.toTarget(m, "label", Map.of("tumour", 1.0), -1, 3, null))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'tumour' is not a label of this version");
  }

  @Test
  public void shouldPutAnEntryWithSeveralLabelsInItsRarestLabel() {
    Manifest m =
        Manifests.manifest()
            .file("1", "1", "s", "common")
            .file("2", "2", "s", "common")
            .file("3", "3", "s", "common;rare")
            .build();

    Map<String, int[]> groups = Balancer.groups(m, "label", null);

    assertThat(groups.get("rare")).containsExactly(2);
    assertThat(groups.get("common")).containsExactly(0, 1);
  }
}
