package io.ctsuite.cli.dataset;

import io.ctsuite.core.InputException;
import io.ctsuite.datasets.CommitResult;
import io.ctsuite.datasets.DatasetRegistry;
import io.ctsuite.datasets.Manifest;
import io.ctsuite.datasets.VersionDraft;
import io.ctsuite.datasets.VersionInfo;
import java.io.PrintWriter;

/** Saving derived versions and naming {@code dataset@version} references. */
final class Versions {
  private Versions() {}

  /** {@code videos@v3} or {@code videos} (latest). */
  static VersionInfo resolve(DatasetRegistry registry, String reference) {
    int at = reference.lastIndexOf('@');
    String dataset = at < 0 ? reference : reference.substring(0, at);
    String version = at < 0 ? "latest" : reference.substring(at + 1);
    return registry.resolve(DatasetRegistry.checkName(dataset), version);
  }

  static String reference(VersionInfo v) {
    return v.dataset() + "@" + v.id();
  }

  /** Records a derived manifest as the next version of {@code target} and says so. */
  static CommitResult save(
      DatasetRegistry registry,
      String target,
      Manifest manifest,
      VersionDraft draft,
      PrintWriter out,
      boolean quiet) {
    if (manifest.isEmpty()) {
      throw new InputException("the result is empty; nothing was saved as " + target);
    }
    CommitResult result = registry.commit(DatasetRegistry.checkName(target), manifest, draft);
    if (!quiet) {
      out.println(
          (result.created() ? "Saved " : "Unchanged: ")
              + Output.version(result.version())
              + (result.created() ? "" : " has this content already"));
      out.flush();
    }
    return result;
  }
}
