package io.ctsuite.tracking.sweep.sample;

import io.ctsuite.core.InputException;
import io.ctsuite.tracking.sweep.space.SearchSpace;
import java.util.Map;

/**
 * Draws the parameters of trial {@code i} (counted from 0) from a search space: grid parameters
 * take combination {@code i} modulo the grid size, searched parameters come from point {@code i} of
 * a random source (point {@code i / gridSize} of the Sobol sequence). The same space, kind, seed
 * and index always give the same values.
 */
public final class Sampler {
  private final SearchSpace space;
  private final SamplerKind kind;
  private final PointSource points;

  public Sampler(SearchSpace space, SamplerKind kind, long seed) {
    this.space = space;
    this.kind = kind;
    int dimensions = space.dimensions();
    if (kind == SamplerKind.SOBOL && dimensions > SobolSequence.MAX_DIMENSIONS) {
      throw new InputException(
          "sampler: Sobol points are available for up to "
              + SobolSequence.MAX_DIMENSIONS
              + " searched parameters, this space has "
              + dimensions
              + "; use the random sampler");
    }
    this.points =
        kind == SamplerKind.SOBOL
            ? SobolSequence.shifted(dimensions, seed)
            : new RandomPoints(dimensions, seed);
  }

  public Map<String, Object> sample(long index) {
    // Sobol points are well spread only as a prefix of the sequence, not as every G-th point, so
    // with a grid each combination walks the sequence from its start.
    long pointIndex = kind == SamplerKind.SOBOL ? index / space.gridSize() : index;
    return space.assign(points.point(pointIndex), index);
  }

  public SamplerKind kind() {
    return kind;
  }

  public SearchSpace space() {
    return space;
  }
}
