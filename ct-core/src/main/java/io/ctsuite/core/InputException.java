package io.ctsuite.core;

/**
 * Bad input from a user or a file. The message names where the problem is (file, line, offset or
 * field) and what was expected, so that it can be shown as it is; the `ct` command maps it to exit
 * code 2.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
