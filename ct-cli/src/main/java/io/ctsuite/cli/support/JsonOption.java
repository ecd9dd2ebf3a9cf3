package io.ctsuite.cli.support;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output instead of human tables. */
public class JsonOption {
  @Option(names = "--json", description = "Print JSON for scripts instead of a table.")
  boolean json;

  public boolean enabled() {
    return json;
  }
}
