package io.ctsuite.cli.demo;

import io.ctsuite.cli.support.StoreOption;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.RegistryLocation;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ct demo}: one continuous-training cycle of the example project, on the store. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a whole continuous-training cycle of examples/phase-recognition, for real:",
      " 1. data from two hospitals, snapshot v1, a production model trained, deployed",
      " 2. a third hospital sends data: snapshot v2; the change policy decides",
      " 3. the candidate trained under `ct track run` (metrics, system, artifacts)",
      " 4. both models evaluated on v2's test split; the regression gate",
      " 5. promotion by GitLab merge request (dry run without GITLAB_URL/GITLAB_TOKEN)",
      " 6. a report with charts",
      "Needs Python 3 with PyTorch, numpy and PyYAML: bash .ci/setup.sh (or CT_PYTHON).",
      "Run it again to continue from the store: nothing is recorded twice.",
      ""
    })
public class DemoCommand implements Callable<Integer> {
  static final int STEPS = 6;

  @Spec CommandSpec spec;

  @Option(
      names = "--example",
      paramLabel = "DIR",
      description = "The example project (default: $CT_EXAMPLE, else examples/phase-recognition).")
  Path example;

  @Option(
      names = "--clips",
      defaultValue = "1500",
      description = "Clips per hospital (default: ${DEFAULT-VALUE}).")
  int clips;

  @Option(
      names = "--epochs",
      defaultValue = "30",
      description = "Training epochs per model (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Seed of the data and the training (default: ${DEFAULT-VALUE}).")
  int seed;

  @Option(
      names = "--gitlab-project",
      paramLabel = "GROUP/NAME",
      description = "Deployment project for a real merge request (with GITLAB_URL, GITLAB_TOKEN).")
  String gitlabProject;

  @Option(
      names = "--gitlab-file",
      paramLabel = "PATH",
      defaultValue = "deploy/models.yaml",
      description = "The deployment config in that project (default: ${DEFAULT-VALUE}).")
  String gitlabFile;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    Map<String, String> env = System.getenv();
    DemoSettings settings = DemoSettings.of(clips, epochs, seed, gitlabProject, gitlabFile, env);
    DemoConsole console = new DemoConsole(spec.commandLine().getOut(), STEPS);
    DemoPaths paths = new DemoPaths(storeOption(spec).root());
    console.title("ct demo: a continuous-training cycle of the phase-recognition example");
    PythonRuntime python = PythonRuntime.locate(env);
    String torch = python.checkPackages();
    ExampleProject project = ExampleProject.locate(example, env.get("CT_EXAMPLE"), Path.of(""));
    paths.create();
    console.say("store    " + paths.show(paths.store()));
    console.say("example  " + paths.show(project.dir()));
    console.say("python   " + python.executable() + " (PyTorch " + torch + ", CPU)");
    console.say(
        "gitlab   "
            + (settings.realGitLab()
                ? settings.gitlabUrl() + " (a real merge request)"
                : "GITLAB_URL/GITLAB_TOKEN not set: promotion is a dry run"));

    Path report;
    try (DatasetRegistry registry = RegistryLocation.directory(paths.datasets()).open()) {
      DemoRun run =
          new DemoRun(
              console, paths, settings, project, python, new DemoDataset(registry, paths.data()));
      new ProductionStep().run(run);
      new NewDataStep().run(run);
      if (run.decision.fire()) {
        new CandidateStep().run(run);
        new GateStep().run(run);
        new PromoteStep().run(run);
      } else {
        console.step(3, "No candidate: the data did not change enough (steps 3 to 5 skipped)");
      }
      console.step(6, "The report");
      report = new DemoReport(run).write();
    }
    console.say("Report: " + paths.show(report) + "  (open it in a browser)");
    console.detail(
        "also "
            + paths.show(report.resolveSibling("report.md"))
            + " with the charts as SVG files beside it");
    console.blank();
    console.say(
        String.format(
            Locale.ROOT,
            "Done in %.0f s. Run `ct demo` again to continue from the store; `ct track leaderboard"
                + " %s --metric val/acc --mode max` ranks the runs.",
            (System.nanoTime() - started) / 1e9,
            DemoSettings.FAMILY));
    return 0;
  }

  /** The store given to {@code ct} ({@code --store}, {@code CT_STORE} or {@code ./.ct}). */
  static StoreOption storeOption(CommandSpec spec) {
    for (CommandSpec at = spec; at != null; at = at.parent()) {
      CommandSpec mixin = at.mixins().get("store");
      if (mixin != null && mixin.userObject() instanceof StoreOption option) {
        return option;
      }
    }
    return new StoreOption();
  }
}
