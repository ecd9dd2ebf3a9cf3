package io.ctsuite.tracking.sweep.space;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.core.expr.Expression;
import io.ctsuite.core.expr.ExpressionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a search space from YAML or JSON, or from a map (a Jenkinsfile's {@code space: [...]}). The
 * top level maps each parameter name to its specification:
 *
 * <pre>
 * lr:         {type: loguniform, low: 1.0e-4, high: 0.1}   # or {loguniform: [1.0e-4, 0.1]}
 * dropout:    {type: uniform, low: 0.0, high: 0.5}         # or {uniform: [0, 0.5]}
 * layers:     {type: int, low: 2, high: 8, step: 2}        # inclusive; log: true for a log scale
 * optimizer:  [sgd, adam]                                  # or {type: choice, values: [sgd, adam]}
 * batch_size: {grid: [32, 64, 128]}                        # every value is tried
 * epochs:     30                                           # a constant
 * momentum:   {uniform: [0.8, 0.99], when: "optimizer == 'sgd'"}
 * lr_by_bs:   {depends_on: batch_size, cases: {32: {loguniform: [1.0e-4, 0.01]},
 *                                             default: {loguniform: [0.001, 0.1]}}}
 * </pre>
 *
 * <p>Every problem is reported as an {@link InputException} naming the source and the field.
 */
public final class SpaceParser {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
  private static final Set<String> TYPES =
      Set.of("choice", "grid", "uniform", "loguniform", "int", "constant");
  private static final String EXPECTED =
      "a value, a list of choices, or a map with 'type' (choice, grid, uniform, loguniform, int,"
          + " constant), a short form such as {loguniform: [0.0001, 0.1]}, or 'depends_on' with"
          + " 'cases'";

  private final String source;

  private SpaceParser(String source) {
    this.source = source;
  }

  /** Reads a YAML or JSON file (JSON when the name ends in {@code .json}). */
  public static SearchSpace parse(Path file) {
    String name = file.toString();
    ObjectMapper mapper =
        name.toLowerCase(Locale.ROOT).endsWith(".json") ? Json.mapper() : Json.yaml();
    JsonNode tree;
    try {
      tree = mapper.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": no such file");
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      String where =
          location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr();
      throw new InputException(
          name + where + ": not valid YAML/JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputException(name + ": cannot read: " + e.getMessage(), e);
    }
    return fromTree(tree, name);
  }

  /** Reads a space from a map, e.g. the {@code space:} of a Jenkinsfile. */
  public static SearchSpace fromMap(Map<String, ?> space, String source) {
    // the compact mapper keeps the map's order; the declaration order is the display order
    return fromTree(Json.compact().valueToTree(space == null ? Map.of() : space), source);
  }

  /** Reads a space from a parsed tree; {@code source} names it in messages. */
  public static SearchSpace fromTree(JsonNode tree, String source) {
    return new SpaceParser(source).read(tree);
  }

  private SearchSpace read(JsonNode tree) {
    if (tree == null || tree.isNull() || tree.isMissingNode()) {
      throw new InputException(source + ": the search space is empty; give at least one parameter");
    }
    if (!tree.isObject()) {
      throw new InputException(
          source
              + ": the search space must map parameter names to their specifications, got "
              + kind(tree));
    }
    if (tree.isEmpty()) {
      throw new InputException(source + ": the search space is empty; give at least one parameter");
    }
    List<Parameter> declared = new ArrayList<>();
    Map<String, String> envNames = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (!NAME.matcher(name).matches()) {
        throw new InputException(
            source
                + ": parameter '"
                + name
                + "': a name starts with a letter or '_' and has only letters, digits, '_', '.',"
                + " '-'");
      }
      String env = Parameter.envName(name);
      String clash = envNames.putIfAbsent(env, name);
      if (clash != null) {
        throw new InputException(
            source
                + ": parameters '"
                + clash
                + "' and '"
                + name
                + "' would both be passed as "
                + env
                + "; rename one");
      }
      declared.add(parameter(name, field.getValue()));
    }
    Map<String, Parameter> byName = new LinkedHashMap<>();
    declared.forEach(p -> byName.put(p.name(), p));
    for (Parameter parameter : declared) {
      checkReferences(parameter, byName);
    }
    return new SearchSpace(declared, samplingOrder(declared, byName), tree);
  }

  private Parameter parameter(String name, JsonNode spec) {
    if (spec.isObject() && (spec.has("depends_on") || spec.has("cases"))) {
      return conditional(name, spec);
    }
    Expression when = when(name, spec);
    if (spec.isObject() && isGrid(spec)) {
      if (when != null) {
        throw fieldError(
            name,
            "when",
            "a grid parameter cannot be conditional: every trial takes one of its values");
      }
      return Parameter.grid(name, (Domain.Choice) domain(name, name, spec));
    }
    return Parameter.searched(name, domain(name, name, spec), when);
  }

  private Parameter conditional(String name, JsonNode spec) {
    allowOnly(name, spec, Set.of("depends_on", "cases", "when"));
    JsonNode parent = spec.get("depends_on");
    if (parent == null || !parent.isTextual() || parent.asText().isBlank()) {
      throw fieldError(name, "depends_on", "name the parameter whose value picks the case");
    }
    JsonNode cases = spec.get("cases");
    if (cases == null || !cases.isObject() || cases.isEmpty()) {
      throw fieldError(
          name,
          "cases",
          "map each value of '" + parent.asText() + "' to a specification, e.g. {32: [0.1, 0.2]}");
    }
    Map<String, Domain> byValue = new LinkedHashMap<>();
    Domain otherwise = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String field = name + ".cases." + entry.getKey();
      JsonNode caseSpec = entry.getValue();
      if (caseSpec.isObject()
          && (caseSpec.has("depends_on") || caseSpec.has("cases") || caseSpec.has("when"))) {
        throw new InputException(
            source
                + ": parameter '"
                + field
                + "': a case is a plain specification; conditions belong to the parameter");
      }
      if (caseSpec.isObject() && isGrid(caseSpec)) {
        throw new InputException(
            source
                + ": parameter '"
                + field
                + "': grid values cannot depend on another parameter; use a choice");
      }
      Domain domain = domain(name, field, caseSpec);
      if (entry.getKey().equals("default")) {
        otherwise = domain;
      } else {
        byValue.put(entry.getKey(), domain);
      }
    }
    return Parameter.conditional(name, parent.asText(), byValue, otherwise, when(name, spec));
  }

  private Expression when(String name, JsonNode spec) {
    if (!spec.isObject() || !spec.has("when")) {
      return null;
    }
    JsonNode condition = spec.get("when");
    if (!condition.isTextual() || condition.asText().isBlank()) {
      throw fieldError(name, "when", "give a condition such as \"optimizer == 'sgd'\"");
    }
    try {
      return Expression.parse(condition.asText());
    } catch (ExpressionException e) {
      throw fieldError(name, "when", e.getMessage());
    }
  }

  private boolean isGrid(JsonNode spec) {
    JsonNode type = spec.get("type");
    return (type != null && "grid".equals(type.asText())) || (type == null && spec.has("grid"));
  }

  /** A domain from a specification; {@code field} is the path shown in messages. */
  private Domain domain(String name, String field, JsonNode spec) {
    if (spec.isValueNode()) {
      return new Domain.Constant(PlainValues.plain(spec));
    }
    if (spec.isArray()) {
      return choice(field, "", spec);
    }
    if (!spec.isObject()) {
      throw new InputException(source + ": parameter '" + field + "': expected " + EXPECTED);
    }
    if (spec.has("type")) {
      return typed(field, spec);
    }
    List<String> shortForms = new ArrayList<>();
    spec.fieldNames()
        .forEachRemaining(
            key -> {
              if (TYPES.contains(key)) {
                shortForms.add(key);
              }
            });
    if (shortForms.size() != 1) {
      List<String> keys = new ArrayList<>();
      spec.fieldNames().forEachRemaining(keys::add);
      throw new InputException(
          source + ": parameter '" + field + "': expected " + EXPECTED + "; got keys " + keys);
    }
    String type = shortForms.get(0);
    allowOnly(field, spec, Set.of(type, "when"));
    JsonNode args = spec.get(type);
    String at = "." + type;
    return switch (type) {
      case "choice", "grid" -> choice(field, at, args);
      case "constant" -> new Domain.Constant(PlainValues.plain(args));
      default -> {
        if (!args.isArray() || args.size() < 2 || args.size() > 3) {
          throw new InputException(
              source
                  + ": parameter '"
                  + field
                  + at
                  + "': give [low, high]"
                  + ("int".equals(type) ? " or [low, high, step]" : ""));
        }
        JsonNode step = args.size() == 3 ? args.get(2) : null;
        if (step != null && !"int".equals(type)) {
          throw new InputException(source + ": parameter '" + field + at + "': give [low, high]");
        }
        yield range(field, type, args.get(0), args.get(1), step, null, at + "[0]", at + "[1]");
      }
    };
  }

  private Domain typed(String field, JsonNode spec) {
    String type = spec.get("type").asText();
    if (!TYPES.contains(type)) {
      throw new InputException(
          source
              + ": parameter '"
              + field
              + ".type': unknown type '"
              + type
              + "'; use one of choice, grid, uniform, loguniform, int, constant");
    }
    switch (type) {
      case "choice", "grid" -> {
        allowOnly(field, spec, Set.of("type", "values", "when"));
        return choice(field, ".values", spec.get("values"));
      }
      case "constant" -> {
        allowOnly(field, spec, Set.of("type", "value", "when"));
        if (!spec.has("value")) {
          throw new InputException(source + ": parameter '" + field + ".value': missing");
        }
        return new Domain.Constant(PlainValues.plain(spec.get("value")));
      }
      case "int" -> {
        allowOnly(field, spec, Set.of("type", "low", "high", "step", "log", "when"));
        return range(
            field,
            type,
            spec.get("low"),
            spec.get("high"),
            spec.get("step"),
            spec.get("log"),
            ".low",
            ".high");
      }
      default -> {
        allowOnly(field, spec, Set.of("type", "low", "high", "when"));
        return range(field, type, spec.get("low"), spec.get("high"), null, null, ".low", ".high");
      }
    }
  }

  private Domain.Choice choice(String field, String at, JsonNode values) {
    if (values == null || !values.isArray() || values.isEmpty()) {
      throw new InputException(
          source + ": parameter '" + field + at + "': give a non-empty list of values");
    }
    List<Object> options = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode value : values) {
      Object plain = PlainValues.plain(value);
      if (!seen.add(ParamFormat.caseKey(plain))) {
        throw new InputException(
            source
                + ": parameter '"
                + field
                + at
                + "': the value "
                + ParamFormat.format(plain)
                + " is listed twice");
      }
      options.add(plain);
    }
    return new Domain.Choice(options);
  }

  private Domain range(
      String field,
      String type,
      JsonNode lowNode,
      JsonNode highNode,
      JsonNode stepNode,
      JsonNode logNode,
      String lowAt,
      String highAt) {
    double low = number(field + lowAt, lowNode);
    double high = number(field + highAt, highNode);
    String where = source + ": parameter '" + field + "': ";
    if ("int".equals(type)) {
      long lowInt = integer(field + lowAt, low);
      long highInt = integer(field + highAt, high);
      long step =
          stepNode == null ? 1 : integer(field + ".step", number(field + ".step", stepNode));
      boolean log = false;
      if (logNode != null) {
        if (!logNode.isBoolean()) {
          throw new InputException(source + ": parameter '" + field + ".log': give true or false");
        }
        log = logNode.asBoolean();
      }
      if (lowInt > highInt) {
        throw new InputException(
            where + "low (" + lowInt + ") must not be above high (" + highInt + ")");
      }
      if (step < 1) {
        throw new InputException(
            source + ": parameter '" + field + ".step': must be at least 1, got " + step);
      }
      if (log && lowInt < 1) {
        throw new InputException(where + "a log-scale integer range needs low ≥ 1, got " + lowInt);
      }
      return new Domain.IntRange(lowInt, highInt, step, log);
    }
    if (!(low < high)) {
      throw new InputException(
          where
              + "low ("
              + ParamFormat.format(low)
              + ") must be below high ("
              + ParamFormat.format(high)
              + ")");
    }
    if ("loguniform".equals(type)) {
      if (low <= 0) {
        throw new InputException(
            where + "loguniform needs low > 0, got " + ParamFormat.format(low));
      }
      return new Domain.LogUniform(low, high);
    }
    return new Domain.Uniform(low, high);
  }

  private double number(String field, JsonNode node) {
    if (node == null || node.isNull()) {
      throw new InputException(source + ": parameter '" + field + "': missing");
    }
    if (node.isNumber()) {
      double value = node.asDouble();
      if (Double.isFinite(value)) {
        return value;
      }
    } else if (node.isTextual()) {
      // YAML 1.1 reads 1e-4 (no dot) as text; accept it as the number it obviously is
      try {
        double value = Double.parseDouble(node.asText().trim());
        if (Double.isFinite(value)) {
          return value;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new InputException(
        source + ": parameter '" + field + "': expected a finite number, got " + node);
  }

  private long integer(String field, double value) {
    if (value != Math.rint(value) || Math.abs(value) > 1e15) {
      throw new InputException(
          source
              + ": parameter '"
              + field
              + "': expected an integer, got "
              + ParamFormat.format(value));
    }
    return (long) value;
  }

  private void allowOnly(String field, JsonNode spec, Set<String> allowed) {
    for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new InputException(
            source
                + ": parameter '"
                + field
                + "': unknown key '"
                + key
                + "'; allowed here: "
                + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
  }

  private void checkReferences(Parameter parameter, Map<String, Parameter> byName) {
    String name = parameter.name();
    if (parameter.when() != null) {
      for (String read : parameter.when().names()) {
        if (read.equals(name)) {
          throw fieldError(
              name, "when", "a parameter's condition cannot read the parameter itself");
        }
        if (!byName.containsKey(read)) {
          throw fieldError(
              name, "when", "refers to '" + read + "', which is not a parameter of this space");
        }
      }
    }
    if (!parameter.isConditional()) {
      return;
    }
    String parentName = parameter.dependsOn();
    Parameter parent = byName.get(parentName);
    if (parentName.equals(name)) {
      throw fieldError(name, "depends_on", "a parameter cannot depend on itself");
    }
    if (parent == null) {
      throw fieldError(name, "depends_on", "'" + parentName + "' is not a parameter of this space");
    }
    List<Object> parentValues = possibleValues(parent);
    if (parentValues == null) {
      throw fieldError(
          name,
          "depends_on",
          "'"
              + parentName
              + "' is "
              + parent.describe()
              + "; cases need a parameter with listed values (choice, grid, int, constant)");
    }
    Set<String> keys = new LinkedHashSet<>();
    parentValues.forEach(v -> keys.add(ParamFormat.caseKey(v)));
    for (String key : parameter.cases().keySet()) {
      if (!keys.contains(key)) {
        throw fieldError(
            name,
            "cases." + key,
            "'" + key + "' is not a value of " + parentName + " (" + String.join(", ", keys) + ")");
      }
    }
    if (parameter.otherwise() == null) {
      for (String key : keys) {
        if (!parameter.cases().containsKey(key)) {
          throw fieldError(
              name, "cases", "no case for " + parentName + " = " + key + " and no 'default' case");
        }
      }
    }
  }

  /** Every value a parameter can take, or null when they cannot be listed. */
  private static List<Object> possibleValues(Parameter parameter) {
    List<Domain> domains = new ArrayList<>();
    if (parameter.domain() != null) {
      domains.add(parameter.domain());
    } else {
      domains.addAll(parameter.cases().values());
      if (parameter.otherwise() != null) {
        domains.add(parameter.otherwise());
      }
    }
    List<Object> values = new ArrayList<>();
    for (Domain domain : domains) {
      if (!domain.finite()) {
        return null;
      }
      values.addAll(domain.values());
    }
    return values;
  }

  /** The declared order, moved only as far as needed so that a parameter follows what it reads. */
  private List<Parameter> samplingOrder(List<Parameter> declared, Map<String, Parameter> byName) {
    List<Parameter> order = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    List<Parameter> waiting = new ArrayList<>(declared);
    while (!waiting.isEmpty()) {
      Parameter ready = null;
      for (Parameter candidate : waiting) {
        if (placed.containsAll(candidate.reads())) {
          ready = candidate;
          break;
        }
      }
      if (ready == null) {
        List<String> names = waiting.stream().map(Parameter::name).toList();
        throw new InputException(
            source
                + ": parameters "
                + names
                + " depend on each other in a circle (through depends_on or when)");
      }
      order.add(ready);
      placed.add(ready.name());
      waiting.remove(ready);
    }
    return order;
  }

  private InputException fieldError(String name, String key, String problem) {
    return new InputException(source + ": parameter '" + name + "." + key + "': " + problem);
  }

  private static String kind(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    if (node instanceof ObjectNode) {
      return "a map";
    }
    return "the value " + node;
  }
}
