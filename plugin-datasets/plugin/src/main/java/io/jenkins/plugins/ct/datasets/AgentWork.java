package io.jenkins.plugins.ct.datasets;

import hudson.AbortException;
import io.ctsuite.core.InputException;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.LabelAliases;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionInfo;
import io.ctsuite.datasets.ops.ManifestDiff;
import io.ctsuite.datasets.store.S3Location;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

/** Small pieces shared by the callables that run where the data is. */
final class AgentWork {
  private AgentWork() {}

  /** A directory relative to the workspace, an absolute directory, or an s3:// prefix as is. */
  static String location(File workspace, String path) {
    if (S3Location.isS3(path)) {
      return path;
    }
    Path p = Path.of(path);
    if (!p.isAbsolute()) {
      p = workspace.toPath().resolve(p);
    }
    return p.normalize().toString();
  }

  /**
   * The change from version {@code fromId} to {@code manifest}, or null when {@code fromId} is
   * null, equal, or no longer in the registry (then a note says so).
   */
  static ChangeSummary changeSince(
      DatasetRegistry registry,
      String dataset,
      String fromId,
      Manifest manifest,
      String toLabel,
      LabelAliases aliases,
      List<String> notes) {
    if (fromId == null || fromId.isEmpty()) {
      return null;
    }
    try {
      VersionInfo from = registry.resolve(dataset, fromId);
      ManifestDiff diff = ManifestDiff.between(registry.manifest(from), manifest);
      return ChangeSummary.of(diff.summarize(dataset, from.label(), toLabel, aliases));
    } catch (InputException e) {
      notes.add("Could not compare with " + shortId(fromId) + ": " + e.getMessage());
      return null;
    }
  }

  static String shortId(String id) {
    return id == null ? "" : id.substring(0, Math.min(12, id.length()));
  }

  /**
   * Runs agent work and turns the model's errors into a message without a stack trace: bad input
   * and refused snapshots are the user's to fix, not a crash.
   */
  static <T> T run(Work<T> work) throws IOException, InterruptedException {
    return run(null, work);
  }

  /**
   * As {@link #run(Work)}, and flushes the console before returning: on an agent the build log is a
   * buffered remote stream, and what is still in the buffer when the callable returns could arrive
   * after the step, or never when the agent goes away.
   */
  static <T> T run(hudson.model.TaskListener listener, Work<T> work)
      throws IOException, InterruptedException {
    try {
      return work.run();
    } catch (InputException e) { // SnapshotException included
      throw new AbortException(e.getMessage());
    } catch (CancellationException e) {
      throw new InterruptedException("aborted: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new IOException(e.getMessage(), e.getCause());
    } finally {
      if (listener != null) {
        listener.getLogger().flush();
      }
    }
  }

  @FunctionalInterface
  interface Work<T> {
    T run() throws IOException, InterruptedException;
  }
}
