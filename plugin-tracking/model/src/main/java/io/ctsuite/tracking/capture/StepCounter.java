package io.ctsuite.tracking.capture;

import java.util.HashMap;
import java.util.Map;

/**
 * Steps for values reported without one: the key's previous step plus one, starting at 0, so that
 * {@code ##ct[metric key='loss' value='0.3']} printed once per epoch still forms a curve.
 */
final class StepCounter {
  private final Map<String, long[]> last = new HashMap<>();

  /** The step to use: {@code given} when present (and remembered), otherwise the next one. */
  long step(String key, Long given) {
    long[] previous = last.get(key);
    if (previous == null) {
      previous = new long[] {given == null ? 0 : given};
      last.put(key, previous);
      return previous[0];
    }
    previous[0] = given == null ? previous[0] + 1 : given;
    return previous[0];
  }
}
