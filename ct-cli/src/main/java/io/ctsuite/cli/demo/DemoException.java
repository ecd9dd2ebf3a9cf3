package io.ctsuite.cli.demo;

/** Something the demo cannot do, said in words a newcomer can act on (becomes exit code 2). */
public final class DemoException extends RuntimeException {
  public DemoException(String message) {
    super(message);
  }

  public DemoException(String message, Throwable cause) {
    super(message, cause);
  }
}
