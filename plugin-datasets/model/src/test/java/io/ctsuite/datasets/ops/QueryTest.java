package io.ctsuite.datasets.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.Manifests;
import io.ctsuite.datasets.Meta;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class QueryTest {
  private final Manifest manifest =
      Manifests.manifest()
          .sized("a/big.mp4", 5_000_000, "1", meta("hospital-a", "cholecystectomy"))
          .sized("a/small.mp4", 10, "2", meta("hospital-a", "cholecystectomy"))
          .sized("b/big.mp4", 5_000_000, "3", meta("hospital-b", "cholecystectomy"))
          .sized("c/big.mp4", 5_000_000, "4", meta("hospital-c", "cholecystectomy;bleeding"))
          .sized("c/frames/1.png", 2_000_000, "5", meta("hospital-c", "haemorrhage"))
          .build();

  private static Meta meta(String source, String labels) {
    return Meta.of(Map.of("source", source, "labels", labels, "fps", "30"));
  }

  private List<String> paths(String query, LabelAliases aliases) {
    Manifest result = EntryQuery.parse(query).apply(manifest, aliases);
    List<String> paths = new java.util.ArrayList<>();
    for (int i = 0; i < result.size(); i++) {
      paths.add(result.path(i));
    }
    return paths;
  }

  @Test
  public void shouldSelectBySourceLabelAndSize() {
    assertThat(
            paths(
                "source in ('hospital-a','hospital-c') and label == 'cholecystectomy' and size > 1MB",
                LabelAliases.NONE))
        .containsExactly("a/big.mp4", "c/big.mp4");
  }

  @Test
  public void shouldMatchAnyOfSeveralLabelsAndApplyAliases() {
    LabelAliases aliases = LabelAliases.ofRules(List.of("haemorrhage=bleeding"), "t");

    assertThat(paths("label == 'bleeding'", aliases))
        .containsExactly("c/big.mp4", "c/frames/1.png");
    assertThat(paths("label == 'bleeding'", LabelAliases.NONE)).containsExactly("c/big.mp4");
  }

  @Test
  public void shouldMatchPathGlobsExtensionsAndMetadataKeys() {
    assertThat(paths("path matches 'c/**' and ext == 'png'", null))
        .containsExactly("c/frames/1.png");
    assertThat(paths("meta.fps == 30 and name == 'small.mp4'", null))
        .containsExactly("a/small.mp4");
    assertThat(paths("fps >= 30 and dir == 'b'", null)).containsExactly("b/big.mp4");
  }

  @Test
  public void shouldNameUnknownFieldsAndSyntaxErrors() {
    assertThat(
            EntryQuery.parse("labl == 'x' or fps > 1 or meta.source == 'a'").unknownNames(manifest))
        .containsExactly("labl");
    assertThatThrownBy(() -> EntryQuery.parse("size > "))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("column");
  }
}
