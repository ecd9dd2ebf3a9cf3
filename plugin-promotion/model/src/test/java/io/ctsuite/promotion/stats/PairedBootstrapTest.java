package io.ctsuite.promotion.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.Test;

public class PairedBootstrapTest {
  private static double[][] pairedScores(int n, double shift, long seed) {
    Random random = new Random(seed);
    double[] baseline = new double[n];
    double[] candidate = new double[n];
    for (int i = 0; i < n; i++) {
      double difficulty = random.nextGaussian();
      baseline[i] = difficulty + random.nextGaussian() * 0.5;
      candidate[i] = difficulty + shift + random.nextGaussian() * 0.5;
    }
    return new double[][] {candidate, baseline};
  }

  @Test
  public void shouldGiveTheSameIntervalForTheSameSeed() {
    double[][] data = pairedScores(2_000, 0.05, 1);
    Interval first = new PairedBootstrap(2_000, 0.05, 11).meanDifference(data[0], data[1]);
    Interval second = new PairedBootstrap(2_000, 0.05, 11).meanDifference(data[0], data[1]);
    assertThat(second).isEqualTo(first);
    Interval otherSeed = new PairedBootstrap(2_000, 0.05, 12).meanDifference(data[0], data[1]);
    assertThat(otherSeed.low()).isNotEqualTo(first.low());
  }

  @Test
  public void shouldNotDependOnHowManyThreadsRunIt() {
    double[][] data = pairedScores(3_000, 0.0, 2);
    double[] differences = new double[3_000];
    for (int i = 0; i < differences.length; i++) {
      differences[i] = data[0][i] - data[1][i];
    }
    double[] parallel = new PairedBootstrap(1_000, 0.05, 5, true).resampledMeans(differences);
    double[] sequential = new PairedBootstrap(1_000, 0.05, 5, false).resampledMeans(differences);
    assertThat(parallel).containsExactly(sequential);
  }

  @Test
  public void shouldSpreadResampledMeansByTheStandardError() {
    double[][] data = pairedScores(5_000, 0.1, 3);
    double[] d = new double[5_000];
    double mean = 0;
    for (int i = 0; i < d.length; i++) {
      d[i] = data[0][i] - data[1][i];
      mean += d[i];
    }
    mean /= d.length;
    double variance = 0;
    for (double v : d) {
      variance += (v - mean) * (v - mean);
    }
    double standardError = Math.sqrt(variance / d.length / d.length);
    double[] means = new PairedBootstrap(4_000, 0.05, 9).resampledMeans(d);
    double sum = 0;
    double sumSquares = 0;
    for (double m : means) {
      sum += m;
      sumSquares += m * m;
    }
    double meanOfMeans = sum / means.length;
    double spread = Math.sqrt(sumSquares / means.length - meanOfMeans * meanOfMeans);
    assertThat(meanOfMeans).isCloseTo(mean, offset(standardError * 0.1));
    assertThat(spread / standardError).isCloseTo(1.0, offset(0.05));
  }

  @Test
  public void shouldCoverAShiftWithTheInterval() {
    double[][] data = pairedScores(4_000, 0.2, 4);
    Interval interval = new PairedBootstrap(5_000, 0.05, 1).meanDifference(data[0], data[1]);
    assertThat(interval.estimate()).isCloseTo(0.2, offset(0.03));
    assertThat(interval.low()).isLessThan(interval.estimate()).isGreaterThan(0.1);
    assertThat(interval.high()).isGreaterThan(interval.estimate()).isLessThan(0.3);
    assertThat(interval.above(0)).isTrue();
    assertThat(interval.confidence()).isEqualTo(0.95);
  }

  @Test
  public void shouldResampleCountsWithTheSameDistributionAsIndices() {
    Random random = new Random(6);
    double[] d = new double[20_000];
    for (int i = 0; i < d.length; i++) {
      double u = random.nextDouble();
      d[i] = u < 0.06 ? 1 : u < 0.10 ? -1 : 0; // correct/incorrect differences
    }
    PairedBootstrap bootstrap = new PairedBootstrap(4_000, 0.05, 8);
    double[] byCounts = bootstrap.resampledMeans(DistinctValues.of(d, 64), d.length);
    double[] byIndices = bootstrap.resampledMeansByIndex(d);
    assertThat(mean(byCounts)).isCloseTo(mean(byIndices), offset(0.0002));
    assertThat(sd(byCounts) / sd(byIndices)).isCloseTo(1.0, offset(0.06));
    assertThat(bootstrap.resampledMeans(d)).containsExactly(byCounts);
    double[] sequential =
        new PairedBootstrap(4_000, 0.05, 8, false)
            .resampledMeans(DistinctValues.of(d, 64), d.length);
    assertThat(sequential).containsExactly(byCounts);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double sd(double[] values) {
    double m = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - m) * (v - m);
    }
    return Math.sqrt(sum / values.length);
  }

  @Test
  public void shouldResampleByIndexWithTheRightSpreadForEverySize() {
    // below one chunk, a whole number of chunks, and chunks with a partial one at the end
    for (int n : new int[] {700, 4_096, 10_001}) {
      Random random = new Random(n);
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = random.nextGaussian() + (i % 7 == 0 ? 3 : 0); // position matters, so chunks must too
      }
      double expectedSe = sd(d) / Math.sqrt(n);
      double[] means = new PairedBootstrap(3_000, 0.05, 2).resampledMeansByIndex(d);
      assertThat(mean(means)).as("n=%d", n).isCloseTo(mean(d), offset(expectedSe * 0.1));
      assertThat(sd(means) / expectedSe).as("n=%d", n).isCloseTo(1.0, offset(0.07));
    }
  }

  @Test
  public void shouldDrawEveryExampleEquallyOften() {
    // one-hot values: the resampled mean of d_j = [i == j] estimates how often index j is drawn
    int n = 5_000;
    PairedBootstrap bootstrap = new PairedBootstrap(2_000, 0.05, 4);
    for (int j : new int[] {0, 2_047, 2_048, 4_999}) {
      double[] d = new double[n];
      d[j] = n; // scaled so that the expected mean is 1 per draw share
      double drawn = mean(bootstrap.resampledMeansByIndex(d));
      assertThat(drawn).as("index %d", j).isCloseTo(1.0, offset(0.1));
    }
  }

  @Test
  public void shouldGiveAZeroWidthIntervalForIdenticalModels() {
    double[] same = {1, 0, 1, 1, 0, 1};
    Interval interval = new PairedBootstrap(1_000, 0.05, 1).meanDifference(same, same.clone());
    assertThat(interval.low()).isZero();
    assertThat(interval.high()).isZero();
  }

  @Test
  public void shouldRefuseUnpairedSamples() {
    assertThatThrownBy(
            () -> new PairedBootstrap(100, 0.05, 1).meanDifference(new double[2], new double[3]))
        .hasMessageContaining("differ in size: 2 and 3");
    assertThatThrownBy(() -> new PairedBootstrap(100, 1.5, 1))
        .hasMessageContaining("alpha must be between 0 and 1");
  }

  @Test
  public void shouldInterpolateQuantilesLikeNumpy() {
    double[] sorted = {1, 2, 3, 4};
    // numpy.percentile([1, 2, 3, 4], [2.5, 50, 97.5]) = [1.075, 2.5, 3.925]
    assertThat(Quantiles.linear(sorted, 0.025)).isCloseTo(1.075, offset(1e-12));
    assertThat(Quantiles.linear(sorted, 0.5)).isCloseTo(2.5, offset(1e-12));
    assertThat(Quantiles.linear(sorted, 0.975)).isCloseTo(3.925, offset(1e-12));
    assertThat(Quantiles.linear(sorted, 1.0)).isEqualTo(4);
  }
}
