package io.ctsuite.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

public class MetaTest {
  @Test
  public void shouldWriteCanonicalJsonThatAnyJsonReaderAgreesWith() throws Exception {
    Meta meta =
        Meta.of(
            "hospital \"a\"\\east",
            List.of("b\nleeding", "é", "ctl\u0001"),
            3,
            new TreeMap<>(Map.of("fps", "30", "vendor/name", "acme\ttab")));

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("source", meta.source());
    expected.put("labels", meta.labels());
    expected.put("annotations", 3);
    expected.put("extra", meta.extra());
    assertThat(meta.canonical()).isEqualTo(Json.compact().writeValueAsString(expected));
    assertThat(Meta.parseCanonical(meta.canonical())).isEqualTo(meta);
  }

  @Test
  public void shouldSortLabelsAndDropBlanks() {
    Meta meta = Meta.of(Map.of("labels", "polyp; bleeding;;", "source", " ", "annotations", "0"));

    assertThat(meta.labels()).containsExactly("bleeding", "polyp");
    assertThat(meta.source()).isNull();
    assertThat(meta.canonical())
        .isEqualTo("{\"labels\":[\"bleeding\",\"polyp\"],\"annotations\":0}");
    assertThat(Meta.of(Map.of()).canonical()).isEqualTo("{}");
  }

  @Test
  public void shouldRefuseAnAnnotationCountThatIsNotAWholeNumber() {
    assertThatThrownBy(() -> Meta.of(Map.of("annotations", "-1")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'annotations' must be a whole number");
  }
}
