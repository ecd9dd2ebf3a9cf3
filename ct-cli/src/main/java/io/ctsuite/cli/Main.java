package io.ctsuite.cli;

/** Entry point of the `ct` command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs `ct` with the given arguments and returns the exit code (for tests and the demo). */
  public static int run(String... args) {
    return CtCommand.commandLine().execute(args);
  }
}
