package io.ctsuite.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class SvgLineChartTest {

  @Test
  public void shouldDrawOneLinePerSeriesWithEveryFinitePoint() {
    String svg =
        new SvgLineChart("val/acc by epoch", "epoch")
            .add("production", new double[] {1, 2, 3}, new double[] {0.5, 0.7, 0.8})
            .add("candidate", new double[] {1, 2, 3}, new double[] {0.6, Double.NaN, 0.9})
            .render(600, 300);

    assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
    assertThat(svg.split("<polyline", -1)).hasSize(3);
    String candidate = svg.substring(svg.lastIndexOf("<polyline"));
    assertThat(candidate.substring(candidate.indexOf("points=\"")).split(",")).hasSize(3);
    assertThat(svg).contains(">production</text>", ">candidate</text>", ">epoch</text>");
  }

  @Test
  public void shouldEscapeNamesThatLookLikeMarkup() {
    String svg =
        new SvgLineChart("a <b> & \"c\"", "x")
            .add("<script>", new double[] {0, 1}, new double[] {0, 1})
            .render(400, 200);

    assertThat(svg)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;", "a &lt;b&gt; &amp; &quot;c&quot;");
  }

  @Test
  public void shouldPickRoundTicksCoveringTheRange() {
    assertThat(SvgLineChart.ticks(0.52, 0.91)).containsExactly(0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
    assertThat(SvgLineChart.ticks(1, 30)).containsExactly(0, 10, 20, 30);
  }
}
