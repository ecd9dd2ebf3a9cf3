package io.ctsuite.cli;

import io.ctsuite.cli.dataset.DatasetCommand;
import io.ctsuite.cli.demo.DemoCommand;
import io.ctsuite.cli.gate.CommentCommand;
import io.ctsuite.cli.gate.GateCommand;
import io.ctsuite.cli.gate.PromoteCommand;
import io.ctsuite.cli.gpu.GpuCommand;
import io.ctsuite.cli.support.ErrorHandler;
import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.StoreOption;
import io.ctsuite.cli.support.VersionProvider;
import io.ctsuite.cli.sweep.SweepCommand;
import io.ctsuite.cli.track.TrackCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root `ct` command: one subcommand per area of the suite. */
@Command(
    name = "ct",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Continuous training for machine learning: datasets, experiment tracking, regression gates,",
      "promotion through GitLab and GPU agents, the same models the Jenkins plugins use.",
      ""
    },
    subcommands = {
      DemoCommand.class,
      TrackCommand.class,
      SweepCommand.class,
      DatasetCommand.class,
      GateCommand.class,
      PromoteCommand.class,
      CommentCommand.class,
      GpuCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (a gate PASS, a dataset change worth training)",
      "1:a check failed (gate FAIL or INCONCLUSIVE, no change worth training)",
      "2:bad usage or bad input (the message names the file, line or field)"
    },
    footer = {"", "The store defaults to ./.ct; set --store or CT_STORE to use another."})
public class CtCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreOption store;

  /** A command line with the suite's error handling and exit codes. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CtCommand());
    ErrorHandler handler = new ErrorHandler();
    cli.setExecutionExceptionHandler(handler);
    cli.setParameterExceptionHandler(handler);
    cli.setExitCodeExceptionMapper(handler);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /** Without a command: the usage, and the exit code of bad usage. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
