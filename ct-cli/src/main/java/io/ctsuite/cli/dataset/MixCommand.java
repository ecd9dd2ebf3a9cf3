package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.CommitResult;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionDraft;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.Mixer;
import io.ctsuite.datasets.policy.Amounts;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct dataset mix OUT DATASET[@V]=SHARE...}. */
@Command(
    name = "mix",
    mixinStandardHelpOptions = true,
    description = {
      "Combines versions into a new version, by fractions or weights.",
      "",
      "Shares are fractions of the result (adding up to 1; with --total N the result has N entries, else as many as the parts allow), or with --weights the share of each part's own entries to take. The choice is seeded: the same inputs and --seed give the same version. Parts from several datasets get their dataset's name as a path prefix. Example: ct dataset mix train videos@v41=0.7 extra=0.3 --seed 7"
    })
public class MixCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin RegistryOptions registryOptions;

  @Parameters(index = "0", paramLabel = "OUT", description = "The dataset that receives the mix.")
  String target;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "DATASET[@V]=SHARE",
      description = "The parts.")
  List<String> parts;

  @Option(
      names = "--weights",
      description =
          "Shares are the part of each input to take (0 to 1), not fractions of the result.")
  boolean weights;

  @Option(
      names = "--total",
      paramLabel = "N",
      defaultValue = "-1",
      description = "Entries in the result (fractions only; default: as many as possible).")
  long total;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "Seed of the choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--note", paramLabel = "TEXT", description = "A note for the log.")
  String note;

  @Override
  public Integer call() {
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      List<Mixer.Part> inputs = new ArrayList<>();
      List<String> described = new ArrayList<>();
      for (String part : parts) {
        int eq = part.lastIndexOf('=');
        if (eq <= 0) {
          throw new InputException("'" + part + "' is not DATASET[@V]=SHARE, e.g. videos@v3=0.7");
        }
        double share;
        try {
          String text = part.substring(eq + 1).trim();
          share =
              text.endsWith("%")
                  ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100
                  : Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new InputException("'" + part + "': the share is not a number");
        }
        VersionInfo v = Versions.resolve(registry, part.substring(0, eq).trim());
        Manifest m = registry.manifest(v);
        inputs.add(new Mixer.Part(v.dataset(), v.dataset() + "@" + v.label(), m, share));
        described.add(Versions.reference(v) + "=" + share);
      }
      Mixer.Mode mode = weights ? Mixer.Mode.WEIGHTS : Mixer.Mode.FRACTIONS;
      Manifest mix = Mixer.mix(inputs, mode, total, seed);
      VersionDraft draft =
          VersionDraft.derived("mix", String.join(" ", described))
              .note(note)
              .derivation("parts", String.join(",", described))
              .derivation("mode", mode.name().toLowerCase(java.util.Locale.ROOT))
              .derivation("total", total < 0 ? null : Long.toString(total))
              .derivation("seed", Long.toString(seed));
      PrintWriter out = spec.commandLine().getOut();
      CommitResult saved = Versions.save(registry, target, mix, draft, out, json.enabled());
      if (json.enabled()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", saved.version());
        doc.put("created", saved.created());
        Output.json(out, doc);
      } else {
        List<String> datasets = inputs.stream().map(Mixer.Part::dataset).distinct().toList();
        for (String dataset : datasets) {
          long taken = 0;
          for (int i = 0; i < mix.size(); i++) {
            if (datasets.size() == 1 || mix.path(i).startsWith(dataset + "/")) {
              taken++;
            }
          }
          out.printf("  %s from %s%n", Amounts.files(taken), dataset);
        }
        out.flush();
      }
    }
    return 0;
  }
}
