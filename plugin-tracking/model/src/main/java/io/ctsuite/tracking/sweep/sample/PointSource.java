package io.ctsuite.tracking.sweep.sample;

/** Points of the unit cube [0, 1)^d by index, so that trial i always gets the same point. */
public interface PointSource {
  int dimensions();

  double[] point(long index);
}
