package io.ctsuite.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class ExpressionTest {
  private static boolean matches(String expression, Map<String, Object> record) {
    return Expression.parse(expression).matches(record::get);
  }

  private static Map<String, Object> run() {
    Map<String, Object> record = new HashMap<>();
    record.put("lr", 0.01);
    record.put("batch", "32");
    record.put("tags.arch", "resnet50");
    record.put("metrics.val/mAP", 0.41);
    record.put("source", "hospital-c");
    record.put("size", 2_500_000L);
    record.put("path", "videos/2024/case-17.mp4");
    record.put("loss", Double.NaN);
    return record;
  }

  @Test
  public void shouldCombineComparisonsOverParamsAndTags() {
    assertThat(matches("lr < 0.05 and tags.arch == 'resnet50'", run())).isTrue();
    assertThat(matches("lr < 0.005 or tags.arch == 'vit'", run())).isFalse();
    assertThat(matches("not (lr >= 0.05)", run())).isTrue();
  }

  @Test
  public void shouldCompareNumericTextAsNumbers() {
    assertThat(matches("batch == 32", run())).isTrue();
    assertThat(matches("batch > 4", run())).isTrue();
  }

  @Test
  public void shouldReadMetricKeysWithSlashes() {
    assertThat(matches("metrics.val/mAP >= 0.4", run())).isTrue();
    assertThat(Expression.parse("metrics.val/mAP >= 0.4").names())
        .containsExactly("metrics.val/mAP");
  }

  @Test
  public void shouldSupportInListsUnitsAndGlobs() {
    assertThat(
            matches(
                "source in ('hospital-a','hospital-c') and size > 1MB and path matches 'videos/**.mp4'",
                run()))
        .isTrue();
    assertThat(matches("source not in ('hospital-c')", run())).isFalse();
    assertThat(matches("size > 2MiB", run())).isTrue();
    assertThat(matches("size > 3MB", run())).isFalse();
  }

  @Test
  public void shouldTreatMissingValuesAndNaNAsNotComparable() {
    assertThat(matches("epochs > 3", run())).isFalse();
    assertThat(matches("epochs <= 3", run())).isFalse();
    assertThat(matches("epochs == null", run())).isTrue();
    assertThat(matches("loss < 1", run())).isFalse();
  }

  @Test
  public void shouldMatchRegularExpressionsAndBackQuotedNames() {
    Map<String, Object> record = run();
    record.put("odd key!", "x");
    assertThat(matches("tags.arch ~ 'resnet\\\\d+'", record)).isTrue();
    assertThat(matches("`odd key!` == 'x'", record)).isTrue();
  }

  @Test
  public void shouldReadNonFiniteNumbersWrittenAsText() {
    Map<String, Object> record = run();
    record.put("best", "-Infinity");
    record.put("worst", "Infinity");
    assertThat(matches("best < -1e300 and worst > 1e300", record)).isTrue();
    assertThat(matches("tags.arch > 5", record)).isFalse();
  }

  @Test
  public void shouldMatchEverythingWhenBlank() {
    assertThat(matches("  ", run())).isTrue();
    assertThat(Expression.parse(null).matches(name -> null)).isTrue();
  }

  @Test
  public void shouldNameTheColumnOfASyntaxError() {
    assertThatThrownBy(() -> Expression.parse("lr < 0.05 and and"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("column 15")
        .hasMessageContaining("keyword 'and'");
    assertThatThrownBy(() -> Expression.parse("size > 3XB"))
        .hasMessageContaining("unknown unit 'XB'");
    assertThatThrownBy(() -> Expression.parse("source in ('a'"))
        .hasMessageContaining("expected ')'");
    assertThatThrownBy(() -> Expression.parse("name == 'open"))
        .hasMessageContaining("unterminated string");
  }
}
