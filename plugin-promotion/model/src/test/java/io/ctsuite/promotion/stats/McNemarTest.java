package io.ctsuite.promotion.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.Test;

public class McNemarTest {
  @Test
  public void shouldComputeTheExactBinomialPValue() {
    // b = 10, c = 2: p = 2 * (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 158 / 4096
    McNemar.Result result = McNemar.test(10, 2, McNemar.Method.EXACT);
    assertThat(result.pValue()).isCloseTo(158.0 / 4096, offset(1e-12));
  }

  @Test
  public void shouldComputeTheContinuityCorrectedPValue() {
    // statsmodels mcnemar([[0, 10], [2, 0]], exact=False, correction=True): 4.0833, p = 0.04331
    McNemar.Result result = McNemar.test(10, 2, McNemar.Method.CONTINUITY);
    assertThat(result.pValue()).isCloseTo(0.043308, offset(2e-6));
    // without the correction: chi2 = 64 / 12 = 5.333, p = 0.020921
    assertThat(McNemar.test(10, 2, McNemar.Method.CHI2).pValue()).isCloseTo(0.020921, offset(2e-6));
  }

  @Test
  public void shouldCountOnlyDiscordantPairs() {
    double[] candidate = {1, 1, 1, 0, 0, 1};
    double[] baseline = {1, 0, 0, 0, 1, 1};
    McNemar.Result result = McNemar.test(candidate, baseline, McNemar.Method.EXACT);
    assertThat(result.candidateOnly()).isEqualTo(2);
    assertThat(result.baselineOnly()).isEqualTo(1);
    assertThat(result.pValue()).isEqualTo(1.0);
  }

  @Test
  public void shouldGiveOneWithoutDiscordantPairs() {
    assertThat(McNemar.test(0, 0, McNemar.Method.EXACT).pValue()).isEqualTo(1.0);
    assertThat(McNemar.test(0, 0, McNemar.Method.CONTINUITY).pValue()).isEqualTo(1.0);
  }

  @Test
  public void shouldStayFiniteForLargeCounts() {
    double p = McNemar.test(52_000, 48_000, McNemar.Method.EXACT).pValue();
    // normal approximation: z = 4000 / sqrt(100000) = 12.6, p about 1.5e-36
    assertThat(p).isGreaterThan(0).isLessThan(1e-30);
    double even = McNemar.test(50_000, 50_000, McNemar.Method.EXACT).pValue();
    assertThat(even).isEqualTo(1.0);
  }

  @Test
  public void shouldComputeErfc() {
    assertThat(Erf.erfc(0)).isCloseTo(1.0, offset(1e-7));
    assertThat(Erf.erfc(1)).isCloseTo(0.157299207, offset(1e-7));
    assertThat(Erf.erfc(-1)).isCloseTo(1.842700793, offset(1e-7));
    assertThat(Erf.erfc(3)).isCloseTo(2.209049699858544e-05, offset(1e-11));
  }
}
