package io.ctsuite.promotion.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ctsuite.core.InputException;
import io.ctsuite.core.Json;
import io.ctsuite.promotion.stats.McNemar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a gate spec from YAML or JSON text, or from the map a Jenkinsfile passes. Every error names
 * the field, e.g. {@code checks[2].significance.alpha: must be between 0 and 1}.
 */
public final class GateSpecParser {
  private static final Set<String> TOP =
      Set.of("seed", "idColumn", "requireDatasetVersion", "checks", "budgets");
  private static final Set<String> CHECK =
      Set.of(
          "name",
          "metric",
          "better",
          "floor",
          "ceiling",
          "maxRegression",
          "minImprovement",
          "slices",
          "significance",
          "required",
          "advisory");
  private static final Set<String> SLICES =
      Set.of(
          "by", "floor", "ceiling", "maxRegression", "minImprovement", "minExamples", "required");
  private static final Set<String> SIGNIFICANCE = Set.of("test", "alpha", "resamples", "method");
  private static final Set<String> BUDGET = Set.of("metric", "name", "max", "required");

  private final String origin;

  private GateSpecParser(String origin) {
    this.origin = origin;
  }

  /** Reads a spec file (YAML or JSON). */
  public static GateSpec read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new InputException("gate spec not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses spec text; {@code origin} names it in messages (a file name). */
  public static GateSpec parse(String text, String origin) {
    Object root;
    try {
      root =
          text.stripLeading().startsWith("{")
              ? Json.mapper().readValue(text, Object.class)
              : Json.yaml().readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw syntaxError(origin, e);
    }
    if (!(root instanceof Map)) {
      throw new InputException(origin + ": expected a map with a list of checks");
    }
    return parse((Map<?, ?>) root, origin);
  }

  /** A message for broken YAML or JSON: where, and the parser's own words for what. */
  static InputException syntaxError(String origin, JsonProcessingException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        return new InputException(
            origin
                + " line "
                + (yaml.getProblemMark().getLine() + 1)
                + ", column "
                + (yaml.getProblemMark().getColumn() + 1)
                + ": "
                + yaml.getProblem()
                + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")"));
      }
    }
    String message = e.getOriginalMessage();
    int end = message.indexOf('\n');
    return new InputException(
        origin
            + " line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ": "
            + (end < 0 ? message : message.substring(0, end)));
  }

  /** Reads a spec given as a map, as a Jenkinsfile passes it. */
  public static GateSpec parse(Map<?, ?> map, String origin) {
    return new GateSpecParser(origin).spec(map);
  }

  private GateSpec spec(Map<?, ?> map) {
    known(map, TOP, "");
    long seed = map.containsKey("seed") ? integer(map.get("seed"), "seed") : GateSpec.DEFAULT_SEED;
    String idColumn = optionalText(map.get("idColumn"), "idColumn");
    boolean requireVersion = bool(map.get("requireDatasetVersion"), "requireDatasetVersion", false);
    List<CheckSpec> checks = new ArrayList<>();
    Object rawChecks = map.get("checks");
    if (rawChecks != null) {
      if (!(rawChecks instanceof List<?> list)) {
        throw error("checks", "must be a list of checks");
      }
      for (int i = 0; i < list.size(); i++) {
        checks.add(check(list.get(i), "checks[" + i + "]"));
      }
    }
    Object budgets = map.get("budgets");
    if (budgets != null) {
      checks.addAll(budgets(budgets));
    }
    if (checks.isEmpty()) {
      throw error("checks", "the spec has no checks (add at least one under checks or budgets)");
    }
    return new GateSpec(seed, idColumn, requireVersion, checks);
  }

  private CheckSpec check(Object raw, String path) {
    Map<?, ?> map = map(raw, path);
    known(map, CHECK, path);
    String metric = text(map.get("metric"), path + ".metric");
    String name = optionalText(map.get("name"), path + ".name");
    Direction better = direction(map.get("better"), path + ".better", Direction.HIGHER);
    Double floor = optionalNumber(map.get("floor"), path + ".floor");
    Double ceiling = optionalNumber(map.get("ceiling"), path + ".ceiling");
    if (floor != null && ceiling != null && floor > ceiling) {
      throw error(path + ".floor", "is above the ceiling " + Numbers.format(ceiling));
    }
    Threshold maxRegression = threshold(map.get("maxRegression"), path + ".maxRegression");
    Threshold minImprovement = threshold(map.get("minImprovement"), path + ".minImprovement");
    Significance significance = significance(map.get("significance"), path + ".significance");
    boolean required = required(map, path);
    SliceSpec slices = slices(map.get("slices"), path + ".slices");
    if (floor == null
        && ceiling == null
        && maxRegression == null
        && minImprovement == null
        && significance == null) {
      throw error(
          path,
          "sets no requirement; add at least one of floor, ceiling, maxRegression,"
              + " minImprovement or significance");
    }
    return new CheckSpec(
        path,
        name == null ? metric : name,
        metric,
        better,
        floor,
        ceiling,
        maxRegression,
        minImprovement,
        significance,
        slices,
        required);
  }

  private boolean required(Map<?, ?> map, String path) {
    Boolean required =
        map.containsKey("required") ? bool(map.get("required"), path + ".required", true) : null;
    Boolean advisory =
        map.containsKey("advisory") ? bool(map.get("advisory"), path + ".advisory", false) : null;
    if (required != null && advisory != null && required == advisory) {
      throw error(path + ".advisory", "contradicts required; set only one of them");
    }
    if (required != null) {
      return required;
    }
    return advisory == null || !advisory;
  }

  private List<CheckSpec> budgets(Object raw) {
    List<CheckSpec> checks = new ArrayList<>();
    if (raw instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String metric = String.valueOf(entry.getKey());
        String path = "budgets." + metric;
        if (entry.getValue() instanceof Map<?, ?> detail) {
          checks.add(budget(detail, metric, path));
        } else {
          checks.add(budgetCheck(path, metric, null, number(entry.getValue(), path), true));
        }
      }
    } else if (raw instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String path = "budgets[" + i + "]";
        Map<?, ?> detail = map(list.get(i), path);
        checks.add(budget(detail, text(detail.get("metric"), path + ".metric"), path));
      }
    } else {
      throw error("budgets", "must map metric names to limits, e.g. {latency_p95_ms: 250}");
    }
    return checks;
  }

  private CheckSpec budget(Map<?, ?> detail, String metric, String path) {
    known(detail, BUDGET, path);
    if (detail.containsKey("metric") && !metric.equals(String.valueOf(detail.get("metric")))) {
      throw error(path + ".metric", "differs from the budget's key '" + metric + "'");
    }
    return budgetCheck(
        path,
        metric,
        optionalText(detail.get("name"), path + ".name"),
        number(detail.get("max"), path + ".max"),
        bool(detail.get("required"), path + ".required", true));
  }

  private static CheckSpec budgetCheck(
      String path, String metric, String name, double max, boolean required) {
    return new CheckSpec(
        path,
        name == null ? metric : name,
        metric,
        Direction.LOWER,
        null,
        max,
        null,
        null,
        null,
        null,
        required);
  }

  private SliceSpec slices(Object raw, String path) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof Map<?, ?> map) {
      known(map, SLICES, path);
      List<String> columns = columns(map.get("by"), path + ".by");
      Integer minExamples =
          map.containsKey("minExamples")
              ? (int) integer(map.get("minExamples"), path + ".minExamples")
              : 1;
      if (minExamples < 1) {
        throw error(path + ".minExamples", "must be at least 1");
      }
      return new SliceSpec(
          columns,
          optionalNumber(map.get("floor"), path + ".floor"),
          optionalNumber(map.get("ceiling"), path + ".ceiling"),
          threshold(map.get("maxRegression"), path + ".maxRegression"),
          threshold(map.get("minImprovement"), path + ".minImprovement"),
          minExamples,
          map.containsKey("required") ? bool(map.get("required"), path + ".required", true) : null);
    }
    return new SliceSpec(columns(raw, path), null, null, null, null, 1, null);
  }

  private List<String> columns(Object raw, String path) {
    if (raw == null) {
      throw error(path, "is missing; name the slice column(s)");
    }
    List<String> columns = new ArrayList<>();
    if (raw instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        columns.add(text(list.get(i), path + "[" + i + "]"));
      }
    } else {
      columns.add(text(raw, path));
    }
    if (columns.isEmpty()) {
      throw error(path, "names no column");
    }
    return columns;
  }

  private Significance significance(Object raw, String path) {
    if (raw == null) {
      return null;
    }
    Map<?, ?> map;
    if (raw instanceof CharSequence) {
      map = Map.of("test", raw.toString());
    } else {
      map = map(raw, path);
    }
    known(map, SIGNIFICANCE, path);
    String testName = text(map.get("test"), path + ".test").toLowerCase(Locale.ROOT);
    Significance.Test test =
        switch (testName) {
          case "bootstrap", "paired-bootstrap", "paired_bootstrap" -> Significance.Test.BOOTSTRAP;
          case "mcnemar" -> Significance.Test.MCNEMAR;
          default ->
              throw error(path + ".test", "must be bootstrap or mcnemar, not '" + testName + "'");
        };
    double alpha =
        map.containsKey("alpha")
            ? number(map.get("alpha"), path + ".alpha")
            : Significance.DEFAULT_ALPHA;
    if (!(alpha > 0 && alpha < 1)) {
      throw error(path + ".alpha", "must be between 0 and 1 (got " + Numbers.format(alpha) + ")");
    }
    int resamples = Significance.DEFAULT_RESAMPLES;
    if (map.containsKey("resamples")) {
      if (test != Significance.Test.BOOTSTRAP) {
        throw error(path + ".resamples", "applies only to test: bootstrap");
      }
      long value = integer(map.get("resamples"), path + ".resamples");
      if (value < 100 || value > 10_000_000) {
        throw error(path + ".resamples", "must be between 100 and 10000000 (got " + value + ")");
      }
      resamples = (int) value;
    }
    McNemar.Method method = McNemar.Method.EXACT;
    if (map.containsKey("method")) {
      if (test != Significance.Test.MCNEMAR) {
        throw error(path + ".method", "applies only to test: mcnemar");
      }
      String name = text(map.get("method"), path + ".method").toLowerCase(Locale.ROOT);
      method =
          switch (name) {
            case "exact", "binomial" -> McNemar.Method.EXACT;
            case "continuity", "corrected", "edwards" -> McNemar.Method.CONTINUITY;
            case "chi2", "chisquare", "asymptotic" -> McNemar.Method.CHI2;
            default ->
                throw error(
                    path + ".method", "must be exact, continuity or chi2, not '" + name + "'");
          };
    }
    return new Significance(test, alpha, resamples, method);
  }

  // ---- typed fields ----

  private Threshold threshold(Object raw, String path) {
    if (raw == null) {
      return null;
    }
    Threshold threshold;
    if (raw instanceof CharSequence text && text.toString().strip().endsWith("%")) {
      String number = text.toString().strip();
      number = number.substring(0, number.length() - 1).strip();
      Double value = Column.toNumber(number);
      if (value == null || value.isNaN()) {
        throw error(path, "must be a number or a percentage such as \"1%\", not '" + text + "'");
      }
      threshold = new Threshold(value / 100, true);
    } else {
      threshold = new Threshold(number(raw, path), false);
    }
    if (threshold.value() < 0 || Double.isInfinite(threshold.value())) {
      throw error(path, "must not be negative (got " + threshold + ")");
    }
    return threshold;
  }

  private Direction direction(Object raw, String path, Direction fallback) {
    if (raw == null) {
      return fallback;
    }
    String value = text(raw, path).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "higher", "max", "maximize", "maximise" -> Direction.HIGHER;
      case "lower", "min", "minimize", "minimise" -> Direction.LOWER;
      default -> throw error(path, "must be higher or lower, not '" + value + "'");
    };
  }

  private Map<?, ?> map(Object raw, String path) {
    if (!(raw instanceof Map<?, ?> map)) {
      throw error(path, "must be a map of fields, not " + describe(raw));
    }
    return map;
  }

  private String text(Object raw, String path) {
    if (raw == null) {
      throw error(path, "is missing");
    }
    if (raw instanceof Map || raw instanceof List) {
      throw error(path, "must be a single value, not " + describe(raw));
    }
    String text = raw.toString().strip();
    if (text.isEmpty()) {
      throw error(path, "is empty");
    }
    return text;
  }

  private String optionalText(Object raw, String path) {
    return raw == null ? null : text(raw, path);
  }

  private double number(Object raw, String path) {
    if (raw == null) {
      throw error(path, "is missing");
    }
    Double value = raw instanceof Number n ? (Double) n.doubleValue() : null;
    if (value == null && raw instanceof CharSequence text) {
      value = Column.toNumber(text.toString().strip());
    }
    if (value == null || value.isNaN() || raw instanceof Boolean) {
      throw error(path, "must be a number, not " + describe(raw));
    }
    return value;
  }

  private Double optionalNumber(Object raw, String path) {
    return raw == null ? null : number(raw, path);
  }

  private long integer(Object raw, String path) {
    double value = number(raw, path);
    if (value != Math.rint(value) || Math.abs(value) > 9.0e15) {
      throw error(path, "must be a whole number (got " + Numbers.format(value) + ")");
    }
    return (long) value;
  }

  private boolean bool(Object raw, String path, boolean fallback) {
    if (raw == null) {
      return fallback;
    }
    if (raw instanceof Boolean b) {
      return b;
    }
    String text = raw.toString().strip().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw error(path, "must be true or false, not '" + raw + "'");
    };
  }

  private void known(Map<?, ?> map, Set<String> fields, String path) {
    for (Object key : map.keySet()) {
      String name = String.valueOf(key);
      if (!fields.contains(name)) {
        String field = path.isEmpty() ? name : path + "." + name;
        String suggestion = closest(name, fields);
        throw error(
            field,
            "unknown field"
                + (suggestion == null ? "" : " (did you mean " + suggestion + "?)")
                + "; known: "
                + String.join(", ", fields.stream().sorted().toList()));
      }
    }
  }

  private static String closest(String name, Set<String> fields) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String field : fields.stream().sorted().toList()) {
      int distance = distance(name.toLowerCase(Locale.ROOT), field.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = field;
        bestDistance = distance;
      }
    }
    return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String describe(Object raw) {
    if (raw instanceof Map) {
      return "a map";
    }
    if (raw instanceof List) {
      return "a list";
    }
    return raw instanceof CharSequence ? "'" + raw + "'" : String.valueOf(raw);
  }

  private InputException error(String field, String message) {
    return new InputException(origin + ": " + field + ": " + message);
  }
}
