package io.ctsuite.bench.promotion;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Paired evaluation results for the bootstrap benchmark, written to a text file that the Java side
 * and scipy both read, so that both resample exactly the same numbers.
 *
 * <p>Two kinds: {@code scores} (a per-example score in [0, 1], e.g. F1, the general case) and
 * {@code correct} (correct/incorrect, the common case for classifiers).
 */
final class BootstrapData {
  final double[] candidate;
  final double[] baseline;

  BootstrapData(double[] candidate, double[] baseline) {
    this.candidate = candidate;
    this.baseline = baseline;
  }

  static BootstrapData generate(String kind, int examples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] candidate = new double[examples];
    double[] baseline = new double[examples];
    for (int i = 0; i < examples; i++) {
      double difficulty = random.nextDouble();
      switch (kind) {
        case "scores" -> {
          baseline[i] = clamp(1 - difficulty + random.nextGaussian() * 0.1);
          candidate[i] = clamp(1 - difficulty + 0.01 + random.nextGaussian() * 0.1);
        }
        case "correct" -> {
          baseline[i] = difficulty < 0.80 ? 1 : 0;
          candidate[i] = difficulty < 0.805 ? 1 : 0;
          if (random.nextDouble() < 0.05) {
            candidate[i] = 1 - candidate[i]; // some examples flip either way
          }
        }
        default -> throw new IllegalArgumentException("kind must be scores or correct: " + kind);
      }
    }
    return new BootstrapData(candidate, baseline);
  }

  private static double clamp(double value) {
    return Math.max(0, Math.min(1, value));
  }

  void write(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < candidate.length; i++) {
        // 17 significant digits: both sides read back the very same doubles
        out.write(String.format(Locale.ROOT, "%.17g %.17g%n", candidate[i], baseline[i]));
      }
    }
  }

  static BootstrapData read(Path file) throws IOException {
    double[] candidate;
    double[] baseline;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      var lines = in.lines().filter(l -> !l.isBlank()).toList();
      candidate = new double[lines.size()];
      baseline = new double[lines.size()];
      for (int i = 0; i < lines.size(); i++) {
        String[] parts = lines.get(i).trim().split("\\s+");
        candidate[i] = Double.parseDouble(parts[0]);
        baseline[i] = Double.parseDouble(parts[1]);
      }
    }
    return new BootstrapData(candidate, baseline);
  }
}
