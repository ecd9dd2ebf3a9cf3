package io.ctsuite.tracking.sweep.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class SobolSequenceTest {
  private static final Path FIRST = Path.of("src/test/resources/sweep/sobol-scipy-32d-256.csv");
  private static final Path FAR = Path.of("src/test/resources/sweep/sobol-scipy-32d-far.csv");

  @Test
  public void shouldEqualScipysUnscrambledSobolPoints() throws Exception {
    SobolSequence sobol = SobolSequence.unshifted(32);
    List<String> lines = Files.readAllLines(FIRST);
    assertThat(lines).hasSize(256);
    for (int i = 0; i < lines.size(); i++) {
      double[] expected = parse(lines.get(i).split(","), 0);
      assertThat(sobol.point(i)).as("point %d", i).containsExactly(expected);
    }
  }

  @Test
  public void shouldEqualScipyFarIntoTheSequence() throws Exception {
    SobolSequence sobol = SobolSequence.unshifted(32);
    for (String line : Files.readAllLines(FAR)) {
      String[] cells = line.split(",");
      long index = Long.parseLong(cells[0]);
      double[] expected = parse(cells, 1);
      double[] actual = sobol.point(index);
      for (int d = 0; d < 32; d++) {
        // scipy keeps 30 bits, this sequence 32
        assertThat(actual[d])
            .as("point %d, dimension %d", index, d + 1)
            .isCloseTo(expected[d], within(1.0 / (1 << 30)));
      }
    }
  }

  @Test
  public void shouldPutOnePointInEachCellOfEveryAxisAfterADigitalShift() {
    SobolSequence shifted = SobolSequence.shifted(32, 12345);
    int n = 1024;
    for (int d = 0; d < 32; d++) {
      Set<Integer> cells = new HashSet<>();
      for (int i = 0; i < n; i++) {
        cells.add((int) Math.floor(shifted.point(i)[d] * n));
      }
      assertThat(cells).as("dimension %d", d + 1).hasSize(n);
    }
  }

  @Test
  public void shouldMoveTheFirstPointOffTheOriginWhenShifted() {
    assertThat(SobolSequence.unshifted(3).point(0)).containsExactly(0, 0, 0);
    assertThat(SobolSequence.shifted(3, 1).point(0)).doesNotContain(0.0);
    assertThat(SobolSequence.shifted(3, 1).point(5))
        .containsExactly(SobolSequence.shifted(3, 1).point(5));
  }

  @Test
  public void shouldFillTheSquareMoreEvenlyThanRandomPoints() {
    // the largest empty cell of a 16×16 grid after 256 points: none for Sobol in dimensions 1-2
    SobolSequence sobol = SobolSequence.shifted(2, 3);
    RandomPoints random = new RandomPoints(2, 3);
    assertThat(emptyCells(sobol)).isZero();
    assertThat(emptyCells(random)).isPositive();
  }

  private static int emptyCells(PointSource points) {
    boolean[][] hit = new boolean[16][16];
    for (int i = 0; i < 256; i++) {
      double[] p = points.point(i);
      hit[(int) (p[0] * 16)][(int) (p[1] * 16)] = true;
    }
    int empty = 0;
    for (boolean[] row : hit) {
      for (boolean cell : row) {
        empty += cell ? 0 : 1;
      }
    }
    return empty;
  }

  private static double[] parse(String[] cells, int from) {
    double[] values = new double[cells.length - from];
    for (int i = from; i < cells.length; i++) {
      values[i - from] = Double.parseDouble(cells[i]);
    }
    return values;
  }
}
