package io.ctsuite.cli.demo;

import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.DatasetChange;
import io.ctsuite.datasets.ops.GroupChange;
import io.ctsuite.datasets.policy.ChangePolicy;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Step 2: a new hospital sends data; snapshot v2; the change policy decides whether the model must
 * be trained again, and says why.
 */
final class NewDataStep {
  static final String NEW_SOURCE = "hospital-c";

  void run(DemoRun run) {
    DemoConsole console = run.console;
    console.step(2, "New data arrives from a new hospital; the change policy decides");
    console.say(
        NEW_SOURCE
            + " joins the study and sends "
            + run.settings.clips()
            + " clips, filmed with other equipment.");
    run.scripts.generate(
        run.paths.data(), List.of(NEW_SOURCE), run.settings.clips(), run.settings.seed());
    run.second = ProductionStep.snapshot(run, "ct demo: " + NEW_SOURCE + " arrived");

    VersionInfo trainedOn = run.v1;
    VersionInfo current = run.second.version();
    console.command(
        "ct dataset check "
            + DemoSettings.DATASET
            + " --since "
            + trainedOn.label()
            + " --policy '"
            + DemoSettings.POLICY
            + "'");
    run.decision = run.dataset.decide(trainedOn, current, ChangePolicy.parse(DemoSettings.POLICY));
    DatasetChange change = run.decision.change();
    console.detail(
        String.format(
            Locale.ROOT,
            "%s → %s: %,d → %,d files (growth %.2f×), +%,d added, %,d removed, %,d modified",
            change.from(),
            change.to(),
            change.filesBefore(),
            change.filesAfter(),
            change.growth(),
            change.added(),
            change.removed(),
            change.modified()));
    for (Map.Entry<String, GroupChange> source : change.bySource().entrySet()) {
      GroupChange g = source.getValue();
      if (g.filesBefore() == 0 && g.filesAfter() == 0) {
        continue; // e.g. "(none)": files without a source, when there are none
      }
      console.detail(
          String.format(
              Locale.ROOT,
              "  %-12s %,6d → %,6d files%s",
              source.getKey(),
              g.filesBefore(),
              g.filesAfter(),
              change.newSources().contains(source.getKey()) ? "  (new source)" : ""));
    }
    console.say(
        (run.decision.fire() ? "Decision: train again. " : "Decision: no training needed. ")
            + run.decision.reason());
  }
}
