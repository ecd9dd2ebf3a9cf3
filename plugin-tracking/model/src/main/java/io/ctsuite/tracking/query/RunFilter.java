package io.ctsuite.tracking.query;

import io.ctsuite.core.InputException;
import io.ctsuite.core.expr.Expression;
import io.ctsuite.core.expr.ExpressionException;
import io.ctsuite.tracking.run.MetricSummary.Goal;
import io.ctsuite.tracking.run.MetricSummary.ValueKind;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A filter expression over runs of an index, e.g. {@code lr < 0.05 and tags.arch == 'resnet50'}.
 *
 * <p>Names resolve as follows: {@code params.X} a parameter, {@code tags.X} a tag, {@code
 * metrics.X} a metric's last value ({@code metrics.X.min}, {@code .max}, {@code .first}, {@code
 * .count} for the others, when X itself is no metric); {@code id}, {@code family}, {@code name},
 * {@code status}; any other name is a parameter, else a metric's last value, else a tag. A name a
 * run lacks compares false.
 */
public final class RunFilter {
  private final Expression expression;

  private RunFilter(Expression expression) {
    this.expression = expression;
  }

  /**
   * Compiles a filter; blank matches every run.
   *
   * @throws InputException describing the syntax error
   */
  public static RunFilter parse(String text) {
    try {
      return new RunFilter(Expression.parse(text));
    } catch (ExpressionException e) {
      throw new InputException("filter '" + text + "': " + e.getMessage(), e);
    }
  }

  public boolean matches(IndexView view, int row) {
    return expression.matches(resolver(view, row));
  }

  /**
   * The filter bound to one snapshot, for testing many rows: each name is resolved to an accessor
   * once (which map or column it reads), not once per row.
   */
  public java.util.function.IntPredicate bind(IndexView view) {
    Map<String, IntFunction<Object>> accessors = new HashMap<>();
    int[] current = {0};
    Function<String, Object> resolver =
        name -> accessors.computeIfAbsent(name, n -> accessor(view, n)).apply(current[0]);
    return row -> {
      current[0] = row;
      return expression.matches(resolver);
    };
  }

  /** How to read {@code name} of any row, decided once. */
  private static IntFunction<Object> accessor(IndexView view, String name) {
    switch (name) {
      case "id":
        return view::id;
      case "family":
        return view::family;
      case "name":
        return view::name;
      case "status":
        return row -> view.status(row).name();
      default:
        break;
    }
    if (name.startsWith("params.")) {
      String key = name.substring(7);
      return row -> view.row(row).params().get(key);
    }
    if (name.startsWith("tags.")) {
      String key = name.substring(5);
      return row -> view.row(row).tags().get(key);
    }
    if (name.startsWith("metrics.")) {
      String key = name.substring(8);
      return row -> metric(view, row, key);
    }
    return row -> resolve(view, row, name);
  }

  @Override
  public String toString() {
    return expression.toString();
  }

  static Function<String, Object> resolver(IndexView view, int row) {
    return name -> resolve(view, row, name);
  }

  static Object resolve(IndexView view, int row, String name) {
    switch (name) {
      case "id":
        return view.id(row);
      case "family":
        return view.family(row);
      case "name":
        return view.name(row);
      case "status":
        return view.status(row).name();
      default:
        break;
    }
    IndexView.Row r = view.row(row);
    if (name.startsWith("params.")) {
      return r.params().get(name.substring(7));
    }
    if (name.startsWith("tags.")) {
      return r.tags().get(name.substring(5));
    }
    if (name.startsWith("metrics.")) {
      return metric(view, row, name.substring(8));
    }
    Object param = r.params().get(name);
    if (param != null) {
      return param;
    }
    Object metric = metric(view, row, name);
    if (metric != null) {
      return metric;
    }
    return r.tags().get(name);
  }

  private static Object metric(IndexView view, int row, String key) {
    MetricColumn column = view.metric(key);
    if (column != null) {
      return column.has(row) ? column.value(row, ValueKind.LAST, Goal.MAX) : null;
    }
    int dot = key.lastIndexOf('.');
    if (dot <= 0) {
      return null;
    }
    column = view.metric(key.substring(0, dot));
    if (column == null || !column.has(row)) {
      return null;
    }
    return switch (key.substring(dot + 1).toLowerCase(Locale.ROOT)) {
      case "last" -> column.value(row, ValueKind.LAST, Goal.MAX);
      case "first" -> column.value(row, ValueKind.FIRST, Goal.MAX);
      case "min" -> column.value(row, ValueKind.MIN, Goal.MAX);
      case "max" -> column.value(row, ValueKind.MAX, Goal.MAX);
      case "count" -> column.count(row);
      default -> null;
    };
  }
}
