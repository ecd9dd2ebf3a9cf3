package io.ctsuite.cli.dataset;

import io.ctsuite.cli.support.JsonOption;
import io.ctsuite.cli.support.ProgressRenderer;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.materialize.Marker;
import io.ctsuite.datasets.materialize.MaterializeReport;
import io.ctsuite.datasets.materialize.Materializer;
import io.ctsuite.datasets.policy.Amounts;
import io.ctsuite.datasets.snapshot.Cancellation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ct dataset materialize NAME V DIR}. */
@Command(
    name = "materialize",
    mixinStandardHelpOptions = true,
    description = {
      "Puts a version's files in a working directory.",
      "",
      "Files are hard-linked from this machine's content cache (copied where links are impossible, or with --no-cache). What is already in place stays; files of the previous version that this one lacks are removed; other files are left alone. Content read from a source is checked against the version's hashes."
    })
public class MaterializeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin RegistryOptions registryOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
  String name;

  @Parameters(
      index = "1",
      paramLabel = "V",
      description = "The version: latest, latest~N, v<N> or an id prefix.")
  String version;

  @Parameters(index = "2", paramLabel = "DIR", description = "The working directory.")
  Path dir;

  @Option(
      names = "--verify",
      description = "Hash every file in place and compare it with the version.")
  boolean verify;

  @Option(
      names = "--no-cache",
      description = "Copy straight from the sources instead of linking from the cache.")
  boolean noCache;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "Parallel transfers (default: cores, at least 4).")
  int threads;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress output.")
  boolean quiet;

  @Override
  public Integer call() {
    try (DatasetRegistry registry = registryOptions.open(spec)) {
      VersionInfo v = registry.resolve(name, version);
      Manifest manifest = registry.manifest(v);
      Marker marker = Marker.read(dir);
      Manifest previous = null;
      if (marker != null && marker.dataset() != null && marker.dataset().equals(name)) {
        try {
          previous = registry.manifest(marker.id());
        } catch (InputException e) {
          spec.commandLine()
              .getErr()
              .println(
                  "Note: the version in "
                      + dir
                      + " ("
                      + marker.label()
                      + ") is not readable; its files are checked one by one.");
        }
      }
      Path cache = noCache ? null : registryOptions.cache(spec).resolve("content");
      MaterializeReport report;
      Cancellation cancellation = new Cancellation();
      try (ProgressRenderer progress = Output.progress(spec, quiet || json.enabled())) {
        report =
            new Materializer(cache, registryOptions.s3(), threads, progress, cancellation)
                .materialize(v, manifest, dir, previous, verify);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", v);
        doc.put("dir", dir.toAbsolutePath().normalize().toString());
        doc.put("report", report);
        Output.json(out, doc);
        return 0;
      }
      out.printf(
          "%s %s is in %s: %s in place, %s linked, %s copied, %s fetched (%s), %s removed%s%s.%n",
          name,
          v.label(),
          dir,
          Amounts.count(report.reused()),
          Amounts.count(report.linked()),
          Amounts.count(report.copied()),
          Amounts.count(report.fetched()),
          Amounts.bytes(report.bytesFetched()),
          Amounts.count(report.removed()),
          report.verified() > 0 ? ", " + Amounts.count(report.verified()) + " verified" : "",
          report.repaired() > 0
              ? ", " + Amounts.count(report.repaired()) + " edited files restored"
              : "");
      if (report.extra() > 0) {
        out.println(
            "Note: "
                + Amounts.files(report.extra())
                + " in "
                + dir
                + " belong to no version and were left alone.");
      }
      out.flush();
    }
    return 0;
  }
}
