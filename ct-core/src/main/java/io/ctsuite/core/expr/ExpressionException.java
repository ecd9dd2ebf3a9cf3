package io.ctsuite.core.expr;

import io.ctsuite.core.InputException;

/** An expression that cannot be compiled; the message shows the expression and the column. */
public class ExpressionException extends InputException {
  private static final long serialVersionUID = 1L;

  private final int column;

  public ExpressionException(String expression, int column, String problem) {
    super(
        "Invalid expression at column "
            + (column + 1)
            + ": "
            + problem
            + "\n  "
            + expression
            + "\n  "
            + " ".repeat(Math.max(0, column))
            + "^");
    this.column = column;
  }

  /** Zero-based column of the problem. */
  public int getColumn() {
    return column;
  }
}
