package io.ctsuite.cli.support;

/** The exit codes every `ct` command uses. */
public final class ExitCode {
  /** Success; for checks: the check passed (gate PASS, a dataset change worth training). */
  public static final int OK = 0;

  /** A check ran and failed (gate FAIL or INCONCLUSIVE, no dataset change worth training). */
  public static final int CHECK_FAILED = 1;

  /** Bad usage or bad input; the message says what and where. */
  public static final int USAGE = 2;

  private ExitCode() {}
}
