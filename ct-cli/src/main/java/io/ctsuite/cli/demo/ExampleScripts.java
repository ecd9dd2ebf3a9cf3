package io.ctsuite.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the example project's data generator and evaluator, showing their output as details. */
final class ExampleScripts {
  private final ExampleProject example;
  private final PythonRuntime python;
  private final DemoConsole console;

  ExampleScripts(ExampleProject example, PythonRuntime python, DemoConsole console) {
    this.example = example;
    this.python = python;
    this.console = console;
  }

  void generate(Path dataDir, List<String> sources, int clips, int seed) {
    run(
        "generate_data.py",
        List.of(
            "--out",
            dataDir.toString(),
            "--sources",
            String.join(",", sources),
            "--clips",
            Integer.toString(clips),
            "--seed",
            Integer.toString(seed)),
        Map.of());
  }

  /**
   * Evaluates a model on the test split of the data directory.
   *
   * @param model {@code --model PATH} or {@code --model-from CONFIG}
   * @param datasetVersion written on every result line, so the gate can check the test set
   */
  EvalSummary evaluate(List<String> model, Path dataDir, Path out, String datasetVersion) {
    List<String> args = new ArrayList<>(model);
    args.addAll(
        List.of(
            "--data",
            dataDir.toString(),
            "--out",
            out.toString(),
            "--dataset-version",
            datasetVersion));
    run("evaluate.py", args, Map.of());
    return EvalSummary.read(out);
  }

  private void run(String script, List<String> args, Map<String, String> env) {
    List<String> output = new ArrayList<>();
    int exit =
        python.runScript(
            example.dir(),
            example.script(script),
            args,
            env,
            line -> {
              output.add(line);
              console.detail(line);
            });
    if (exit != 0) {
      throw new DemoException(
          script
              + " failed (exit code "
              + exit
              + ")"
              + lastLine(output)
              + "; see the output above");
    }
  }

  private static String lastLine(List<String> output) {
    return output.isEmpty() ? "" : ": " + output.get(output.size() - 1);
  }
}
