package io.ctsuite.datasets.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.Manifests;
import java.util.List;
import org.junit.Test;

public class DiffTest {
  private final Manifest before =
      Manifests.manifest()
          .file("a/1.mp4", "one", "hospital-a", "bleeding")
          .file("a/2.mp4", "two", "hospital-a", "normal")
          .file("a/3.mp4", "three", "hospital-a", "normal")
          .file("b/4.mp4", "four", "hospital-b", "haemorrhage")
          .build();
  private final Manifest after =
      Manifests.manifest()
          .file("a/1.mp4", "one", "hospital-a", "bleeding")
          .file("a/2.mp4", "two, relabelled", "hospital-a", "normal")
          .file("a/moved-3.mp4", "three", "hospital-a", "normal")
          .file("c/5.mp4", "five", "hospital-c", "bleeding")
          .file("c/6.mp4", "six", "hospital-c", "bleeding")
          .build();

  @Test
  public void shouldFindAddedRemovedModifiedAndRenamedEntries() {
    ManifestDiff diff = ManifestDiff.between(before, after);

    assertThat(diff.addedCount()).isEqualTo(2);
    assertThat(diff.removedCount()).isEqualTo(1);
    assertThat(diff.modifiedCount()).isEqualTo(1);
    assertThat(diff.renamedCount()).isEqualTo(1);
    List<ManifestDiff.Change> changes = diff.changes(10);
    assertThat(changes)
        .extracting(
            ManifestDiff.Change::kind, ManifestDiff.Change::path, ManifestDiff.Change::oldPath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("added", "c/5.mp4", null),
            org.assertj.core.groups.Tuple.tuple("added", "c/6.mp4", null),
            org.assertj.core.groups.Tuple.tuple("removed", "b/4.mp4", null),
            org.assertj.core.groups.Tuple.tuple("modified", "a/2.mp4", null),
            org.assertj.core.groups.Tuple.tuple("renamed", "a/moved-3.mp4", "a/3.mp4"));
  }

  @Test
  public void shouldCountPerSourceAndLabelWithAliases() {
    DatasetChange change =
        ManifestDiff.between(before, after)
            .summarize(
                "videos",
                "v1",
                "v2",
                LabelAliases.ofRules(List.of("haemorrhage=bleeding"), "test"));

    assertThat(change.growth()).isEqualTo(5.0 / 4);
    assertThat(change.newSources()).containsExactly("hospital-c");
    assertThat(change.goneSources()).containsExactly("hospital-b");
    assertThat(change.bySource().get("hospital-c").added()).isEqualTo(2);
    assertThat(change.bySource().get("hospital-b").removed()).isEqualTo(1);
    GroupChange bleeding = change.byLabel().get("bleeding");
    assertThat(bleeding.filesBefore()).isEqualTo(2);
    assertThat(bleeding.filesAfter()).isEqualTo(3);
    assertThat(change.byLabel()).doesNotContainKey("haemorrhage");
    assertThat(change.addedBytes()).isEqualTo("five".length() + "six".length());
    // before: bleeding 2/4, normal 2/4; after: bleeding 3/5, normal 2/5
    assertThat(change.labelShift()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  public void shouldSeeNoChangeBetweenEqualVersions() {
    DatasetChange change = ManifestDiff.between(before, before).summarize("v", "v1", "v1", null);

    assertThat(change.unchanged()).isTrue();
    assertThat(change.growth()).isEqualTo(1.0);
    assertThat(change.labelShift()).isZero();
  }

  @Test
  public void shouldTreatEverythingAsAddedAgainstAnEmptyVersion() {
    ManifestDiff diff = ManifestDiff.between(Manifest.EMPTY, after);

    assertThat(diff.addedCount()).isEqualTo(5);
    assertThat(diff.summarize("v", "v0", "v1", null).growth()).isInfinite();
  }
}
