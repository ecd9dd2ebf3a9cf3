package io.ctsuite.promotion.gate;

import io.ctsuite.core.InputException;

/**
 * Candidate and baseline were evaluated on different test sets, so their numbers cannot be
 * compared: the mistake the gate exists to prevent.
 */
public class DifferentTestSetsException extends InputException {
  private static final long serialVersionUID = 1L;

  public DifferentTestSetsException(String message) {
    super(message);
  }
}
