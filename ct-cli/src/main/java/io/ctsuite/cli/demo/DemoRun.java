package io.ctsuite.cli.demo;

import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.policy.Decision;
import io.ctsuite.promotion.gate.GateResult;
import io.ctsuite.promotion.gitlab.PlannedRequest;
import io.ctsuite.promotion.promote.PromotionResult;
import java.util.List;

/** What one run of the demo found and made, step by step; the report is written from it. */
final class DemoRun {
  final DemoConsole console;
  final DemoPaths paths;
  final DemoSettings settings;
  final ExampleProject example;
  final PythonRuntime python;
  final ExampleScripts scripts;
  final DemoDataset dataset;
  final TrackedTraining training;

  /** Whether step 1 found a production model from an earlier run and continued from it. */
  boolean continued;

  DemoDataset.Snapshot first;
  VersionInfo v1;
  DemoDataset.Snapshot second;
  Decision decision;
  TrainedModel production;
  EvalSummary productionOnV1;
  TrainedModel candidate;
  EvalSummary productionOnV2;
  EvalSummary candidateOnV2;
  GateResult gate;
  String modelCard;
  List<PlannedRequest> plannedRequests;
  PromotionResult promotion;
  String promotionSkipped;

  DemoRun(
      DemoConsole console,
      DemoPaths paths,
      DemoSettings settings,
      ExampleProject example,
      PythonRuntime python,
      DemoDataset dataset) {
    this.console = console;
    this.paths = paths;
    this.settings = settings;
    this.example = example;
    this.python = python;
    this.dataset = dataset;
    this.scripts = new ExampleScripts(example, python, console);
    this.training = new TrackedTraining(console, paths, example, python, settings);
  }

  /** The dataset version the candidate is trained on: v2, or v1 again when nothing arrived. */
  VersionInfo latest() {
    return second != null ? second.version() : v1;
  }
}
