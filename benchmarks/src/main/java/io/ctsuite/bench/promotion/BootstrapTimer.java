package io.ctsuite.bench.promotion;

import io.ctsuite.promotion.stats.Interval;
import io.ctsuite.promotion.stats.PairedBootstrap;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Java side of bench/promotion.sh: generates the data file, or times the paired bootstrap on it
 * (one warm-up run, then the median of timed runs), printing one line for the script: {@code
 * seconds low high threads}.
 *
 * <pre>
 *   BootstrapTimer generate scores|correct EXAMPLES FILE
 *   BootstrapTimer time FILE RESAMPLES [RUNS]
 * </pre>
 */
public final class BootstrapTimer {
  private BootstrapTimer() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 4 && args[0].equals("generate")) {
      BootstrapData.generate(args[1], Integer.parseInt(args[2]), 20_240_601L)
          .write(Path.of(args[3]));
      return;
    }
    if (args.length >= 3 && args[0].equals("time")) {
      BootstrapData data = BootstrapData.read(Path.of(args[1]));
      int resamples = Integer.parseInt(args[2]);
      int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
      PairedBootstrap bootstrap = new PairedBootstrap(resamples, 0.05, 7);
      Interval interval = bootstrap.meanDifference(data.candidate, data.baseline); // warm-up
      double[] seconds = new double[runs];
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        interval = bootstrap.meanDifference(data.candidate, data.baseline);
        seconds[r] = (System.nanoTime() - start) / 1e9;
      }
      Arrays.sort(seconds);
      System.out.printf(
          Locale.ROOT,
          "%.4f %.6g %.6g %d%n",
          seconds[runs / 2],
          interval.low(),
          interval.high(),
          Runtime.getRuntime().availableProcessors());
      return;
    }
    System.err.println(
        "usage: BootstrapTimer generate scores|correct EXAMPLES FILE | time FILE RESAMPLES [RUNS]");
    System.exit(2);
  }
}
