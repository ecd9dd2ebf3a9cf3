package io.ctsuite.cli.demo;

import io.ctsuite.cli.CtCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Step 3: the candidate, trained on the new version under the experiment tracker. */
final class CandidateStep {

  void run(DemoRun run) {
    run.console.step(3, "Training the candidate under the experiment tracker");
    run.console.say(
        "The tracker runs train.py, reads its parameters and model artifact from ##ct service"
            + " messages, its metrics from the JSON lines it appends to $CT_METRICS_FILE, and"
            + " samples CPU and memory while it runs.");
    run.candidate =
        run.training.train("candidate", run.latest(), run.paths.models().resolve("candidate"));

    String[] leaderboard = {
      "track", "leaderboard", DemoSettings.FAMILY, "--metric", "val/acc", "--mode", "max"
    };
    run.console.command("ct " + String.join(" ", leaderboard));
    List<String> args = new ArrayList<>(List.of("--store", run.paths.store().toString()));
    args.addAll(List.of(leaderboard));
    try (PrintWriter out = indented(run);
        PrintWriter err = indented(run)) {
      CtCommand.commandLine().setOut(out).setErr(err).execute(args.toArray(String[]::new));
    }
  }

  private static PrintWriter indented(DemoRun run) {
    return new PrintWriter(
        new LinePrefixWriter(run.console.writer(), "      ", line -> false), true);
  }
}
