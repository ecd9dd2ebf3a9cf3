package io.jenkins.plugins.ct.datasets;

import com.fasterxml.jackson.core.type.TypeReference;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Job;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.Json;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a job's dataset trigger remembers, per dataset, in {@code ct-datasets-trigger.json} in the
 * job's directory: the version the last triggered build consumed (the baseline of the next poll, so
 * that one change never fires twice) and why it fired.
 */
final class TriggerMemory {
  private static final Logger LOGGER = Logger.getLogger(TriggerMemory.class.getName());
  static final String FILE = "ct-datasets-trigger.json";

  /**
   * @param consumedId the version handed to the build
   * @param consumedLabel its label (v42)
   * @param previousId the version before it, or null
   * @param reason why the trigger fired
   * @param firedAt when, ms
   * @param build the number the build was expected to get (the job's next build number then)
   */
  record Entry(
      String consumedId,
      String consumedLabel,
      String previousId,
      String reason,
      long firedAt,
      int build) {}

  private final File file;
  private final Map<String, Entry> entries;

  private TriggerMemory(File file, Map<String, Entry> entries) {
    this.file = file;
    this.entries = entries;
  }

  static TriggerMemory of(Job<?, ?> job) {
    File file = new File(job.getRootDir(), FILE);
    Map<String, Entry> entries = new TreeMap<>();
    if (file.isFile()) {
      try {
        entries.putAll(Json.mapper().readValue(file, new TypeReference<Map<String, Entry>>() {}));
      } catch (IOException e) {
        LOGGER.log(Level.WARNING, "Ignoring the unreadable " + file + ": " + e.getMessage());
      }
    }
    return new TriggerMemory(file, entries);
  }

  @CheckForNull
  Entry get(String dataset) {
    return entries.get(dataset);
  }

  Map<String, Entry> all() {
    return Map.copyOf(entries);
  }

  void put(String dataset, Entry entry) throws IOException {
    entries.put(dataset, entry);
    AtomicFiles.write(
        file.toPath(), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(entries));
  }
}
