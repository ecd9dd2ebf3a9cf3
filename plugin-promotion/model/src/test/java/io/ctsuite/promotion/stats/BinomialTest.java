package io.ctsuite.promotion.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.Test;

public class BinomialTest {
  /** Pearson's chi-squared of draws against the exact distribution, pooling small cells. */
  private static double chiSquared(long n, double p, int draws, long seed) {
    Xoshiro256 rng = new Xoshiro256(seed);
    int cells = (int) Math.min(n, 400_000) + 1;
    long[] observed = new long[cells];
    for (int i = 0; i < draws; i++) {
      long k = Binomial.sample(rng, n, p);
      assertThat(k).isBetween(0L, n);
      observed[(int) k]++;
    }
    double chi = 0;
    double pooledExpected = 0;
    long pooledObserved = 0;
    for (int k = 0; k < cells; k++) {
      double logPmf =
          Binomial.logFactorial(n)
              - Binomial.logFactorial(k)
              - Binomial.logFactorial(n - k)
              + k * Math.log(p)
              + (n - k) * Math.log1p(-p);
      pooledExpected += draws * Math.exp(logPmf);
      pooledObserved += observed[k];
      if (pooledExpected >= 20) {
        chi +=
            (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / pooledExpected;
        pooledExpected = 0;
        pooledObserved = 0;
      }
    }
    return chi;
  }

  private static int degreesOfFreedom(double sd) {
    return (int) (sd * 8);
  }

  @Test
  public void shouldMatchTheBinomialDistributionNearTheMode() {
    // n p = 30000, sd = 145: the search from the mode
    double chi = chiSquared(100_000, 0.3, 200_000, 1);
    int df = degreesOfFreedom(Math.sqrt(100_000 * 0.3 * 0.7));
    // mean + 4 sd of a chi-squared with df degrees of freedom (cells pooled to >= 20 are fewer)
    assertThat(chi).isLessThan(df + 4 * Math.sqrt(2.0 * df));
  }

  @Test
  public void shouldMatchTheBinomialDistributionForSmallMeans() {
    double chi = chiSquared(1_000, 0.01, 200_000, 2);
    assertThat(chi).isLessThan(30 + 4 * Math.sqrt(60));
  }

  @Test
  public void shouldMirrorProbabilitiesAboveOneHalf() {
    Xoshiro256 rng = new Xoshiro256(3);
    double sum = 0;
    double sumSquares = 0;
    int draws = 50_000;
    for (int i = 0; i < draws; i++) {
      long k = Binomial.sample(rng, 500, 0.9);
      sum += k;
      sumSquares += (double) k * k;
    }
    double mean = sum / draws;
    assertThat(mean).isCloseTo(450, offset(0.2));
    assertThat(sumSquares / draws - mean * mean).isCloseTo(45, offset(2.0));
  }

  @Test
  public void shouldHandleTheEdges() {
    Xoshiro256 rng = new Xoshiro256(4);
    assertThat(Binomial.sample(rng, 10, 0)).isZero();
    assertThat(Binomial.sample(rng, 10, 1)).isEqualTo(10);
    assertThat(Binomial.sample(rng, 0, 0.5)).isZero();
    assertThat(Binomial.sample(rng, 1, 0.5)).isBetween(0L, 1L);
  }

  @Test
  public void shouldComputeLogFactorials() {
    assertThat(Binomial.logFactorial(0)).isZero();
    assertThat(Binomial.logFactorial(10)).isCloseTo(Math.log(3_628_800), offset(1e-12));
    // Stirling's series against the exact sum just past the table
    double exact = 0;
    for (int i = 2; i <= 300; i++) {
      exact += Math.log(i);
    }
    assertThat(Binomial.logFactorial(300)).isCloseTo(exact, offset(1e-9));
  }
}
