package io.ctsuite.datasets.materialize;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.Json;
import io.ctsuite.datasets.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The note a materialization leaves in its directory: which version is there and whether it was
 * completed, so that the next one only changes what differs.
 *
 * @param dataset the dataset
 * @param id the version's id
 * @param label the version's label (v41)
 * @param complete false while a materialization runs (a crash leaves it false)
 * @param finished when it completed, ms since the epoch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Marker(String dataset, String id, String label, boolean complete, long finished) {
  public static final String FILE = ".ct-dataset.json";

  /** The marker in {@code dir}, or null when there is none or it cannot be read. */
  public static Marker read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Json.mapper().readValue(file.toFile(), Marker.class);
    } catch (IOException e) {
      return null;
    }
  }

  void write(Path dir) {
    try {
      AtomicFiles.write(dir.resolve(FILE), Json.mapper().writeValueAsBytes(this));
    } catch (IOException e) {
      throw Failures.io("Could not write " + dir.resolve(FILE), e);
    }
  }
}
