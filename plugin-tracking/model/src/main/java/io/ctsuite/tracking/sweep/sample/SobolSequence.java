package io.ctsuite.tracking.sweep.sample;

import java.util.SplittableRandom;

/**
 * The Sobol low-discrepancy sequence in up to {@value #MAX_DIMENSIONS} dimensions, with an optional
 * random digital shift.
 *
 * <p>Point {@code i} is the XOR of the direction numbers selected by the bits of the Gray code of
 * {@code i}, so any point is computed directly from its index (a resumed sweep needs no generator
 * state) and the order equals the usual sequential construction. The direction numbers come from
 * the primitive polynomials and initial values of Joe and Kuo (2008, "new-joe-kuo-6.21201"); the
 * unshifted points equal scipy's {@code qmc.Sobol(scramble=False)}, which a test checks. The
 * digital shift XORs every coordinate with a seeded random word: it keeps the stratification that
 * makes Sobol points useful and moves the first point off the corner of the cube.
 */
public final class SobolSequence implements PointSource {
  public static final int MAX_DIMENSIONS = 32;
  private static final int BITS = 32;
  private static final double SCALE = 1.0 / (1L << BITS);

  /**
   * For dimensions 2..32: the degree s of the primitive polynomial, its inner coefficients a (as
   * bits), then the initial direction numbers m_1..m_s. Dimension 1 is the van der Corput sequence.
   */
  private static final int[][] PRIMITIVES = {
    {1, 0, 1},
    {2, 1, 1, 3},
    {3, 1, 1, 3, 1},
    {3, 2, 1, 1, 1},
    {4, 1, 1, 1, 3, 3},
    {4, 4, 1, 3, 5, 13},
    {5, 2, 1, 1, 5, 5, 17},
    {5, 4, 1, 1, 5, 5, 5},
    {5, 7, 1, 1, 7, 11, 19},
    {5, 11, 1, 1, 5, 1, 1},
    {5, 13, 1, 1, 1, 3, 11},
    {5, 14, 1, 3, 5, 5, 31},
    {6, 1, 1, 3, 3, 9, 7, 49},
    {6, 13, 1, 1, 1, 15, 21, 21},
    {6, 16, 1, 3, 1, 13, 27, 49},
    {6, 19, 1, 1, 1, 15, 7, 5},
    {6, 22, 1, 3, 1, 15, 13, 25},
    {6, 25, 1, 1, 5, 5, 19, 61},
    {7, 1, 1, 3, 7, 11, 23, 15, 103},
    {7, 4, 1, 3, 7, 13, 13, 15, 69},
    {7, 7, 1, 1, 3, 13, 7, 35, 63},
    {7, 8, 1, 3, 5, 9, 1, 25, 53},
    {7, 14, 1, 3, 1, 13, 9, 35, 107},
    {7, 19, 1, 3, 1, 5, 27, 61, 31},
    {7, 21, 1, 1, 5, 11, 19, 41, 61},
    {7, 28, 1, 3, 5, 3, 3, 13, 69},
    {7, 31, 1, 1, 7, 13, 1, 19, 1},
    {7, 32, 1, 3, 7, 5, 13, 19, 59},
    {7, 37, 1, 1, 3, 9, 25, 29, 41},
    {7, 41, 1, 3, 5, 13, 23, 1, 55},
    {7, 42, 1, 3, 7, 3, 13, 59, 17},
  };

  private final int dimensions;
  private final int[][] directions;
  private final int[] shift;

  private SobolSequence(int dimensions, int[] shift) {
    if (dimensions < 0 || dimensions > MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "Sobol points have 0 to " + MAX_DIMENSIONS + " dimensions, not " + dimensions);
    }
    this.dimensions = dimensions;
    this.directions = new int[dimensions][];
    for (int d = 0; d < dimensions; d++) {
      directions[d] = directionNumbers(d);
    }
    this.shift = shift;
  }

  /** The plain sequence: its first point is the origin. */
  public static SobolSequence unshifted(int dimensions) {
    return new SobolSequence(dimensions, new int[dimensions]);
  }

  /** The sequence with a random digital shift drawn from {@code seed}. */
  public static SobolSequence shifted(int dimensions, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] shift = new int[dimensions];
    for (int d = 0; d < dimensions; d++) {
      shift[d] = random.nextInt();
    }
    return new SobolSequence(dimensions, shift);
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public double[] point(long index) {
    if (index < 0 || index >= (1L << BITS)) {
      throw new IllegalArgumentException("Sobol point index out of range: " + index);
    }
    long gray = index ^ (index >>> 1);
    double[] point = new double[dimensions];
    for (int d = 0; d < dimensions; d++) {
      int x = shift[d];
      long bits = gray;
      for (int k = 0; bits != 0; k++, bits >>>= 1) {
        if ((bits & 1) != 0) {
          x ^= directions[d][k];
        }
      }
      point[d] = Integer.toUnsignedLong(x) * SCALE;
    }
    return point;
  }

  /** The direction numbers v_k (as 32-bit fractions) of dimension {@code d}, counted from 0. */
  private static int[] directionNumbers(int d) {
    int[] v = new int[BITS];
    if (d == 0) {
      for (int k = 0; k < BITS; k++) {
        v[k] = 1 << (BITS - 1 - k);
      }
      return v;
    }
    int[] row = PRIMITIVES[d - 1];
    int degree = row[0];
    int coefficients = row[1];
    for (int k = 0; k < degree; k++) {
      v[k] = row[2 + k] << (BITS - 1 - k);
    }
    // Bratley and Fox's recurrence: v_k = v_{k-s} ^ (v_{k-s} >> s) ^ XOR of a_j v_{k-j}.
    for (int k = degree; k < BITS; k++) {
      int value = v[k - degree] ^ (v[k - degree] >>> degree);
      for (int j = 1; j < degree; j++) {
        if (((coefficients >>> (degree - 1 - j)) & 1) != 0) {
          value ^= v[k - j];
        }
      }
      v[k] = value;
    }
    return v;
  }
}
