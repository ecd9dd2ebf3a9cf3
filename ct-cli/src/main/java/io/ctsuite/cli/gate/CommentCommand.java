package io.ctsuite.cli.gate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ct comment}. */
@Command(
    name = "comment",
    mixinStandardHelpOptions = true,
    description = "Post or update the sticky gate report on a GitLab merge request.")
public class CommentCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
