package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.VersionInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct dataset verify NAME}. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that every version of a dataset is readable and intact.",
      "",
      "Exit 0: all readable; 1: some version is missing or corrupt (listed)."
    })
public class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RegistryOptions registryOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
  String name;

  @Override
  public Integer call() {
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      registry.resolve(name, "latest");
      List<VersionInfo> log = registry.log(name);
      PrintWriter out = spec.commandLine().getOut();
      int bad = 0;
      for (VersionInfo v : log) {
        try {
          int files = registry.manifest(v).size();
          if (files != v.files()) {
            throw new InputException(
                "the log says " + v.files() + " files, the manifest has " + files);
          }
        } catch (InputException e) {
          bad++;
          out.println(v.label() + " " + v.shortId() + ": " + e.getMessage());
        }
      }
      out.println(
          bad == 0
              ? "All " + log.size() + " versions of " + name + " are readable and intact."
              : bad + " of " + log.size() + " versions of " + name + " are damaged.");
      out.flush();
      return bad == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
  }
}
