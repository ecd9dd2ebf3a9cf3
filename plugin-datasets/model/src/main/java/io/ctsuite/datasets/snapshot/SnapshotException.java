package io.ctsuite.datasets.snapshot;

import io.ctsuite.core.InputException;
import java.util.List;

/** A snapshot that stopped because of problems with the files; nothing was recorded. */
public class SnapshotException extends InputException {
  private static final long serialVersionUID = 1L;

  private final List<SnapshotProblem> problems;

  public SnapshotException(String message, List<SnapshotProblem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  public List<SnapshotProblem> problems() {
    return problems;
  }
}
