package io.ctsuite.cli.sweep;

import io.ctsuite.cli.support.StoreOption;
import io.ctsuite.tracking.sweep.SweepStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct sweep}: hyperparameter sweeps with early stopping. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Hyperparameter sweeps with early stopping (ASHA, median stopping) over local processes.",
      "Sweeps are kept in the store's sweeps/ directory; each trial is also a tracked run."
    },
    subcommands = {
      SweepRunCommand.class,
      SweepShowCommand.class,
      SweepListCommand.class,
      SweepSampleCommand.class,
      SweepBenchmarkCommand.class
    })
public class SweepCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The store given to {@code ct} ({@code --store}, {@code CT_STORE} or {@code ./.ct}). */
  static StoreOption store(CommandSpec spec) {
    for (CommandSpec at = spec; at != null; at = at.parent()) {
      CommandSpec mixin = at.mixins().get("store");
      if (mixin != null && mixin.userObject() instanceof StoreOption option) {
        return option;
      }
    }
    return new StoreOption();
  }

  /** The store's {@code sweeps/} area. */
  static SweepStore sweeps(CommandSpec spec) {
    Path area = store(spec).area("sweeps");
    return new SweepStore(area);
  }
}
