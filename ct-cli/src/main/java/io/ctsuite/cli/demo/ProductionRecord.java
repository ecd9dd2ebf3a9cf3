package io.ctsuite.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the demo remembers about the model it deployed first, so that a re-run continues from it
 * instead of training it again.
 */
final class ProductionRecord {
  private ProductionRecord() {}

  static void write(Path file, TrainedModel model, Path evaluation) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("runId", model.runId());
    record.put("modelFile", model.modelFile().toString());
    record.put("sha256", model.sha256());
    record.put("datasetLabel", model.datasetLabel());
    record.put("datasetId", model.datasetId());
    record.put("bestValAcc", model.bestValAcc());
    record.put("bestEpoch", model.bestEpoch());
    record.put("evaluation", evaluation.toString());
    try {
      AtomicFiles.writeString(
          file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(record));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The recorded model, or null when there is none or its files are gone. */
  static TrainedModel read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode node = Json.mapper().readTree(file.toFile());
      TrainedModel model =
          new TrainedModel(
              "production",
              node.path("runId").asText(),
              Path.of(node.path("modelFile").asText()),
              node.path("sha256").asText(),
              node.path("datasetLabel").asText(),
              node.path("datasetId").asText(),
              node.path("bestValAcc").asDouble(),
              node.path("bestEpoch").asLong());
      return Files.isRegularFile(model.modelFile()) ? model : null;
    } catch (IOException | RuntimeException e) {
      return null; // a damaged record: start again, as on a fresh store
    }
  }

  /** The evaluation file of the recorded model on its own dataset version. */
  static Path evaluation(Path file) {
    try {
      return Path.of(Json.mapper().readTree(file.toFile()).path("evaluation").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
