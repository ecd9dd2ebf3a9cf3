package io.ctsuite.datasets.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.Manifests;
import io.ctsuite.datasets.Meta;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class StatsTest {
  private final Manifest manifest =
      Manifests.manifest()
          .file("1", "a", "hospital-a", "bleeding")
          .file("2", "bb", "hospital-a", "bleeding")
          .file("3", "ccc", "hospital-b", "haemorrhage")
          .file("4", "dddd", "hospital-b", "Hemorrhage")
          .file("5", "eeeee", "hospital-b", "cholecystectomy")
          .file("6", "ffffff", "hospital-b", "cholecystecotmy")
          .file("7", "g", Meta.of(Map.of("annotations", "7")))
          .build();

  @Test
  public void shouldCountFilesAndBytesPerSourceAndLabel() {
    DatasetStats stats = DatasetStats.of(manifest, LabelAliases.NONE);

    assertThat(stats.files()).isEqualTo(7);
    assertThat(stats.bytes()).isEqualTo(22);
    assertThat(stats.bySource().get("hospital-b")).isEqualTo(new DatasetStats.Group(4, 18));
    assertThat(stats.bySource().get("(none)").files()).isEqualTo(1);
    assertThat(stats.byLabel().get("bleeding").files()).isEqualTo(2);
    assertThat(stats.unlabelled()).isEqualTo(1);
    assertThat(stats.annotations()).isEqualTo(7);
  }

  @Test
  public void shouldMergeAliasedLabelsIntoTheCanonicalOne() {
    LabelAliases aliases =
        LabelAliases.parse("bleeding: [haemorrhage, hemorrhage]\n", "aliases.yaml");

    DatasetStats stats = DatasetStats.of(manifest, aliases);

    assertThat(stats.byLabel().get("bleeding").files()).isEqualTo(4);
    assertThat(stats.byLabel()).doesNotContainKeys("haemorrhage", "Hemorrhage");
  }

  @Test
  public void shouldReportLabelsThatLookAlikeButAreNotMapped() {
    List<LookAlikes.Pair> pairs = DatasetStats.of(manifest, LabelAliases.NONE).lookAlikes();

    assertThat(pairs)
        .extracting(p -> new java.util.TreeSet<>(List.of(p.label(), p.similar())).toString())
        .containsExactlyInAnyOrder(
            "[Hemorrhage, haemorrhage]", "[cholecystecotmy, cholecystectomy]");
    assertThat(
            DatasetStats.of(
                    manifest,
                    LabelAliases.parse("{\"hemorrhage\": [\"haemorrhage\", \"Hemorrhage\"]}", "x"))
                .lookAlikes())
        .extracting(LookAlikes.Pair::why)
        .containsExactly("one letter apart");
  }

  @Test
  public void shouldNotConfuseDifferentWords() {
    assertThat(LookAlikes.find(Map.of("polyp", 3L, "normal", 4L, "tumor", 2L, "tumour", 1L)))
        .extracting(LookAlikes.Pair::label)
        .containsExactly("tumour");
  }
}
