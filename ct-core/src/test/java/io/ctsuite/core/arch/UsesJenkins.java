package io.ctsuite.core.arch;

/** A stand-in that depends on a Jenkins class by name, for the guard's own test. */
final class UsesJenkins {
  String describe(hudson.model.Run<?, ?> run) {
    return String.valueOf(run);
  }
}
