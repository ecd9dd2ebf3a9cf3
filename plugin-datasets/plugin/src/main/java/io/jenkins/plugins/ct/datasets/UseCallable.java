package io.jenkins.plugins.ct.datasets;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.materialize.Marker;
import io.ctsuite.datasets.materialize.MaterializeReport;
import io.ctsuite.datasets.materialize.Materializer;
import io.ctsuite.datasets.ops.DatasetStats;
import io.ctsuite.datasets.ops.EntryQuery;
import io.ctsuite.datasets.policy.Amounts;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Resolves the version a build uses, narrows it with a query, and materializes it into a directory
 * of the workspace from this machine's content cache.
 */
final class UseCallable extends MasterToSlaveFileCallable<UseOutcome> {
  private static final long serialVersionUID = 1L;

  private final String dataset;
  private final String version;
  private final String query;
  private final String materialize;
  private final boolean verify;
  private final RegistryRef registry;
  private final String previousBuildVersion;
  private final TaskListener listener;

  UseCallable(
      String dataset,
      String version,
      String query,
      String materialize,
      boolean verify,
      RegistryRef registry,
      String previousBuildVersion,
      TaskListener listener) {
    this.dataset = dataset;
    this.version = version;
    this.query = query;
    this.materialize = materialize;
    this.verify = verify;
    this.registry = registry;
    this.previousBuildVersion = previousBuildVersion;
    this.listener = listener;
  }

  @Override
  public UseOutcome invoke(File workspace, VirtualChannel channel)
      throws IOException, InterruptedException {
    return AgentWork.run(listener, () -> use(workspace));
  }

  private UseOutcome use(File workspace) {
    PrintStream log = listener.getLogger();
    List<String> notes = new ArrayList<>();
    try (DatasetRegistry reg = registry.open(workspace.toPath())) {
      VersionInfo v = reg.resolve(dataset, version);
      Manifest manifest = reg.manifest(v);
      LabelAliases aliases = reg.aliases(dataset);
      String selectionId = null;
      VersionInfo placed = v;
      if (query != null && !query.isBlank()) {
        EntryQuery q = EntryQuery.parse(query);
        for (String unknown : q.unknownNames(manifest)) {
          notes.add("no entry has a field '" + unknown + "'; it compares false");
        }
        Manifest selected = q.apply(manifest, aliases);
        log.println(
            "Query ["
                + query
                + "] selects "
                + Amounts.count(selected.size())
                + " of "
                + Amounts.files(manifest.size())
                + " in "
                + dataset
                + " "
                + v.label());
        if (selected.isEmpty()) {
          throw new InputException(
              "the query '" + query + "' selects no file of " + dataset + " " + v.label());
        }
        manifest = selected;
        selectionId = selected.id();
        // the directory's marker names the selection, so that the next materialization compares
        // against what is really there
        placed =
            new VersionInfo(
                v.dataset(),
                v.seq(),
                selectionId,
                v.id(),
                v.created(),
                v.creator(),
                v.note(),
                "query",
                v.dataset() + "@" + v.id(),
                java.util.Map.of("expression", query),
                selected.size(),
                selected.totalBytes());
      }
      log.println(
          "Using "
              + dataset
              + " "
              + v.label()
              + " ("
              + v.id()
              + "): "
              + Amounts.files(manifest.size())
              + ", "
              + Amounts.bytes(manifest.totalBytes()));
      MaterializeReport report = null;
      String directory = null;
      if (materialize != null && !materialize.isBlank()) {
        Path dir = workspace.toPath().resolve(materialize).normalize();
        directory = dir.toString();
        Manifest previous = previousIn(reg, dir);
        try (AbortWatch watch = new AbortWatch()) {
          report =
              new Materializer(
                      registry.cacheDir().resolve("content"),
                      registry.s3(),
                      0,
                      new ConsoleProgress(log, "  "),
                      watch.cancellation())
                  .materialize(placed, manifest, dir, previous, verify);
        }
        log.printf(
            "Materialized in %s: %s in place, %s linked, %s copied, %s fetched (%s), %s"
                + " removed%s.%n",
            materialize,
            Amounts.count(report.reused()),
            Amounts.count(report.linked()),
            Amounts.count(report.copied()),
            Amounts.count(report.fetched()),
            Amounts.bytes(report.bytesFetched()),
            Amounts.count(report.removed()),
            report.verified() > 0 ? ", " + Amounts.count(report.verified()) + " verified" : "");
        if (report.extra() > 0) {
          notes.add(
              Amounts.files(report.extra())
                  + " in "
                  + materialize
                  + " belong to no version and were left alone");
        }
      }
      notes.forEach(n -> log.println("  Note: " + n));
      ChangeSummary change =
          AgentWork.changeSince(
              reg, dataset, previousBuildVersion, manifest, v.label(), aliases, notes);
      return new UseOutcome(
          v,
          selectionId,
          manifest.size(),
          manifest.totalBytes(),
          directory,
          report,
          DatasetStats.of(manifest, aliases),
          change,
          notes);
    }
  }

  /** The manifest of what the directory's marker says is there, when it is readable. */
  private Manifest previousIn(DatasetRegistry reg, Path dir) {
    Marker marker = Marker.read(dir);
    if (marker == null || marker.dataset() == null || !marker.dataset().equals(dataset)) {
      return null;
    }
    try {
      return reg.manifest(marker.id());
    } catch (InputException e) {
      // a query's selection is no stored version: its files are checked one by one
      return null;
    }
  }
}
