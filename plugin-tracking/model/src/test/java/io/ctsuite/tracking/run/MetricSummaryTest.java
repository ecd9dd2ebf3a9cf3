package io.ctsuite.tracking.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.Test;

public class MetricSummaryTest {
  private static MetricSummary summaryOf(double... values) {
    MetricSummary.Accumulator acc = new MetricSummary.Accumulator();
    for (int i = 0; i < values.length; i++) {
      acc.add(i, 1000L * i, values[i]);
    }
    return acc.summary();
  }

  @Test
  public void shouldKeepTheMeanOfTheValues() {
    MetricSummary utilisation = summaryOf(20, 40, 90, 50);

    assertThat(utilisation.mean()).isCloseTo(50.0, within(1e-12));
  }

  @Test
  public void shouldLeaveNaNOutOfTheMeanButCountIt() {
    MetricSummary loss = summaryOf(2.5, Double.NaN, 0.5);

    assertThat(loss.count()).isEqualTo(3);
    assertThat(loss.mean()).isCloseTo(1.5, within(1e-12));
  }

  @Test
  public void shouldHaveNoMeanWithoutANumber() {
    assertThat(summaryOf(Double.NaN, Double.NaN).mean()).isNaN();
    assertThat(summaryOf().mean()).isNaN();
  }

  @Test
  public void shouldGiveTheSameMeanPointByPointAsForTheWholeSeries() {
    MetricSeries.Builder series = new MetricSeries.Builder("gpu0/util_percent");
    double[] values = {3, 1, 4, 1, 5, 9, 2, 6};
    for (int i = 0; i < values.length; i++) {
      series.add(values.length - i, i, values[i]);
    }

    assertThat(MetricSummary.of(series.build()).mean()).isCloseTo(31.0 / 8, within(1e-12));
  }

  @Test
  public void shouldHaveAnUnknownMeanWhenBuiltWithoutOne() {
    MetricSummary old = new MetricSummary(2, 1, 3, 1, 3, 0, 1, 0, 1, 5);

    assertThat(old.mean()).isNaN();
    assertThat(old).isNotEqualTo(new MetricSummary(2, 1, 3, 1, 3, 0, 1, 0, 1, 5, 2.0));
  }
}
