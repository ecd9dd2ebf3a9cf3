package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.ExitCode;
import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.ProgressRenderer;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.CommitResult;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.Failures;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.VersionDraft;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.ManifestDiff;
import io.ctsuite.datasets.policy.ChangePolicy;
import io.ctsuite.datasets.policy.Decision;
import io.ctsuite.datasets.snapshot.SnapshotOptions;
import io.ctsuite.datasets.snapshot.SnapshotResult;
import io.ctsuite.datasets.snapshot.Snapshotter;
import io.ctsuite.datasets.store.S3Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

/** {@code ct dataset check NAME --since V --policy …}. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Says whether a dataset changed enough to train again (exit 0 yes, 1 no).",
      "",
      "Compares the latest version with version V (the one a model was trained on) and says why in one sentence. Exit 0: fire; 1: no change worth training; 2: error. With --snapshot PATH it records the current state first. Policy (any condition fires): growth>=2, byte-growth>=1.5, new-source, files>=1000, bytes>=10GB, label-shift>0.1; quiet=10m waits until files stop arriving. Without a policy, any change fires."
    })
public class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin RegistryOptions registryOptions;
  @Mixin AliasOptions aliasOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
  String name;

  @Option(
      names = "--since",
      paramLabel = "V",
      description = "The version last trained on (default: the one before the latest).")
  String since;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      defaultValue = "",
      description = "Conditions, or @FILE to read them from a file.")
  String policy;

  @Option(
      names = "--snapshot",
      paramLabel = "PATH|s3://…",
      description = "Snapshot this first (as ct dataset snapshot NAME PATH).")
  String snapshot;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description = "With --snapshot: paths to leave out.")
  List<String> excludes;

  @Option(
      names = "--pattern",
      paramLabel = "PATTERN",
      description = "With --snapshot: metadata from paths.")
  List<String> patterns;

  @Option(
      names = "--metadata",
      paramLabel = "FILE",
      description = "With --snapshot: a metadata sidecar table.")
  String sidecar;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress output.")
  boolean quiet;

  @Override
  public Integer call() {
    ChangePolicy rules = ChangePolicy.parse(readPolicy(policy));
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      // --since is read before a --snapshot, so that "latest" means the state before it
      VersionInfo previous =
          since != null
                  && (snapshot == null || registry.latest(DatasetRegistry.checkName(name)) != null)
              ? registry.resolve(name, since)
              : null;
      if (snapshot != null) {
        takeSnapshot(registry);
      }
      VersionInfo current = registry.resolve(name, "latest");
      if (previous == null && since == null) {
        if (registry.log(name).size() < 2) {
          throw new InputException(
              name + " has one version; --since V names the version last trained on");
        }
        previous = registry.resolve(name, "latest~1");
      }
      if (previous == null) {
        return first(current);
      }
      LabelAliases aliases = aliasOptions.resolve(registry, name);
      Decision decision =
          rules.decide(
              ManifestDiff.between(registry.manifest(previous), registry.manifest(current))
                  .summarize(name, previous.label(), current.label(), aliases),
              Instant.now());
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("fire", decision.fire());
        doc.put("reason", decision.reason());
        doc.put("met", decision.met());
        doc.put("policy", rules.toString());
        doc.put("since", previous);
        doc.put("current", current);
        doc.put("change", decision.change());
        Output.json(out, doc);
      } else {
        out.println(decision.reason());
        out.flush();
      }
      return decision.fire() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
  }

  /** A dataset that did not exist before this check's snapshot: its first version fires. */
  private int first(VersionInfo current) {
    String reason =
        name
            + " has its first version "
            + current.label()
            + ": "
            + io.ctsuite.datasets.policy.Amounts.files(current.files());
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("fire", true);
      doc.put("reason", reason);
      doc.put("current", current);
      Output.json(out, doc);
    } else {
      out.println(reason);
      out.flush();
    }
    return ExitCode.OK;
  }

  private void takeSnapshot(DatasetRegistry registry) {
    SnapshotOptions options = new SnapshotOptions();
    if (excludes != null) {
      options.excludes(excludes);
    }
    if (patterns != null) {
      patterns.forEach(options::pathPattern);
    }
    if (sidecar != null) {
      options.sidecar(sidecar);
    }
    String location =
        S3Location.isS3(snapshot)
            ? snapshot
            : Path.of(snapshot).toAbsolutePath().normalize().toString();
    SnapshotResult result;
    try (ProgressRenderer progress = Output.progress(spec, quiet || json.enabled())) {
      result =
          new Snapshotter(options, registryOptions.cache(spec), progress, null)
              .snapshot(location, registryOptions.s3());
    }
    CommitResult commit =
        registry.commit(
            name, result.manifest(), VersionDraft.snapshot(location).creator(Output.creator(null)));
    if (!json.enabled()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          commit.created()
              ? "Recorded " + Output.version(commit.version())
              : "Snapshot: unchanged since " + commit.version().label());
      err.flush();
    }
  }

  private static String readPolicy(String text) {
    if (text != null && text.startsWith("@")) {
      Path file = Path.of(text.substring(1));
      try {
        return Files.readString(file)
            .lines()
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .reduce((a, b) -> a + ", " + b)
            .orElse("");
      } catch (java.nio.file.NoSuchFileException e) {
        throw new InputException("no such policy file: " + file);
      } catch (IOException e) {
        throw Failures.io("Could not read " + file + ": " + e.getMessage(), e);
      }
    }
    return text;
  }
}
