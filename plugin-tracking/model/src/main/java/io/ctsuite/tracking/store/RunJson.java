package io.ctsuite.tracking.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.tracking.run.Artifact;
import io.ctsuite.tracking.run.DatasetRef;
import io.ctsuite.tracking.run.MetricSummary;
import io.ctsuite.tracking.run.Metrics;
import io.ctsuite.tracking.run.ParamValues;
import io.ctsuite.tracking.run.References;
import io.ctsuite.tracking.run.RunStatus;
import io.ctsuite.tracking.run.RunSummary;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code run.json}: a {@link RunSummary} as JSON, with a {@code "schema"} number.
 *
 * <p>Schema 2 (current) stores params flattened, times as ISO-8601 and a full {@link MetricSummary}
 * per metric. Schema 1, the first draft format, stored {@code "experiment"} instead of {@code
 * "family"}, nested params, epoch-millisecond times and only last/min/max/steps per metric; it is
 * upgraded on reading (unknown steps read as -1, an unknown first value as NaN). A file from a
 * newer schema is refused with a clear message rather than misread.
 */
public final class RunJson {
  /** The schema this code writes. */
  public static final int SCHEMA = 2;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RunJson() {}

  public static ObjectNode toJson(RunSummary run) {
    ObjectNode root = NODES.objectNode();
    root.put("schema", SCHEMA);
    root.put("id", run.id());
    root.put("family", run.family());
    if (run.name() != null) {
      root.put("name", run.name());
    }
    root.put("status", run.status().name());
    putTime(root, "startedAt", run.startedAt());
    putTime(root, "endedAt", run.endedAt());
    if (run.exitCode() != null) {
      root.put("exitCode", run.exitCode());
    }
    ObjectNode params = root.putObject("params");
    run.params().forEach((k, v) -> params.set(k, paramNode(v)));
    ObjectNode tags = root.putObject("tags");
    run.tags().forEach(tags::put);
    root.set("metrics", summaries(run.metrics()));
    root.set("system", summaries(run.system()));
    ArrayNode artifacts = root.putArray("artifacts");
    for (Artifact a : run.artifacts()) {
      ObjectNode node = artifacts.addObject().put("path", a.path());
      if (a.role() != null) {
        node.put("role", a.role());
      }
      if (a.size() >= 0) {
        node.put("size", a.size());
      }
      if (a.sha256() != null) {
        node.put("sha256", a.sha256());
      }
    }
    root.set("references", references(run.references()));
    if (!run.warnings().isEmpty()) {
      ArrayNode warnings = root.putArray("warnings");
      run.warnings().forEach(warnings::add);
    }
    return root;
  }

  public static byte[] toBytes(RunSummary run) {
    try {
      return Json.mapper().writeValueAsBytes(toJson(run));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write run " + run.id(), e);
    }
  }

  /**
   * Reads a run summary of any known schema.
   *
   * @param where the file, for messages
   * @throws InputException naming the file and the field that is wrong
   */
  public static RunSummary fromJson(JsonNode root, String where) {
    if (root == null || !root.isObject()) {
      throw new InputException(where + ": expected a JSON object");
    }
    int schema = root.path("schema").asInt(1);
    if (schema > SCHEMA) {
      throw new InputException(
          where
              + ": schema "
              + schema
              + " is newer than this ct reads ("
              + SCHEMA
              + "); update ct");
    }
    // only an old schema is rewritten (on a copy); the current one is read as it is
    ObjectNode node = schema == 1 ? upgradeFrom1((ObjectNode) root) : (ObjectNode) root;
    try {
      return read(node, where);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new InputException(where + ": " + e.getMessage(), e);
    }
  }

  private static RunSummary read(ObjectNode node, String where) {
    String id = text(node, "id", where, true);
    RunSummary.Builder b = RunSummary.builder(id);
    b.family(text(node, "family", where, false));
    b.name(text(node, "name", where, false));
    String status = text(node, "status", where, false);
    if (status != null) {
      try {
        b.status(RunStatus.valueOf(status.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InputException(where + ": field 'status': unknown status '" + status + "'");
      }
    }
    b.startedAt(time(node.get("startedAt"), where, "startedAt"));
    b.endedAt(time(node.get("endedAt"), where, "endedAt"));
    if (node.hasNonNull("exitCode")) {
      b.exitCode(node.get("exitCode").asInt());
    }
    node.path("params").fields().forEachRemaining(e -> b.param(e.getKey(), param(e.getValue())));
    node.path("tags").fields().forEachRemaining(e -> b.tag(e.getKey(), e.getValue().asText()));
    b.metrics(summaries(node.path("metrics"), where, "metrics"));
    b.system(summaries(node.path("system"), where, "system"));
    for (JsonNode a : node.path("artifacts")) {
      String path = a.path("path").asText(null);
      if (path == null) {
        throw new InputException(where + ": an artifact has no 'path'");
      }
      b.artifact(
          new Artifact(
              path,
              a.path("role").asText(null),
              a.path("size").asLong(-1),
              a.path("sha256").asText(null)));
    }
    b.references(references(node.path("references")));
    for (JsonNode w : node.path("warnings")) {
      b.warning(w.asText());
    }
    return b.build();
  }

  /** Schema 1 → 2: renamed family, nested params, millisecond times, short metric summaries. */
  static ObjectNode upgradeFrom1(ObjectNode v1) {
    ObjectNode v2 = v1.deepCopy();
    v2.put("schema", 2);
    if (!v2.has("family") && v2.has("experiment")) {
      v2.set("family", v2.get("experiment"));
    }
    v2.remove("experiment");
    ObjectNode params = NODES.objectNode();
    Map<String, Object> nested = Json.mapper().convertValue(v1.path("params"), Map.class);
    if (nested != null) {
      ParamValues.flatten("", nested, (k, v) -> params.set(k, paramNode(v)));
    }
    v2.set("params", params);
    for (String field : List.of("startedAt", "endedAt")) {
      JsonNode t = v1.get(field);
      if (t != null && t.isNumber()) {
        v2.put(field, Instant.ofEpochMilli(t.asLong()).toString());
      }
    }
    ObjectNode metrics = NODES.objectNode();
    v1.path("metrics")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode m = e.getValue();
              ObjectNode s = metrics.putObject(e.getKey());
              s.put("count", m.path("steps").asLong(0));
              s.set("first", NODES.textNode("NaN"));
              s.set("last", m.path("last"));
              s.set("min", m.path("min"));
              s.set("max", m.path("max"));
              s.put("firstStep", -1).put("lastStep", -1).put("minStep", -1).put("maxStep", -1);
            });
    v2.set("metrics", metrics);
    return v2;
  }

  private static ObjectNode summaries(Map<String, MetricSummary> summaries) {
    ObjectNode node = NODES.objectNode();
    summaries.forEach(
        (k, s) -> {
          ObjectNode m = node.putObject(k);
          m.put("count", s.count());
          putNumber(m, "first", s.first());
          putNumber(m, "last", s.last());
          putNumber(m, "min", s.min());
          putNumber(m, "max", s.max());
          m.put("firstStep", s.firstStep());
          m.put("lastStep", s.lastStep());
          m.put("minStep", s.minStep());
          m.put("maxStep", s.maxStep());
          m.put("lastTime", s.lastWallTime());
          putNumber(m, "mean", s.mean());
        });
    return node;
  }

  private static TreeMap<String, MetricSummary> summaries(
      JsonNode node, String where, String field) {
    TreeMap<String, MetricSummary> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode m = e.getValue();
      String at = field + "." + e.getKey();
      out.put(
          e.getKey(),
          new MetricSummary(
              m.path("count").asLong(0),
              number(m.get("first"), where, at + ".first"),
              number(m.get("last"), where, at + ".last"),
              number(m.get("min"), where, at + ".min"),
              number(m.get("max"), where, at + ".max"),
              m.path("firstStep").asLong(-1),
              m.path("lastStep").asLong(-1),
              m.path("minStep").asLong(-1),
              m.path("maxStep").asLong(-1),
              m.path("lastTime").asLong(0),
              // absent in records written before the mean was kept: unknown
              number(m.get("mean"), where, at + ".mean")));
    }
    return out;
  }

  private static ObjectNode references(References r) {
    ObjectNode node = NODES.objectNode();
    if (!r.datasets().isEmpty()) {
      ArrayNode datasets = node.putArray("datasets");
      for (DatasetRef d : r.datasets()) {
        ObjectNode dn = datasets.addObject().put("name", d.name());
        if (d.version() != null) {
          dn.put("version", d.version());
        }
      }
    }
    putText(node, "gitCommit", r.gitCommit());
    putText(node, "gitRepository", r.gitRepository());
    putText(node, "containerImage", r.containerImage());
    putText(node, "buildUrl", r.buildUrl());
    return node;
  }

  private static References references(JsonNode node) {
    List<DatasetRef> datasets = new ArrayList<>();
    for (JsonNode d : node.path("datasets")) {
      datasets.add(new DatasetRef(d.path("name").asText(), d.path("version").asText(null)));
    }
    return new References(
        datasets,
        node.path("gitCommit").asText(null),
        node.path("gitRepository").asText(null),
        node.path("containerImage").asText(null),
        node.path("buildUrl").asText(null));
  }

  static JsonNode paramNode(Object value) {
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Metrics.format(d));
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    return value == null ? NODES.nullNode() : NODES.textNode(String.valueOf(value));
  }

  private static Object param(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.asLong() : node.asText();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.put(field, Metrics.format(value));
    }
  }

  private static double number(JsonNode node, String where, String field) {
    if (node == null || node.isNull()) {
      return Double.NaN;
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    try {
      return Metrics.parse(node.asText());
    } catch (NumberFormatException e) {
      throw new InputException(where + ": field '" + field + "' is not a number: " + node);
    }
  }

  private static void putTime(ObjectNode node, String field, Long epochMillis) {
    if (epochMillis != null) {
      node.put(field, Instant.ofEpochMilli(epochMillis).toString());
    }
  }

  private static Long time(JsonNode node, String where, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.asLong();
    }
    try {
      return Instant.parse(node.asText()).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new InputException(where + ": field '" + field + "' is no ISO-8601 time: " + node);
    }
  }

  private static void putText(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static String text(JsonNode node, String field, String where, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new InputException(where + ": field '" + field + "' is missing");
      }
      return null;
    }
    return value.asText();
  }
}
