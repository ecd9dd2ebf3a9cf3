package io.ctsuite.cli.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.gpu.reaper.AgentActivity;
import io.ctsuite.gpu.reaper.JenkinsAgents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Jenkins' view of its agents for {@code ct gpu reap}, from a JSON or YAML file:
 *
 * <pre>
 * complete: true        # every agent Jenkins has is listed: unlisted agent pods are orphans
 * agents:
 *   gpu-train-x7k2p: {state: BUSY, build: "ml/retrain #42"}
 *   gpu-train-q9d1z: {state: IDLE, since: "2024-06-01T10:00:00Z"}
 *   gpu-train-m3n8c: {state: BUILD_ENDED, build: "ml/retrain #41", result: ABORTED,
 *                     since: "2024-06-01T09:40:00Z"}
 * </pre>
 *
 * plus {@code --busy} pod names, which are always treated as running a build.
 */
final class AgentsFile {
  private AgentsFile() {}

  static JenkinsAgents read(Path file, List<String> busy) {
    Map<String, AgentActivity> agents = new HashMap<>();
    boolean complete = false;
    if (file != null) {
      JsonNode root;
      try {
        root = Json.yaml().readTree(Files.readString(file));
      } catch (IOException e) {
        throw new InputException(file + ": cannot read the agents file: " + e.getMessage(), e);
      }
      if (root == null || !root.isObject()) {
        throw new InputException(file + ": expected a mapping with 'agents' (and 'complete')");
      }
      complete = root.path("complete").asBoolean(false);
      Iterator<Map.Entry<String, JsonNode>> entries = root.path("agents").fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        agents.put(entry.getKey(), activity(file, entry.getKey(), entry.getValue()));
      }
    }
    for (String pods : busy) {
      for (String pod : pods.split(",")) {
        if (!pod.isBlank()) {
          agents.put(pod.strip(), AgentActivity.busy("(given with --busy)"));
        }
      }
    }
    return new JenkinsAgents(agents, complete);
  }

  private static AgentActivity activity(Path file, String name, JsonNode node) {
    String field = file + ": agents." + name;
    AgentActivity.State state;
    try {
      state = AgentActivity.State.valueOf(node.path("state").asText("").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException(
          field
              + ".state: '"
              + node.path("state").asText("")
              + "' is not BUSY, IDLE or BUILD_ENDED");
    }
    Instant since = null;
    if (node.hasNonNull("since")) {
      try {
        since = Instant.parse(node.get("since").asText());
      } catch (DateTimeParseException e) {
        throw new InputException(
            field
                + ".since: '"
                + node.get("since").asText()
                + "' is not a time like 2024-06-01T10:00:00Z");
      }
    }
    return new AgentActivity(
        state,
        since,
        node.hasNonNull("build") ? node.get("build").asText() : null,
        node.hasNonNull("result") ? node.get("result").asText() : null);
  }
}
