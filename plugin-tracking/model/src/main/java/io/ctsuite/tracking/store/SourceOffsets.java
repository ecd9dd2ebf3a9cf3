package io.ctsuite.tracking.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.core.AtomicFiles;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far each captured file was read (byte offset and line count), so that capturing a file again
 * reads only what was appended since. A file that shrank was replaced and is read again.
 */
public final class SourceOffsets implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where reading of one file stopped. */
  public record Offset(long bytes, long lines) implements Serializable {}

  private final TreeMap<String, Offset> offsets = new TreeMap<>();

  public Offset get(String source) {
    return offsets.getOrDefault(source, new Offset(0, 0));
  }

  public void put(String source, Offset offset) {
    offsets.put(source, offset);
  }

  public Map<String, Offset> asMap() {
    return Collections.unmodifiableMap(offsets);
  }

  static SourceOffsets read(Path file) {
    SourceOffsets sources = new SourceOffsets();
    JsonNode root;
    try {
      root = Json.mapper().readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return sources;
    } catch (IOException e) {
      throw new InputException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    root.path("sources")
        .fields()
        .forEachRemaining(
            e ->
                sources.put(
                    e.getKey(),
                    new Offset(
                        e.getValue().path("bytes").asLong(0),
                        e.getValue().path("lines").asLong(0))));
    return sources;
  }

  void write(Path file) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("schema", 1);
    ObjectNode sources = root.putObject("sources");
    offsets.forEach((k, v) -> sources.putObject(k).put("bytes", v.bytes()).put("lines", v.lines()));
    try {
      AtomicFiles.write(file, Json.mapper().writeValueAsBytes(root));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
